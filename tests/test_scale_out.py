"""Scale-out mode against a real redis-server: several `morgue crawl --redis` workers share one
scrapy-redis frontier, and `morgue ingest` stores what they archive in one catalogue."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest
import redis

from archive.scale_out.keys import RedisKeys
from archive.scale_out.messages import CaptureMessage, decode_message
from archive.warc.reader import read_record_at
from crawler.site_server import serve_site
from tests.conftest import free_port, morgue_executable, run_morgue
from tests.redis_server import running_redis
from tests.scheduled_site import write_site
from tests.test_crawl_integration import warcio_check

WORKER_SETTINGS = [
    "-s", "DOWNLOAD_DELAY=0",
    "-s", "AUTOTHROTTLE_ENABLED=False",
    "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4",
    "-s", "MORGUE_EXTRACT_WORKERS=1",
]  # fmt: skip
KEYS = RedisKeys()


def start_worker(
    work: Path, url: str, redis_url: str, name: str, *extra: str
) -> subprocess.Popen[bytes]:
    """A `morgue crawl --redis` worker with its own WARC folder `work/name`."""
    with (work / f"{name}.stderr").open("wb") as stderr:  # the worker keeps its own copy
        return subprocess.Popen(
            [morgue_executable(), "crawl", url, "--redis", redis_url, "--warc-dir", name,
             *WORKER_SETTINGS, *extra],
            cwd=work,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )  # fmt: skip


def rows(db: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql).fetchall()


def wait_for(condition, seconds: float = 60) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def stored_messages(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        return rows(db, "SELECT count(*) FROM ingested_messages")[0][0]
    except sqlite3.Error:
        return 0


@pytest.mark.integration
def test_three_workers_fetch_each_page_once_and_a_restarted_ingester_stores_everything(
    tmp_path: Path,
) -> None:
    """Tried: 3 workers on a 500-article site answering each request after 50 ms, with the
    ingester killed (SIGKILL) once it had committed its first batch, then started again."""
    write_site(tmp_path / "site", articles=500)
    requests: list[str] = []
    db = tmp_path / "morgue.db"
    with (
        running_redis(tmp_path / "redis") as redis_url,
        serve_site(tmp_path / "site", delay=0.05, request_log=requests) as base,
    ):
        client = redis.Redis.from_url(redis_url)
        workers = [
            start_worker(tmp_path, f"{base}/index.html", redis_url, f"warc{n}") for n in range(3)
        ]
        assert wait_for(lambda: client.get(KEYS.current_run) is not None)
        ingest_args = [morgue_executable(), "ingest", "--redis", redis_url, "--db", str(db)]
        first = subprocess.Popen(ingest_args, cwd=tmp_path, stderr=subprocess.DEVNULL)
        assert wait_for(lambda: stored_messages(db) > 0, 120)
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        stored_before_restart = stored_messages(db)
        exit_codes = [worker.wait(timeout=300) for worker in workers]
        again = run_morgue("ingest", "--redis", redis_url, "--db", str(db), cwd=tmp_path)

    assert exit_codes == [0, 0, 0], [(tmp_path / f"warc{n}.stderr").read_text() for n in range(3)]
    assert again.returncode == 0, again.stderr
    total = stored_messages(db)
    assert 0 < stored_before_restart < total  # the kill landed midway

    fetched = Counter(path for path in requests if path != "/robots.txt")
    assert fetched["/news/story-0.html"] == 1
    assert [path for path, count in fetched.items() if count > 1] == []  # each page once
    article_paths = [path for path in fetched if path.startswith("/news/")]
    assert len(article_paths) == 500
    assert Counter(requests)["/robots.txt"] <= 3 + 1  # each worker's own, plus discovery's

    assert rows(db, "SELECT count(*) FROM articles WHERE url LIKE '%/news/%'") == [(500,)]
    assert rows(db, "SELECT count(*) FROM pending_captures") == [(0,)]
    runs = rows(db, "SELECT status, exit_code, workers, pages_new, warc_files FROM crawl_runs")
    assert len(runs) == 1
    status, exit_code, worker_count, pages_new, warc_files = runs[0]
    assert (status, exit_code, worker_count) == ("ok", 0, 3)
    assert pages_new >= 500
    # Each worker wrote its own WARC files (host and pid in the names), all valid.
    warcs = sorted(tmp_path.glob("warc*/*.warc.gz"))
    assert len({path.parent for path in warcs}) == 3
    assert sorted(path.name for path in warcs) == sorted(json.loads(warc_files))
    assert warcio_check(warcs).returncode == 0
    # Every capture row points at its record in the worker's WARC file.
    by_name = {path.name: path for path in warcs}
    for name, offset, record_id in rows(
        db, "SELECT warc_filename, warc_offset, warc_record_id FROM captures "
        "WHERE warc_filename IS NOT NULL"
    ):  # fmt: skip
        with by_name[name].open("rb") as handle:
            assert read_record_at(handle, offset).warc_header("WARC-Record-ID") == record_id
    response_urls = rows(
        db, "SELECT url, count(*) FROM captures WHERE record_type = 'response' "
        "AND url NOT LIKE '%/robots.txt' GROUP BY url HAVING count(*) > 1"
    )  # fmt: skip
    assert response_urls == []


@pytest.mark.integration
def test_a_second_run_fetches_listing_pages_again_but_not_articles_that_are_not_due(
    tmp_path: Path,
) -> None:
    """Tried: two workers crawl a 12-article site twice, the ingester storing between runs; the
    recrawl policy's first check of an article is about 1 h after it was first seen, so the
    second run fetches only the listings."""
    write_site(tmp_path / "site", articles=12)
    requests: list[str] = []
    db = tmp_path / "morgue.db"
    with (
        running_redis(tmp_path / "redis") as redis_url,
        serve_site(tmp_path / "site", request_log=requests) as base,
    ):
        for run in (1, 2):
            workers = [
                start_worker(tmp_path, f"{base}/index.html", redis_url, f"w{run}{n}")
                for n in range(2)
            ]
            assert [worker.wait(timeout=120) for worker in workers] == [0, 0]
            ingested = run_morgue("ingest", "--redis", redis_url, "--db", str(db), cwd=tmp_path)
            assert ingested.returncode == 0, ingested.stderr
            if run == 1:
                first_run = Counter(path for path in requests if path != "/robots.txt")
                requests.clear()
    second_run = Counter(path for path in requests if path != "/robots.txt")
    assert sum(1 for path in first_run if path.startswith("/news/")) == 12
    assert second_run["/index.html"] == 1  # a new run, a new duplicate filter
    assert [path for path in second_run if path.startswith("/news/")] == []  # not due yet
    assert max(first_run.values()) == 1
    assert max(second_run.values()) == 1
    runs = rows(db, "SELECT id, status, workers, pages_new FROM crawl_runs ORDER BY id")
    assert runs == [(1, "ok", 2, runs[0][3]), (2, "ok", 2, 0)]
    assert rows(db, "SELECT count(*) FROM articles WHERE url LIKE '%/news/%'") == [(12,)]


@pytest.mark.integration
def test_messages_delivered_twice_are_stored_once(tmp_path: Path) -> None:
    """Tried: every message of a 6-article run pushed a second time before ingesting, and one
    that is not morgue's."""
    write_site(tmp_path / "site", articles=6)
    with (
        running_redis(tmp_path / "redis") as redis_url,
        serve_site(tmp_path / "site") as base,
    ):
        worker = start_worker(tmp_path, f"{base}/index.html", redis_url, "warc")
        assert worker.wait(timeout=120) == 0
        client = redis.Redis.from_url(redis_url)
        messages = client.lrange(KEYS.messages, 0, -1)
        assert messages
        client.rpush(KEYS.messages, *messages, b'{"type": "page", "id": 7}')
        once = run_morgue("ingest", "--redis", redis_url, "--db", "once.db", cwd=tmp_path)
        refused = client.lrange(KEYS.refused, 0, -1)
    assert once.returncode == 1, once.stderr
    assert f"{len(messages)} message(s) stored, {len(messages)} duplicate(s)" in once.stderr
    assert "1 refused (kept in morgue:messages:refused)" in once.stderr
    assert refused == [b'{"type": "page", "id": 7}']
    db = tmp_path / "once.db"
    assert rows(db, "SELECT count(*) FROM articles WHERE url LIKE '%/news/%'") == [(6,)]
    assert rows(db, "SELECT count(*) FROM article_versions") == rows(
        db, "SELECT count(*) FROM articles"
    )
    capture_messages = sum(1 for m in messages if decode_message(m).__class__ is CaptureMessage)
    assert rows(db, "SELECT count(*), count(DISTINCT warc_record_id) FROM captures") == [
        (capture_messages, capture_messages)
    ]
    assert rows(db, "SELECT pages_fetched FROM crawl_runs") == [
        (rows(db, "SELECT count(*) FROM ingested_messages WHERE kind = 'page'")[0][0],)
    ]


