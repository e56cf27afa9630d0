"""Bounded extraction: a page past the time limit is stopped with its worker and settled as
`extraction_timeout`; a page past the size cap is `too_large`; neither holds up the pages behind
it, the crawl, catch-up after a kill, or the next run.

The slow page is a real input, not a hook: about 5 MB of article text (under the 8 MB cap),
which takes the extractor several CPU seconds, against a limit of a second or two.
"""

from __future__ import annotations

import gc
import os
import random
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest

from archive.pages.outcome import EXTRACTION_TIMEOUT, TOO_LARGE
from archive.pages.pool import WORKER_GC_THRESHOLD, ExtractionPool, TimedOut, in_order
from archive.pages.processing import CrawlContext, process_page
from crawler.site_server import serve_site
from tests.conftest import LOCAL_CRAWL, morgue_executable, run_morgue

WORDS = [
    "the", "harbour", "council", "said", "on", "monday", "that", "its", "plan", "for", "old",
    "quay", "would", "cost", "more", "than", "town", "had", "set", "aside", "and", "work",
]  # fmt: skip
STORIES = 3
BIG_PARAGRAPHS = 15_000  # ~5 MB of text: several CPU seconds of extraction


def article_page(title: str, paragraphs: int, seed: int) -> bytes:
    rng = random.Random(seed)
    body = "".join(
        "<p>" + " ".join(rng.choice(WORDS) for _ in range(60)) + ".</p>" for _ in range(paragraphs)
    )
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
        "</article></body></html>"
    ).encode()


def write_site(root: Path) -> None:
    """An index linking to the big page first, then to ordinary stories."""
    (root / "news").mkdir(parents=True)
    links = ['<a href="/news/big.html">Big</a>'] + [
        f'<a href="/news/story-{n}.html">Story {n}</a>' for n in range(STORIES)
    ]
    (root / "index.html").write_text(f"<html><body>{''.join(links)}</body></html>")
    (root / "news" / "big.html").write_bytes(article_page("The whole quay", BIG_PARAGRAPHS, 0))
    for n in range(STORIES):
        page = article_page(f"Quay story {n}", 6, n + 1)
        (root / "news" / f"story-{n}.html").write_bytes(page)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    write_site(tmp_path / "site")
    with serve_site(tmp_path / "site") as base:
        yield base


def crawl_args(base: str, timeout: str) -> list[str]:
    return [
        "crawl", f"{base}/index.html", "--depth", "1", *LOCAL_CRAWL,
        "-s", "MORGUE_EXTRACT_WORKERS=1", "-s", f"MORGUE_EXTRACT_TIMEOUT={timeout}",
    ]  # fmt: skip


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql).fetchall()


def big_capture(db: Path) -> tuple[object, ...]:
    (row,) = query(
        db,
        "SELECT capture_status, status_evidence, article_id FROM captures "
        "WHERE url LIKE '%/news/big.html' AND record_type = 'response'",
    )
    return row


def spin_or_answer(job: str) -> int:
    """Loops for ever on 'hang'; otherwise answers with the worker's pid."""
    while job == "hang":
        pass
    return os.getpid()


@pytest.mark.integration
def test_a_page_past_the_limit_is_stopped_its_worker_replaced_and_the_rest_go_on() -> None:
    with ExtractionPool(1, 0.5) as pool:
        results = list(in_order(pool, spin_or_answer, ["a", "hang", "b", "c"], 4))
    assert [job for job, _ in results] == ["a", "hang", "b", "c"]  # handed on in order
    (_, first), (_, hung), (_, second), (_, third) = results
    assert hung == TimedOut(0.5)
    assert isinstance(first, int)
    assert isinstance(second, int)
    assert second != first  # the stuck worker was killed and a new one took the next page
    assert third == second
    assert "0.5 s" in (hung.outcome().status.evidence or "")


def collector_settings(_: object) -> tuple[int, int]:
    """The worker's youngest-generation threshold and how many objects it has frozen."""
    return gc.get_threshold()[0], gc.get_freeze_count()


