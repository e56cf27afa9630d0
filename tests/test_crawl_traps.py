"""Traps outside the pages: endless sitemap trees and feed lists stay within the host's cap and
their own limits, with the cut-offs reported; long URLs are archived, over-long ones recorded.

Every crawl runs the real CLI against `tests.trap_server` sites on 127.0.0.x, and every bound is
asserted on the server's own count of requests.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import LOCAL_CRAWL, run_morgue
from tests.trap_server import TrapServer, serve_traps

pytestmark = pytest.mark.integration

HOST_CAP = 50  # under MORGUE_MAX_FEEDS' default of 100, so the cap is what binds
MAX_SITEMAPS = 20
SITEMAP_DEPTH = 2
MAX_FEEDS = 5
FEEDS_ANNOUNCED = 2_000
URL_LIMIT = 65_536


@dataclass
class Crawl:
    result: subprocess.CompletedProcess[str]
    work: Path

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.work / "morgue.db") as conn:
            return conn.execute(sql, params).fetchall()

    def log(self) -> str:
        (log,) = (self.work / "logs").glob("*.log")
        return log.read_text(encoding="utf-8", errors="replace")

    def cut_off(self) -> int:
        ((cut,),) = self.rows("SELECT discovery_cut FROM crawl_runs")
        return int(cut)


def warc_records(result: Crawl) -> list[tuple[str, str]]:
    """(type, target URI) of every record of the crawl's WARC files."""
    found = []
    for path in sorted((result.work / "warc").glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                uri = record.rec_headers.get_header("WARC-Target-URI")
                found.append((record.rec_type, uri))
    return found


def crawl(work: Path, *args: str) -> Crawl:
    result = run_morgue("crawl", *args, *LOCAL_CRAWL, "-s", "MORGUE_EXTRACT_WORKERS=0", cwd=work)
    return Crawl(result, work)


@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """An endless sitemap-index tree (named in robots.txt) on one host and a start page
    announcing 2,000 feeds on another, crawled under a host cap. The sitemap depth limit is set
    out of reach: with the default (3) it cut some branches before the host cap did, and which
    ones depended on the order of fetches, so the counts below varied from run to run."""
    with (
        serve_traps(host="127.0.0.5", branch=10) as tree,
        serve_traps(host="127.0.0.6", branch=0, feeds=FEEDS_ANNOUNCED) as feeds,
    ):
        work = tmp_path_factory.mktemp("capped")
        # The first start URL's robots.txt is read for sitemaps; each start page for feeds.
        result = crawl(
            work, f"{tree.url}/", f"{feeds.url}/", "-s", f"MORGUE_MAX_PAGES_PER_HOST={HOST_CAP}",
            "-s", f"MORGUE_SITEMAP_DEPTH={HOST_CAP}",
        )  # fmt: skip
        yield {"crawl": result, "tree": tree, "feeds": feeds}


def test_sitemaps_and_feeds_count_toward_the_host_cap(capped: dict[str, Any]) -> None:
    result: Crawl = capped["crawl"]
    tree: TrapServer = capped["tree"]
    feeds: TrapServer = capped["feeds"]
    assert result.result.returncode == 0, result.result.stderr[-2000:]
    # Before: 24,702 requests for the tree (the server stops it at 3,000), 2,104 for the feeds.
    assert tree.hits_under("/sitemaps/") == HOST_CAP
    assert feeds.hits_under("/feeds/") == HOST_CAP
    # Beside them only the start page and robots.txt: read by Scrapy on both hosts, and by the
    # spider, for sitemaps, on the first start URL's.
    assert tree.hits.total() == HOST_CAP + 1 + 2
    assert feeds.hits.total() == HOST_CAP + 1 + 1


def test_what_the_host_cap_cut_off_is_logged_counted_and_on_the_terminal(
    capped: dict[str, Any],
) -> None:
    result: Crawl = capped["crawl"]
    # The tree: 10 children of each of the 50 indexes fetched, less the 49 of them below the
    # root; the feeds: all but the 50 fetched.
    cut = 10 * HOST_CAP - (HOST_CAP - 1) + FEEDS_ANNOUNCED - HOST_CAP
    assert "MORGUE_MAX_PAGES_PER_HOST reached" in result.log()
    assert f"'morgue/cut/host_cap': {cut}," in result.log()
    assert result.cut_off() == cut
    assert f"sitemaps and feeds cut off: {cut} by host_cap" in result.result.stderr


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Three sites, one per limit, crawled with small limits and no host cap in the way."""
    with (
        serve_traps(host="127.0.0.6", branch=50) as wide,
        serve_traps(host="127.0.0.7", branch=2) as deep,
        serve_traps(host="127.0.0.8", branch=0, feeds=FEEDS_ANNOUNCED) as feeds,
    ):
        work = tmp_path_factory.mktemp("limited")
        (work / "sites.toml").write_text(
            "".join(
                f'[[site]]\nname = "{name}"\nstart_urls = ["{server.url}/"]\n'
                for name, server in (("wide", wide), ("deep", deep), ("feeds", feeds))
            )
        )
        result = crawl(
            work,
            "--config", "sites.toml",
            "-s", f"MORGUE_MAX_SITEMAPS={MAX_SITEMAPS}",
            "-s", f"MORGUE_SITEMAP_DEPTH={SITEMAP_DEPTH}",
            "-s", f"MORGUE_MAX_FEEDS={MAX_FEEDS}",
        )  # fmt: skip
        yield {"crawl": result, "wide": wide, "deep": deep, "feeds": feeds}


def test_max_sitemaps_bounds_a_wide_sitemap_tree(limited: dict[str, Any]) -> None:
    assert limited["crawl"].result.returncode == 0, limited["crawl"].result.stderr[-2000:]
    assert limited["wide"].hits_under("/sitemaps/") == MAX_SITEMAPS


def test_sitemap_depth_bounds_a_deep_sitemap_tree(limited: dict[str, Any]) -> None:
    deep: TrapServer = limited["deep"]
    # Depths 0, 1 and 2 of a binary tree: 1 + 2 + 4 indexes.
    assert deep.hits_under("/sitemaps/") == 7
    assert max(path.count("-") for path in deep.hits if path.startswith("/sitemaps/")) == 2


def test_max_feeds_bounds_a_page_announcing_endless_feeds(limited: dict[str, Any]) -> None:
    feeds: TrapServer = limited["feeds"]
    assert feeds.hits_under("/feeds/") == MAX_FEEDS
    assert feeds.hits_under("/news/") == MAX_FEEDS  # each feed's one article


def test_each_limit_reports_what_it_cut_off(limited: dict[str, Any]) -> None:
    result: Crawl = limited["crawl"]
    log = result.log()
    # wide: 50 children of the root and 50 of each of the 19 fetched, less the 19;
    # deep: the 8 indexes at depth 3; feeds: all but the first five announced.
    cut = {"sitemaps": 50 - 19 + 19 * 50, "sitemap_depth": 8, "feeds": FEEDS_ANNOUNCED - 5}
    for limit, count in cut.items():
        assert f"'morgue/cut/{limit}': {count}," in log
        assert f" {count} by {limit}" in result.result.stderr
    for setting in ("MORGUE_MAX_SITEMAPS", "MORGUE_SITEMAP_DEPTH", "MORGUE_MAX_FEEDS"):
        assert f"{setting} reached" in log
    assert result.cut_off() == sum(cut.values())


@pytest.fixture(scope="module")
def long_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Crawl, TrapServer]]:
    """A 5,035-character start URL, a page linking to a 3,035-character article, and a page
    linking to one longer than the limit."""
    with serve_traps() as site:
        work = tmp_path_factory.mktemp("long")
        urls = (site.long_url(5_035), f"{site.url}/long/3035", f"{site.url}/long/{URL_LIMIT + 1}")
        yield crawl(work, *urls, "--depth", "1"), site


def test_long_start_and_linked_urls_are_archived(long_urls: tuple[Crawl, TrapServer]) -> None:
    result, site = long_urls
    assert result.result.returncode == 1, result.result.stderr[-2000:]  # the over-long one
    for length in (5_035, 3_035):
        url = site.long_url(length)
        assert len(url) == length
        assert result.rows("SELECT status, capture_status FROM captures WHERE url = ?", url) == [
            (200, "ok")
        ]
        assert result.rows("SELECT count(*) FROM articles WHERE url = ?", url) == [(1,)]
    warcs = sorted((result.work / "warc").glob("*.warc.gz"))
    check = subprocess.run(
        [str(Path(sys.executable).parent / "warcio"), "check", *map(str, warcs)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    responses = {uri for kind, uri in warc_records(result) if kind == "response"}
    assert {site.long_url(5_035), site.long_url(3_035)} <= responses


def test_a_url_over_the_limit_is_a_failed_capture_with_the_reason(
    long_urls: tuple[Crawl, TrapServer],
) -> None:
    result, site = long_urls
    url = site.long_url(URL_LIMIT + 1)
    assert result.rows("SELECT capture_status, error FROM captures WHERE url = ?", url) == [
        ("failed", f"IgnoreRequest: URL of {URL_LIMIT + 1:,} characters is longer than "
         f"URLLENGTH_LIMIT ({URL_LIMIT:,})"),
    ]  # fmt: skip
    assert result.rows("SELECT pages_failed FROM crawl_runs") == [(1,)]
    assert site.hits_under("/news/") == 2  # the two archived ones; this one was never asked for
    assert ("metadata", url) in warc_records(result)  # the failure is in the archive too
    assert "1 URL(s) refused as too long" in result.result.stderr


def test_a_start_url_over_the_limit_exits_4_with_the_reason_on_the_terminal(
    tmp_path: Path,
) -> None:
    with serve_traps() as site:
        result = crawl(tmp_path, site.long_url(URL_LIMIT + 1), "--depth", "0")
    assert result.result.returncode == 4
    assert f"is longer than URLLENGTH_LIMIT ({URL_LIMIT:,})" in result.result.stderr
    assert site.hits.total() == 0
    ((status, failed),) = result.rows("SELECT capture_status, count(*) FROM captures")
    assert (status, failed) == ("failed", 1)
    assert result.rows("SELECT status, pages_failed FROM crawl_runs") == [("nothing_fetched", 1)]
