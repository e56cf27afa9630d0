"""Archived photos seen in Debian's headless Chromium through `morgue serve`, with the news site
and its image host stopped: every byte comes from the WARC files."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import morgue_executable
from tests.test_browser import WAIT_SECONDS, browser  # noqa: F401 (the Chromium fixture)
from tests.test_requisites_crawl import crawl
from tests.test_serve import http, running_server

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site crawled with its photos; its servers are stopped when this returns."""
    work = tmp_path_factory.mktemp("photos-browser")
    crawl(work, "photos")
    return work


@pytest.fixture(scope="module")
def server(archived: Path) -> Iterator[str]:
    with running_server(archived / "m.db", "--warc-dir", str(archived / "warc")) as base:
        yield base


def one(db: Path, sql: str) -> Any:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_the_article_page_shows_the_photo_from_the_archive(
    browser: Any,  # noqa: F811
    server: str,
    archived: Path,
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    article_id = one(archived / "m.db", "SELECT id FROM articles ORDER BY id LIMIT 1")
    browser.get(f"{server}/-/morgue/article/{article_id}")
    photos = WebDriverWait(browser, WAIT_SECONDS).until(
        expected_conditions.presence_of_all_elements_located(
            (By.CSS_SELECTOR, "img.morgue-archived-photo")
        )
    )
    assert len(photos) == 2
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda b: all(b.execute_script("return arguments[0].complete", p) for p in photos)
    )
    for photo in photos:
        assert browser.execute_script("return arguments[0].naturalWidth", photo) > 0
        assert photo.get_attribute("src").startswith(server + "/-/morgue/capture/")
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert loaded
    assert all(url.startswith(server) for url in loaded)


def test_the_captions_table_shows_thumbnails_and_what_is_missing(
    server: str, archived: Path
) -> None:
    status, _, page = http(f"{server}/m/captions")
    assert status == 200
    assert page.count(b'class="morgue-thumbnail"') == 4
    with sqlite3.connect(archived / "m.db") as conn:
        conn.execute("UPDATE captions SET image_capture_id = NULL WHERE position = 0")
    status, _, page = http(f"{server}/m/captions")
    assert page.count(b"photo not archived") == 2


def test_show_body_gives_the_archived_photo_bytes(archived: Path) -> None:
    url = one(archived / "m.db", "SELECT url FROM captures WHERE url LIKE '%/img/large-1.png'")
    result = subprocess.run(
        [morgue_executable(), "show", url, "--body", "--db", "m.db"],
        cwd=archived, capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == (archived / "cdn" / "img" / "large-1.png").read_bytes()