def test_workers_collect_garbage_without_rescanning_the_extraction_stack() -> None:
    with ExtractionPool(1) as pool:
        threshold, frozen = pool.submit(collector_settings, None).result()
    assert threshold == WORKER_GC_THRESHOLD
    assert frozen > 10_000  # the imported extraction stack, never scanned again


def test_a_page_past_the_size_cap_is_archived_but_not_extracted() -> None:
    page = article_page("Quay", 6, 1)
    small = CrawlContext(max_extract_bytes=len(page) - 1)
    outcome = process_page("http://127.0.0.1/news/q.html", 200, "text/html", page, small)
    assert outcome.status.status == TOO_LARGE
    assert outcome.article is None
    assert f"{len(page):,} bytes" in (outcome.status.evidence or "")
    assert "MORGUE_MAX_EXTRACT_BYTES" in (outcome.status.evidence or "")
    roomy = CrawlContext(max_extract_bytes=len(page))
    extracted = process_page("http://127.0.0.1/news/q.html", 200, "text/html", page, roomy)
    assert extracted.status.status == "ok"
    assert extracted.article is not None


@pytest.mark.integration
def test_the_crawl_goes_on_past_a_page_that_runs_over_the_limit(tmp_path: Path, site: str) -> None:
    result = run_morgue(*crawl_args(site, "1.5"), cwd=tmp_path)
    assert result.returncode == 1, result.stderr[-3000:]  # README: some pages failed
    db = tmp_path / "morgue.db"
    status, evidence, article = big_capture(db)
    assert (status, article) == (EXTRACTION_TIMEOUT, None)
    assert "1.5 s" in str(evidence)
    assert "MORGUE_EXTRACT_TIMEOUT" in str(evidence)
    titles = {t for (t,) in query(db, "SELECT title FROM articles")}
    assert titles == {f"Quay story {n}" for n in range(STORIES)}
    assert query(db, "SELECT count(*) FROM pending_captures") == [(0,)]
    assert query(db, "SELECT status, pages_failed FROM crawl_runs") == [
        ("finished_with_failures", 1)
    ]


@pytest.mark.integration
def test_a_crawl_killed_on_a_slow_page_is_followed_by_a_run_that_settles_it(
    tmp_path: Path, site: str
) -> None:
    db = tmp_path / "morgue.db"
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    victim = subprocess.Popen(
        [morgue_executable(), *crawl_args(site, "0")],  # no limit: it hangs on the big page
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while victim.poll() is None and not _big_page_pending(db):
            time.sleep(0.05)
        assert victim.poll() is None, "the crawl finished before it reached the big page"
    finally:
        with suppress(ProcessLookupError):
            os.killpg(victim.pid, signal.SIGKILL)
        victim.wait()
    assert _big_page_pending(db)  # archived, never catalogued: the killed run was on it

    after = run_morgue(*crawl_args(site, "1.5"), cwd=tmp_path)
    assert after.returncode == 0, after.stderr[-3000:]  # README: every page of this run fetched
    status, evidence, article = big_capture(db)
    assert (status, article) == (EXTRACTION_TIMEOUT, None)
    assert "1.5 s" in str(evidence)
    assert query(db, "SELECT count(*) FROM pending_captures") == [(0,)]  # settled, not retried
    assert [s for (s,) in query(db, "SELECT status FROM crawl_runs ORDER BY id")] == [
        "interrupted",
        "ok",
    ]

    retried = run_morgue("reextract", "--retry-failed", "--timeout", "0", cwd=tmp_path)
    assert retried.returncode == 0, retried.stderr[-3000:]
    status, evidence, article = big_capture(db)
    assert (status, evidence) == ("ok", None)
    assert article is not None
    assert query(db, f"SELECT title FROM articles WHERE id = {article}") == [("The whole quay",)]


def _big_page_pending(db: Path) -> bool:
    if not db.exists():
        return False
    try:
        return bool(
            query(
                db,
                "SELECT 1 FROM pending_captures JOIN captures ON captures.id = capture_id "
                "WHERE captures.url LIKE '%/news/big.html'",
            )
        )
    except sqlite3.Error:  # the schema is still being created
        return False
