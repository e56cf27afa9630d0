"""Scheduled, incremental crawls from a site configuration, run after run, as cron would."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from archive.warc.reader import read_record_at
from crawler.site_server import serve_site
from tests.conftest import LOCAL_CRAWL, free_port, morgue_executable, run_morgue
from tests.scheduled_site import config, edit_article, slug, write_site
from tests.test_crawl_integration import warcio_check
from tests.test_rebuild import COMPARED_TABLES, table_rows

pytestmark = pytest.mark.integration


def rows(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def crawl(work: Path) -> subprocess.CompletedProcess[str]:
    return run_morgue("crawl", "--config", "sites.toml", *LOCAL_CRAWL, cwd=work)


def test_runs_fetch_only_what_is_due_and_version_only_what_changed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(site, articles=4)
    port = free_port()
    (tmp_path / "sites.toml").write_text(config(f"http://127.0.0.1:{port}", '"1h"'))
    db = tmp_path / "morgue.db"
    with serve_site(site, port):
        first = crawl(tmp_path)
        assert first.returncode == 0, first.stderr
        assert rows(db, "SELECT count(*) FROM articles") == [(4,)]

        # Run 2, at once: the articles are not due; home page and sitemap are fetched again.
        second = crawl(tmp_path)
        assert second.returncode == 0, second.stderr
        assert "4 not due" in second.stderr
        fetched = [u.rsplit("/", 1)[1] for (u,) in rows(
            db, "SELECT url FROM captures WHERE run_id = 2 AND url NOT LIKE '%robots.txt'"
        )]  # fmt: skip
        assert sorted(fetched) == ["index.html", "news-sitemap.xml"]
        assert rows(db, "SELECT count(*) FROM article_versions") == [(4,)]

        # Two articles edited, and the operator makes rechecks due after one second: all four
        # are rechecked, conditionally (the wall clock decides, not a test hook).
        edit_article(site, 1, "Update: the quay reopened on Friday.")
        edit_article(site, 3, "Correction: the piles are inspected every fortnight.")
        (tmp_path / "sites.toml").write_text(config(f"http://127.0.0.1:{port}", '"1s"'))
        wait_until_a_second_after_the_last_capture(db)
        third = crawl(tmp_path)
        assert third.returncode == 0, third.stderr

    changed = rows(
        db,
        "SELECT articles.url, v.version, v.changed_fields, v.body_diff FROM article_versions v "
        "JOIN articles ON articles.id = v.article_id WHERE v.version > 1 ORDER BY articles.url",
    )
    assert [(u.rsplit("/", 1)[1], v, json.loads(f)) for u, v, f, _ in changed] == [
        (f"{slug(1)}.html", 2, ["body"]),
        (f"{slug(3)}.html", 2, ["body"]),
    ]
    assert "+Update: the quay reopened on Friday." in changed[0][3]
    statuses = rows(
        db,
        "SELECT status, capture_status, count(*) FROM captures WHERE run_id = 3 "
        "AND url LIKE '%/news/%' GROUP BY status, capture_status ORDER BY status",
    )
    assert statuses == [(200, "ok", 2), (304, "not_modified", 2)]

    published = rows(
        db,
        "SELECT d.url, d.published, d.title, d.source_kind FROM discoveries d "
        "ORDER BY d.id LIMIT 1",
    )
    assert published[0][1] == "2026-11-20T08:00:00+01:00"
    assert published[0][2] == "Harbour works continue, part 0"
    assert published[0][3] == "news_sitemap"
    runs = rows(db, "SELECT id, status, exit_code, pages_new, pages_changed FROM crawl_runs")
    assert runs == [(1, "ok", 0, 4, 0), (2, "ok", 0, 0, 0), (3, "ok", 0, 0, 2)]

    rebuilt = tmp_path / "rebuilt.db"
    result = run_morgue("rebuild", "--warc-dir", "warc", "--db", str(rebuilt), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for table in (*COMPARED_TABLES, "discoveries"):
        assert table_rows(rebuilt, table) == table_rows(db, table), table


def test_refetch_fetches_articles_that_are_not_due(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(site, articles=2)
    port = free_port()
    (tmp_path / "sites.toml").write_text(config(f"http://127.0.0.1:{port}", '"7d"'))
    with serve_site(site, port):
        assert crawl(tmp_path).returncode == 0
        again = run_morgue(
            "crawl", "--config", "sites.toml", "--refetch", *LOCAL_CRAWL, cwd=tmp_path
        )
    assert again.returncode == 0, again.stderr
    kinds = rows(
        tmp_path / "morgue.db",
        "SELECT record_type FROM captures WHERE run_id = 2 AND url LIKE '%/news/%'",
    )
    assert kinds == [("revisit",), ("revisit",)]  # fetched again, payload unchanged


def test_a_run_killed_midway_and_restarted_loses_nothing(tmp_path: Path) -> None:
    """Tried: SIGKILL to `morgue crawl` once 8 pages of a slow 40-article site were archived.

    Fetching one page at a time at 0.25 s each takes about 10 s, far longer than the
    extraction pool needs to start, so the kill lands while pages are still coming in.
    """
    site = tmp_path / "site"
    write_site(site, articles=40)
    port = free_port()
    (tmp_path / "sites.toml").write_text(config(f"http://127.0.0.1:{port}", '"7d"'))
    db = tmp_path / "morgue.db"
    args = [morgue_executable(), "crawl", "--config", "sites.toml", *LOCAL_CRAWL,
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"]  # fmt: skip
    with serve_site(site, port, delay=0.25):
        victim = subprocess.Popen(args, cwd=tmp_path, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and count_articles(db) < 8:
            time.sleep(0.1)
        workers = children_of(victim.pid)
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        assert workers, "the crawl had no extraction workers"
        assert wait_until_gone(workers), "extraction workers outlived the killed crawl"
        assert list((tmp_path / "warc").glob("*.open"))
        archived_before = count_articles(db)
        assert 8 <= archived_before < 40
        again = crawl(tmp_path)
    assert again.returncode == 0, again.stderr
    assert not list((tmp_path / "warc").glob("*.open"))
    warcs = sorted((tmp_path / "warc").glob("*.warc.gz"))
    assert warcio_check(warcs).returncode == 0
    assert count_articles(db) == 40
    article_fetches = rows(
        db,
        "SELECT url, count(*) FROM captures WHERE url LIKE '%/news/%' "
        "AND record_type = 'response' GROUP BY url HAVING count(*) > 1",
    )
    assert article_fetches == []  # nothing archived before the kill was fetched again
    for name, offset, record_id in rows(
        db, "SELECT warc_filename, warc_offset, warc_record_id FROM captures"
    ):
        with (tmp_path / "warc" / name).open("rb") as handle:
            assert read_record_at(handle, offset).warc_header("WARC-Record-ID") == record_id
    assert rows(db, "SELECT status FROM crawl_runs ORDER BY id") == [("interrupted",), ("ok",)]


def children_of(pid: int) -> set[int]:
    """Processes whose parent is `pid` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def wait_until_gone(pids: set[int], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() for pid in pids):
            return True
        time.sleep(0.2)
    return False


def count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def wait_until_a_second_after_the_last_capture(db: Path) -> None:
    """Until the wall clock is past the last capture's time plus one second (the recrawl
    interval the test configures), polling rather than sleeping a guessed time."""
    ((last,),) = rows(db, "SELECT max(fetched_at) FROM captures")
    due = datetime.fromisoformat(last.replace("Z", "+00:00")) + timedelta(seconds=1)
    while datetime.now(UTC) <= due:
        time.sleep(0.05)
