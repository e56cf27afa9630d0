"""One crawl over every way a server can break: it finishes, records each failure with its
reason, keeps the WARC valid and the catalogue consistent, respects its limits, decodes every
charset, and exits 1 ("finished, but some pages failed").

The crawl runs under `tests.loopback_only`: a connection anywhere but 127.0.0.0/8 would fail
and be logged, so the redirects to 10.0.0.1 and 169.254.169.254 can never leave this machine.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from archive.warc.encoding import MAX_DECODED_SIZE
from archive.warc.reader import read_record_at
from tests.conftest import LOCAL_CRAWL
from tests.fault_server import CHARSET_TEXT, CHARSET_VARIANTS, CHARSETS, FaultServer, serve_faults
from tests.loopback_only import run_morgue_loopback_only
from tests.test_rebuild import COMPARED_TABLES, table_rows

pytestmark = pytest.mark.integration

MAX_DEPTH = 3
HOST_CAP = 60
TIMEOUT = 4  # generous: a loaded machine must still fetch the 3 MB page in time
RETRIES = 1
MAX_SIZE = 20_000_000
MAX_REDIRECTS = 5
LIMITS = [
    "-s", f"DOWNLOAD_TIMEOUT={TIMEOUT}",
    "-s", f"RETRY_TIMES={RETRIES}",
    "-s", f"DOWNLOAD_MAXSIZE={MAX_SIZE}",
    "-s", f"REDIRECT_MAX_TIMES={MAX_REDIRECTS}",
    "-s", f"MORGUE_MAX_PAGES_PER_HOST={HOST_CAP}",
    "-s", "MORGUE_WARC_MAX_SIZE=1000000",
]  # fmt: skip


@dataclass
class FaultCrawl:
    result: subprocess.CompletedProcess[str]
    work: Path
    main: FaultServer
    trap: FaultServer
    canary: FaultServer
    netlog: Path

    @property
    def db(self) -> Path:
        return self.work / "morgue.db"

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql, params).fetchall()

    def errors(self, url: str) -> list[str]:
        return [e for (e,) in self.rows(
            "SELECT error FROM captures WHERE url = ? AND capture_status = 'failed'", url
        )]  # fmt: skip


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultCrawl]:
    work = tmp_path_factory.mktemp("faults")
    with (
        serve_faults(host="127.0.0.9") as canary,
        serve_faults(canary_url=canary.url, slow_seconds=TIMEOUT * 2) as main,
        serve_faults(host="127.0.0.2", robots_mode="5xx", plain=True) as robots_5xx,
        serve_faults(host="127.0.0.3", robots_mode="garbage", plain=True) as robots_junk,
        serve_faults(host="127.0.0.4", canary_url=canary.url) as trap,
    ):
        (work / "sites.toml").write_text(
            f'[[site]]\nname = "faults"\nstart_urls = ["{main.url}/"]\nmax_depth = {MAX_DEPTH}\n'
            f'[[site]]\nname = "robots-5xx"\nstart_urls = ["{robots_5xx.url}/"]\n'
            f'[[site]]\nname = "robots-junk"\nstart_urls = ["{robots_junk.url}/"]\n'
            f'[[site]]\nname = "trap"\nstart_urls = ["{trap.url}/calendar/2026/11/"]\n'
        )
        netlog = work / "network-refusals.log"
        result = run_morgue_loopback_only(
            "crawl", "--config", "sites.toml", *LOCAL_CRAWL, *LIMITS, cwd=work, netlog=netlog
        )
        yield FaultCrawl(result, work, main, trap, canary, netlog)


def test_the_crawl_finishes_with_failures_and_exit_1(crawl: FaultCrawl) -> None:
    assert crawl.result.returncode == 1, crawl.result.stderr[-3000:]
    ((status, exit_code, failed, fetched),) = crawl.rows(
        "SELECT status, exit_code, pages_failed, pages_fetched FROM crawl_runs"
    )
    summary = f"run 1 exit 1 (finished_with_failures): {fetched} pages fetched, {failed} failed"
    assert summary in crawl.result.stderr
    assert (status, exit_code) == ("finished_with_failures", 1)
    assert failed == len(expected_failures(crawl))
    assert fetched > 40


def expected_failures(crawl: FaultCrawl) -> dict[str, str | tuple[str, ...]]:
    """Every failed fetch of the crawl: URL -> what its recorded reason says."""
    base, port, canary = crawl.main.url, crawl.main.port, crawl.canary.url
    refused = "refused by the SSRF guard"
    return {
        **{f"{base}/status/{code}": f"HTTP {code}" for code in (404, 410, 500, 502)},
        f"{base}/status/429": "HTTP 429, Retry-After 3600 s beyond MORGUE_MAX_RETRY_AFTER",
        f"{base}/status/503": "HTTP 503, Retry-After",  # an HTTP date in 2100: past the cap
        f"{base}/slow.html": f"took longer than {TIMEOUT}.0 seconds",
        f"{base}/stall.html": f"took longer than {TIMEOUT}.0 seconds",
        f"{base}/reset.html": "ResponseDataLossError",
        f"{base}/short.html": "ResponseDataLossError",
        f"{base}/huge.html": f"larger than download max size ({MAX_SIZE})",
        # Cut at the size limit, or (on a slow machine) by the timeout before reaching it.
        f"{base}/huge-unsized.html": ("DownloadCancelledError", "took longer than"),
        f"{base}/redirect/self": "redirect loop",
        f"{base}/redirect/loop-b": "redirect loop",
        f"{base}/redirect/chain/{MAX_REDIRECTS + 1}": "max redirections reached",
        f"{base}/redirect/to-file": "HTTP 302",
        f"{base}/private/secret.html": "Forbidden by robots.txt",
        "http://10.0.0.1/": f"{refused}: 10.0.0.1 is a private address",
        "http://10.0.0.1/sitemap.xml": f"{refused}: 10.0.0.1 is a private address",
        "http://169.254.169.254/latest/meta-data/": f"{refused}: 169.254.169.254 is a cloud",
        "http://169.254.169.254/latest/meta-data/sitemap.xml": f"{refused}: 169.254.169.254",
        "http://169.254.169.254/feed": f"{refused}: 169.254.169.254 is a cloud metadata address",
        f"{canary}/secret": f"{refused}: 127.0.0.9 is a loopback address",
        f"{canary}/sitemap.xml": f"{refused}: 127.0.0.9 is a loopback address",
        f"http://[::1]:{port}/news/ok-1.html": f"{refused}: ::1 is a loopback address",
        f"http://2130706433:{port}/news/ok-1.html": f"{refused}: 127.0.0.1 is a loopback",
    }


def test_every_failure_is_recorded_with_its_reason(crawl: FaultCrawl) -> None:
    for url, reasons in expected_failures(crawl).items():
        errors = crawl.errors(url)
        reasons = (reasons,) if isinstance(reasons, str) else reasons
        assert any(r in e for e in errors for r in reasons), f"{url}: {errors}"


def test_bodies_that_cannot_be_decoded_are_archived_and_recorded_undecodable(
    crawl: FaultCrawl,
) -> None:
    base = crawl.main.url
    for path, reason in (
        ("/bad-gzip.html", "invalid gzip body: Error -3 while decompressing data"),
        ("/gzip-bomb.html", f"decoded body exceeds {MAX_DECODED_SIZE} bytes"),
    ):
        ((status, capture_status, evidence),) = crawl.rows(
            "SELECT status, capture_status, status_evidence FROM captures WHERE url = ?",
            base + path,
        )
        assert (status, capture_status) == (200, "undecodable"), path
        assert evidence.startswith(reason), evidence


def test_redirect_loops_and_chains_end_and_are_named(crawl: FaultCrawl) -> None:
    base = crawl.main.url
    (loop,) = crawl.errors(f"{base}/redirect/loop-b")  # the response that closed the loop
    a, b = f"{base}/redirect/loop-a", f"{base}/redirect/loop-b"
    assert loop.endswith(f"redirect loop: {a} -> {b} -> {a}")
    assert crawl.main.hits["/redirect/loop-a"] == 1
    chain = [n for n in range(1, 20) if crawl.main.hits[f"/redirect/chain/{n}"]]
    assert chain == list(range(1, MAX_REDIRECTS + 2))


def test_private_destinations_were_never_contacted(crawl: FaultCrawl) -> None:
    assert crawl.canary.connections == 0
    assert not crawl.netlog.exists(), crawl.netlog.read_text()
    assert crawl.rows("SELECT count(*) FROM captures WHERE url LIKE '%/secret'")[0][0] == 1


def test_good_pages_and_every_charset_are_stored_decoded(crawl: FaultCrawl) -> None:
    bodies = dict(crawl.rows("SELECT url, body FROM articles"))
    base = crawl.main.url
    for n in (1, 2, 3):
        assert "harbour authority" in bodies[f"{base}/news/ok-{n}.html"]
    for encoding in CHARSETS:
        for variant in CHARSET_VARIANTS:
            body = bodies[f"{base}/charset/{encoding}-{variant}.html"]
            assert CHARSET_TEXT[encoding] in body, (encoding, variant, body[:80])
    assert "harbour authority" in bodies[f"{base}/big-article.html"]
    for path in ("/empty.html", "/binary.html", "/deep.html", "/malformed.html"):
        assert crawl.rows(
            "SELECT status, capture_status FROM captures WHERE url = ?", base + path
        ) == [(200, "ok")], path


def test_robots_txt_that_fails_or_is_garbage_does_not_stop_the_site(crawl: FaultCrawl) -> None:
    urls = {u for (u,) in crawl.rows("SELECT url FROM articles")}
    hosts = {re.sub(r":\d+/.*", "", u.removeprefix("http://")) for u in urls}
    assert {"127.0.0.2", "127.0.0.3"} <= hosts


def test_depth_host_cap_size_and_request_counts_are_respected(crawl: FaultCrawl) -> None:
    main, trap = crawl.main.hits, crawl.trap.hits
    assert [p for p in main if p.startswith("/list")] == [f"/list?page={n}" for n in (1, 2, 3)]
    assert len([p for p in main if p.startswith("/calendar/")]) <= 1 + 2 + 2
    calendar_pages = [p for p in trap if p.startswith("/calendar/")]
    # The start URL, then the cap (a link back to the start URL may take one place of it).
    assert HOST_CAP <= len(calendar_pages) <= HOST_CAP + 1
    assert "'morgue/skipped/host_page_cap'" in log_text(crawl)
    for code in (500, 502):
        assert main[f"/status/{code}"] == 1 + RETRIES  # retried at once: no Retry-After on 5xx
    for code in (429, 503):
        assert main[f"/status/{code}"] == 1  # a Retry-After past the cap fails the page at once
    assert max(v for v in main.values()) <= 1 + RETRIES
    assert sum(main.values()) < 150
    (largest,) = crawl.rows("SELECT max(warc_length) FROM captures")[0]
    assert largest < MAX_SIZE


def log_text(crawl: FaultCrawl) -> str:
    (log,) = (crawl.work / "logs").glob("*.log")
    return log.read_text(encoding="utf-8", errors="replace")


def test_warc_files_are_valid_and_every_row_points_at_its_record(crawl: FaultCrawl) -> None:
    warc_dir = crawl.work / "warc"
    assert not list(warc_dir.glob("*.open"))
    warcs = sorted(warc_dir.glob("*.warc.gz"))
    check = subprocess.run(
        [str(Path(sys.executable).parent / "warcio"), "check", *map(str, warcs)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    located = crawl.rows(
        "SELECT warc_filename, warc_offset, warc_length, warc_record_id FROM captures "
        "WHERE warc_filename IS NOT NULL"
    )
    assert len(located) > 100
    for name, offset, length, record_id in located:
        path = warc_dir / name
        assert offset + length <= path.stat().st_size
        with path.open("rb") as handle:
            assert read_record_at(handle, offset).warc_header("WARC-Record-ID") == record_id


def test_the_catalogue_is_consistent_and_rebuilds_from_the_warcs(crawl: FaultCrawl) -> None:
    assert crawl.rows("PRAGMA integrity_check") == [("ok",)]
    assert crawl.rows("PRAGMA foreign_key_check") == []
    assert crawl.rows("SELECT count(*) FROM pending_captures") == [(0,)]
    rebuilt = crawl.work / "rebuilt.db"
    result = run_morgue_loopback_only(
        "rebuild", "--warc-dir", "warc", "--db", str(rebuilt), cwd=crawl.work, netlog=crawl.netlog
    )
    assert result.returncode == 0, result.stderr  # the bad gzip and the bomb: undecodable
    assert "0 skipped" in result.stderr
    for table in COMPARED_TABLES:
        ours, theirs = table_rows(crawl.db, table), table_rows(rebuilt, table)
        if table == "captures":
            # A redirect Scrapy won't follow (to file:) reaches the spider as a failed page;
            # the WARC only knows it as a redirect.
            ours = [
                {**r, "capture_status": "redirect", "error": None}
                if (r["error"] or "").startswith("HTTP 3")
                else r
                for r in ours
            ]
        assert ours == theirs, table
