"""`--depth N` and `-s MORGUE_DEPTH=N` are one setting: the same pages are fetched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crawler.site_server import serve_site
from tests.conftest import DEMO_SITE, LOCAL_CRAWL, run_morgue

pytestmark = pytest.mark.integration


def fetched_paths(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        urls = [url for (url,) in conn.execute("SELECT url FROM captures")]
    return {url.split("/", 3)[3] for url in urls}


@pytest.mark.parametrize("depth", ["0", "1"])
def test_depth_option_and_setting_fetch_the_same_pages(tmp_path: Path, depth: str) -> None:
    with serve_site(DEMO_SITE) as base:
        start = f"{base}/index.html"
        option = run_morgue(
            "crawl", start, "--depth", depth, *LOCAL_CRAWL, "--db", "a.db", cwd=tmp_path
        )
        setting = run_morgue(
            "crawl", start, "-s", f"MORGUE_DEPTH={depth}", *LOCAL_CRAWL, "--db", "b.db",
            cwd=tmp_path,
        )  # fmt: skip
    assert option.returncode == setting.returncode == 0, option.stderr + setting.stderr
    by_option, by_setting = fetched_paths(tmp_path / "a.db"), fetched_paths(tmp_path / "b.db")
    assert by_option == by_setting
    if depth == "0":  # no feed or sitemap discovery: the start page (and robots.txt) only
        assert by_option == {"index.html", "robots.txt"}
    else:
        assert len(by_option) > 2