@pytest.mark.integration
def test_a_worker_without_redis_says_so_and_exits_6(tmp_path: Path) -> None:
    """Tried: `morgue crawl --redis` and `morgue ingest` pointed at a port nothing listens on."""
    url = f"redis://127.0.0.1:{free_port()}/0"
    crawl = run_morgue("crawl", "http://127.0.0.1:9/", "--redis", url, cwd=tmp_path)
    assert crawl.returncode == 6
    assert f"cannot reach Redis at {url}" in crawl.stderr
    ingest = run_morgue("ingest", "--redis", url, "--db", "m.db", cwd=tmp_path)
    assert ingest.returncode == 6
    assert "cannot reach Redis" in ingest.stderr
    assert not (tmp_path / "m.db").exists()


@pytest.mark.integration
def test_a_run_whose_only_worker_was_killed_is_ended_and_its_unsent_pages_are_caught_up(
    tmp_path: Path,
) -> None:
    """Tried: SIGKILL to the only worker of a run on a slow 30-article site (one request at a
    time, 0.5 s each) once it had archived 5 pages (a second worker started meanwhile in the same
    WARC folder is refused by the lock); then the ingester, with the WARC folder, and a new
    worker."""
    write_site(tmp_path / "site", articles=30)
    db = tmp_path / "morgue.db"
    # Scrapy 2.19 keeps to CONCURRENT_REQUESTS_PER_DOMAIN only with a download delay.
    one_at_a_time = ("-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "DOWNLOAD_DELAY=0.01")
    short_heartbeat = ("-s", "MORGUE_WORKER_TIMEOUT=2")
    with (
        running_redis(tmp_path / "redis") as redis_url,
        serve_site(tmp_path / "site", delay=0.5) as base,
    ):
        client = redis.Redis.from_url(redis_url)
        victim = start_worker(
            tmp_path, f"{base}/index.html", redis_url, "warc", *short_heartbeat, *one_at_a_time
        )

        def archived_pages() -> int:
            messages = [decode_message(m) for m in client.lrange(KEYS.messages, 0, -1)]
            return sum(1 for m in messages if isinstance(m, CaptureMessage) and m.pending)

        assert wait_for(lambda: archived_pages() >= 5, 120)
        second = run_morgue("crawl", f"{base}/", "--redis", redis_url, "--warc-dir", "warc",
                            cwd=tmp_path)  # fmt: skip
        assert second.returncode == 3
        assert "morgue-worker.lock" in second.stderr
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        # its heartbeat key expires (the ttl is 2 s)
        assert wait_for(lambda: not client.keys(f"{KEYS.prefix}:run:*:alive:*"), 30)
        ingested = run_morgue(
            "ingest", "--redis", redis_url, "--db", str(db), "--warc-dir", "warc", cwd=tmp_path
        )
        # The run's only worker is gone with requests left: nobody fetched them in this run.
        assert ingested.returncode == 1, ingested.stderr
        assert "1 worker(s) lost" in ingested.stderr
        assert client.get(KEYS.current_run) is None
        assert rows(db, "SELECT status, workers_lost FROM crawl_runs") == [("interrupted", 1)]
        assert rows(db, "SELECT count(*) FROM pending_captures") == [(0,)]
        archived_by_victim = rows(db, "SELECT count(*) FROM articles")[0][0]
        assert archived_by_victim < 30
        successor = start_worker(tmp_path, f"{base}/index.html", redis_url, "warc")
        assert successor.wait(timeout=120) == 0
        again = run_morgue("ingest", "--redis", redis_url, "--db", str(db), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert archived_by_victim >= 5
    assert rows(db, "SELECT status FROM crawl_runs ORDER BY id") == [("interrupted",), ("ok",)]
    assert rows(db, "SELECT count(*) FROM articles WHERE url LIKE '%/news/%'") == [(30,)]
    fetched_twice = rows(
        db, "SELECT url FROM captures WHERE record_type = 'response' AND url LIKE '%/news/%' "
        "GROUP BY url HAVING count(*) > 1"
    )  # fmt: skip
    assert fetched_twice == []  # the new run knew what the killed worker had archived
    warcs = sorted((tmp_path / "warc").glob("*.warc.gz"))
    assert not list((tmp_path / "warc").glob("*.open"))
    assert warcio_check(warcs).returncode == 0


@pytest.mark.integration
def test_a_worker_whose_first_contact_is_slow_does_not_cost_the_run_its_host(
    tmp_path: Path,
) -> None:
    """Tried: a second worker joining a run on a site (40 articles, 0.5 s an answer, fetched
    one at a time) that had answered the first worker, with MORGUE_FIRST_CONTACT_TIMEOUT (0.2 s)
    shorter than the site's answers: it waits DOWNLOAD_TIMEOUT, as for a host that answered,
    instead of counting the host unreachable and failing the requests it takes."""
    write_site(tmp_path / "site", articles=40)
    db = tmp_path / "morgue.db"
    one_at_a_time = ("-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "DOWNLOAD_DELAY=0.01")
    with (
        running_redis(tmp_path / "redis") as redis_url,
        serve_site(tmp_path / "site", delay=0.5) as base,
    ):
        client = redis.Redis.from_url(redis_url)
        first = start_worker(tmp_path, f"{base}/index.html", redis_url, "warc0", *one_at_a_time)
        host = base.removeprefix("http://")

        def answered_the_run() -> bool:
            token = client.get(KEYS.current_run)
            return bool(token) and bool(
                client.sismember(KEYS.run(token.decode(), "answered_hosts"), host)
            )

        assert wait_for(answered_the_run, 120)
        second = start_worker(
            tmp_path, f"{base}/index.html", redis_url, "warc1", *one_at_a_time,
            "-s", "MORGUE_FIRST_CONTACT_TIMEOUT=0.2",
        )  # fmt: skip
        codes = [worker.wait(timeout=240) for worker in (first, second)]
        ingested = run_morgue("ingest", "--redis", redis_url, "--db", str(db), cwd=tmp_path)
    assert codes == [0, 0], [(tmp_path / f"warc{n}.stderr").read_text() for n in range(2)]
    assert ingested.returncode == 0, ingested.stderr
    assert rows(db, "SELECT count(*) FROM articles WHERE url LIKE '%/news/%'") == [(40,)]
    assert rows(db, "SELECT status, pages_failed FROM crawl_runs") == [("ok", 0)]
    (log,) = (tmp_path / "logs").glob(f"*-{second.pid}.log")
    assert "no answer from" not in log.read_text()
    assert "'morgue/first_contact/answered_elsewhere': 1" in log.read_text()
    assert list((tmp_path / "warc1").glob("*.warc.gz"))  # the second worker archived its share
