"""At-least-once scale-out against a real redis-server: a crawl worker SIGKILLed at five moments
of its work loses nothing of the site. Each kill waits for a condition seen in Redis (leases,
messages, `CLIENT LIST`) or in the worker's WARC folder, never for a time."""

from __future__ import annotations

import os
import pickle
import re
import signal
import sqlite3
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis
from warcio.archiveiterator import ArchiveIterator

from archive.scale_out.keys import RedisKeys
from archive.scale_out.leases import split_member
from archive.scale_out.messages import CaptureMessage, PageMessage, decode_message
from archive.warc.recovery import recover_open_files
from crawler.site_server import serve_site
from tests.conftest import morgue_executable, run_morgue
from tests.redis_server import running_redis
from tests.scheduled_site import write_site
from tests.test_crawl_integration import warcio_check
from tests.test_scale_out import rows, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.slow]

KEYS = RedisKeys()
ARTICLES = 24
TIMEOUT = 5  # MORGUE_WORKER_TIMEOUT: seconds before a silent worker counts as lost
SETTINGS = [
    "-s", "DOWNLOAD_DELAY=0.01",  # with a delay Scrapy keeps to the per-domain limit
    "-s", "AUTOTHROTTLE_ENABLED=False",
    "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
    "-s", "CONCURRENT_REQUESTS=2",  # leases taken at once: the frontier is shared out evenly
    "-s", "MORGUE_EXTRACT_WORKERS=1",
    "-s", f"MORGUE_WORKER_TIMEOUT={TIMEOUT}",
]  # fmt: skip


@dataclass
class Crawl:
    """Workers (each in its own folder under `warcs`) on one slow site and one Redis."""

    work: Path
    base: str
    redis_url: str
    requests: list[str]
    client: redis.Redis
    workers: dict[int, subprocess.Popen[bytes]] = field(default_factory=dict)
    in_flight: set[str] = field(default_factory=set)  # the victim's unreported pages at the kill

    def start(self, n: int, *extra: str) -> subprocess.Popen[bytes]:
        folder = self.work / "warcs" / f"w{n}"
        folder.mkdir(parents=True, exist_ok=True)
        with (self.work / f"w{n}.stderr").open("wb") as stderr:
            worker = subprocess.Popen(
                [morgue_executable(), "crawl", f"{self.base}/index.html", "--redis",
                 self.redis_url, "--warc-dir", str(folder), *SETTINGS, *extra],
                cwd=self.work, stdout=subprocess.DEVNULL, stderr=stderr,
            )  # fmt: skip
        self.workers[n] = worker
        return worker

    def ingest(self, *extra: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [morgue_executable(), "ingest", "--redis", self.redis_url, "--db", "morgue.db",
             *extra],
            cwd=self.work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip

    def name_of(self, n: int) -> str | None:
        """The worker's name in the run (its Redis connection is named after it)."""
        pid = self.workers[n].pid
        for client in self.client.client_list():
            found = re.fullmatch(rf"morgue-worker:(.+-{pid}-[0-9a-f]+)", client["name"])
            if found:
                return found.group(1)
        return None

    @property
    def token(self) -> str:
        current = self.client.get(KEYS.current_run)
        return current.decode() if current else ""

    def leased_urls(self, name: str) -> set[str]:
        values = self.client.hvals(KEYS.leases(self.token, name))
        return {pickle.loads(split_member(value.split(b" ", 1)[1])[1])["url"] for value in values}

    def messages_of(self, name: str) -> list[object]:
        """The worker's messages still in Redis (waiting, or in the ingester's hands)."""
        raw = [
            *self.client.lrange(KEYS.messages, 0, -1),
            *self.client.lrange(KEYS.ingesting, 0, -1),
        ]
        return [m for m in map(decode_message, raw) if getattr(m, "worker", None) == name]

    def captures_sent(self, name: str) -> dict[str, str]:
        """WARC-Record-ID -> URL of every capture the worker announced (in Redis, or already
        in the catalogue, where anyone's count: the record ids are unique)."""
        sent = {
            m.capture.warc_record_id or "": m.capture.url
            for m in self.messages_of(name)
            if isinstance(m, CaptureMessage)
        }
        db = self.work / "morgue.db"
        if db.exists():
            with suppress(sqlite3.Error):  # not created yet
                sent.update(rows(db, "SELECT warc_record_id, url FROM captures"))
        return sent

    def captured_urls(self, name: str) -> set[str]:
        return set(self.captures_sent(name).values())

    def kill(self, n: int, in_flight: set[str]) -> None:
        os.kill(self.workers[n].pid, signal.SIGKILL)
        self.workers[n].wait()
        self.in_flight = in_flight


@contextmanager
def slow_site(tmp_path: Path, delay: float = 0.25) -> Iterator[Crawl]:
    write_site(tmp_path / "site", articles=ARTICLES)
    requests: list[str] = []
    with (
        running_redis(tmp_path / "redis") as redis_url,
        serve_site(tmp_path / "site", delay=delay, request_log=requests) as base,
    ):
        client = redis.Redis.from_url(redis_url)
        crawl = Crawl(tmp_path, base, redis_url, requests, client)
        try:
            yield crawl
        finally:
            with suppress(redis.RedisError):
                client.execute_command("CLIENT", "UNPAUSE")
            for worker in crawl.workers.values():
                if worker.poll() is None:  # a failed test's: don't leave it running
                    worker.kill()
                    worker.wait()
            client.close()


def full_responses(folder: Path) -> tuple[Counter[str], dict[str, str]]:
    """Response records per URL in the WARC files under `folder`, and record id -> URL."""
    per_url: Counter[str] = Counter()
    ids: dict[str, str] = {}
    for path in sorted(folder.rglob("*.warc.gz*")):
        with path.open("rb") as handle:
            try:
                for record in ArchiveIterator(handle):
                    if record.rec_type == "response":
                        url = record.rec_headers.get_header("WARC-Target-URI")
                        per_url[url] += 1
                        ids[record.rec_headers.get_header("WARC-Record-ID")] = url
            except Exception:  # a file being written ends mid-record
                pass
    return per_url, ids


def check_nothing_lost(crawl: Crawl, survivor_codes: list[int], ingest: str) -> None:
    """Every article catalogued, one full response each (two only for pages in flight at the
    kill), the loss counted, valid WARC files."""
    db = crawl.work / "morgue.db"
    assert rows(db, "SELECT count(*) FROM articles WHERE url LIKE '%/news/%'") == [(ARTICLES,)]
    assert rows(db, "SELECT count(*) FROM pending_captures") == [(0,)]
    catalogued = rows(
        db, "SELECT url, count(*) FROM captures WHERE record_type = 'response' "
        "AND url LIKE '%/news/%' GROUP BY url"
    )  # fmt: skip
    assert {count for _, count in catalogued} == {1}
    per_url, _ = full_responses(crawl.work / "warcs")
    articles = {url: count for url, count in per_url.items() if "/news/" in url}
    assert len(articles) == ARTICLES
    twice = {url for url, count in articles.items() if count > 1}
    assert twice <= crawl.in_flight, (twice, crawl.in_flight)
    assert max(articles.values()) <= 2
    run = rows(db, "SELECT status, exit_code, workers_lost FROM crawl_runs")
    assert run == [("recovered", 7, 1)]
    assert "1 worker(s) lost" in ingest
    for folder in (crawl.work / "warcs").iterdir():
        recover_open_files(folder, alive=lambda pid: False)  # as the next worker there would
    warcs = sorted((crawl.work / "warcs").rglob("*.warc.gz"))
    assert warcio_check(warcs).returncode == 0
    assert survivor_codes


def finish(crawl: Crawl, survivors: list[int], *ingest_args: str) -> tuple[list[int], str]:
    codes = [crawl.workers[n].wait(timeout=240) for n in survivors]
    ingested = run_morgue(
        "ingest", "--redis", crawl.redis_url, "--db", "morgue.db", *ingest_args, cwd=crawl.work
    )
    assert ingested.returncode == 7, ingested.stderr
    return codes, ingested.stderr


def test_killed_before_its_first_page_the_start_page_it_held_is_fetched_by_the_other(
    tmp_path: Path,
) -> None:
    """Tried: of two workers started together on a site answering in 1 s, the one that took
    the start page (the only way into the site) killed before anything of it but robots.txt
    was archived."""
    with slow_site(tmp_path, delay=1.0) as crawl:
        crawl.start(0)
        crawl.start(1)
        assert wait_for(lambda: None not in (crawl.name_of(0), crawl.name_of(1)))
        names = {n: str(crawl.name_of(n)) for n in (0, 1)}

        def both_joined() -> bool:
            members = crawl.client.smembers(KEYS.run(crawl.token, "workers"))
            return {m.decode() for m in members} == set(names.values())

        assert wait_for(both_joined)
        start_page = f"{crawl.base}/index.html"
        holder: list[int] = []

        def start_page_taken() -> bool:
            holder[:] = [n for n, name in names.items() if start_page in crawl.leased_urls(name)]
            return bool(holder)

        assert wait_for(start_page_taken)
        victim = holder[0]
        pages = crawl.captured_urls(names[victim]) - {f"{crawl.base}/robots.txt"}
        assert pages == set()
        crawl.kill(victim, in_flight={start_page})
        codes, ingest = finish(crawl, [1 - victim])
    assert codes == [7]
    check_nothing_lost(crawl, codes, ingest)


def test_killed_mid_fetch_its_leased_requests_go_back_to_the_frontier(tmp_path: Path) -> None:
    """Tried: one of three workers killed while the site was still answering its requests for
    articles (the server had them; nothing of them was archived)."""
    with slow_site(tmp_path) as crawl:
        for n in range(3):
            crawl.start(n)
        assert wait_for(lambda: crawl.name_of(0) is not None)
        victim = crawl.name_of(0)
        assert victim is not None
        asked = {}

        def fetching_articles() -> bool:
            sent = {f"{crawl.base}{path}" for path in crawl.requests}
            leased = {url for url in crawl.leased_urls(victim) if "/news/" in url}
            asked["urls"] = (leased & sent) - crawl.captured_urls(victim)
            return bool(asked["urls"])

        assert wait_for(fetching_articles)
        crawl.kill(0, in_flight=crawl.leased_urls(victim) - crawl.captured_urls(victim))
        codes, ingest = finish(crawl, [1, 2])
    assert codes == [7, 7]
    check_nothing_lost(crawl, codes, ingest)


@dataclass
class Blocked:
    """Where a worker stands while Redis refuses writes (CLIENT PAUSE WRITE)."""

    pushing: bool  # its pusher waits inside a MULTI (a message and its lease, together)
    unsent: set[str]  # URLs of response records in its WARC files that no message names


def blocked_state(crawl: Crawl, folder: Path, name: str) -> Blocked | None:
    """Where the worker waits for Redis, if it does (`CLIENT LIST` flag b)."""
    for client in crawl.client.client_list():
        if client["name"].endswith(name) and "b" in client["flags"]:
            sent = crawl.captures_sent(name)
            unsent = {url for rid, url in full_responses(folder)[1].items() if rid not in sent}
            pushing = client["name"].startswith("morgue-push:") and "x" in client["flags"]
            return Blocked(pushing, unsent)
    return None


def pause_until(
    crawl: Crawl,
    n: int,
    name: str,
    ready: Callable[[], bool],
    wanted: Callable[[Blocked], bool],
) -> Blocked:
    """Once `ready`, pause Redis writes until the worker blocks; kill it there if that is as
    `wanted`, else let it go on and try again (it may block on its heartbeat first)."""
    folder = crawl.work / "warcs" / f"w{n}"
    for _ in range(20):
        assert wait_for(ready, 60)
        crawl.client.execute_command("CLIENT", "PAUSE", 20_000, "WRITE")
        try:
            assert wait_for(lambda: blocked_state(crawl, folder, name) is not None, 15)
            state = blocked_state(crawl, folder, name)
            assert state is not None
            if wanted(state):
                leased = crawl.leased_urls(name)
                crawl.kill(n, in_flight=state.unsent | (leased - crawl.captured_urls(name)))
                return state
        finally:
            crawl.client.execute_command("CLIENT", "UNPAUSE")
    raise AssertionError("the worker never blocked where wanted")


# The victim takes one request at a time, so what it does after a response is in a known order:
# the capture's message, then (extraction done) the page's, then the next request.
ONE_AT_A_TIME = ("-s", "CONCURRENT_REQUESTS=1")


def test_killed_after_a_warc_write_before_its_push_the_page_is_fetched_again(
    tmp_path: Path,
) -> None:
    """Tried: one of two workers killed with a response record on disk whose capture message
    Redis had not taken (writes paused while the site answered it); then an ingester with the
    shared WARC folder, while the other worker goes on."""
    with slow_site(tmp_path) as crawl:
        crawl.start(0, *ONE_AT_A_TIME)
        crawl.start(1)
        assert wait_for(lambda: crawl.name_of(0) is not None)
        victim = crawl.name_of(0)
        assert victim is not None

        def fetching_an_article() -> bool:
            sent = {f"{crawl.base}{path}" for path in crawl.requests}
            leased = {url for url in crawl.leased_urls(victim) if "/news/" in url}
            return bool((leased & sent) - crawl.captured_urls(victim))

        at = pause_until(
            crawl, 0, victim, fetching_an_article, lambda b: b.pushing and bool(b.unsent)
        )
        ingester = crawl.ingest("--warc-dir", "warcs")
        codes = [crawl.workers[1].wait(timeout=240)]
        _, stderr = ingester.communicate(timeout=240)
    assert ingester.returncode == 7, stderr
    assert codes == [7]
    assert at.unsent <= crawl.in_flight
    check_nothing_lost(crawl, codes, stderr)


def test_killed_during_the_push_of_a_page_it_is_read_back_from_the_warc_folder(
    tmp_path: Path,
) -> None:
    """Tried: one of three workers killed while it was sending a page's outcome (Redis held
    its transaction, writes paused), the page's capture already announced; then an ingester
    with the shared WARC folder, while the other workers go on."""
    with slow_site(tmp_path) as crawl:
        crawl.start(0, *ONE_AT_A_TIME)
        crawl.start(1)
        crawl.start(2)
        assert wait_for(lambda: crawl.name_of(0) is not None)
        victim = crawl.name_of(0)
        assert victim is not None

        def extracting_an_article() -> bool:
            messages = crawl.messages_of(victim)
            reported = {m.record_id for m in messages if isinstance(m, PageMessage)}
            return any(
                isinstance(m, CaptureMessage)
                and m.pending
                and "/news/" in m.capture.url
                and m.capture.warc_record_id not in reported
                for m in messages
            )

        pause_until(crawl, 0, victim, extracting_an_article, lambda b: b.pushing and not b.unsent)
        ingester = crawl.ingest("--warc-dir", "warcs")
        codes = [crawl.workers[n].wait(timeout=240) for n in (1, 2)]
        _, stderr = ingester.communicate(timeout=240)
    assert ingester.returncode == 7, stderr
    assert codes == [7, 7]
    read_back = re.search(r"(\d+) page\(s\) read back", stderr)
    assert read_back, stderr
    assert int(read_back.group(1)) >= 1, stderr
    check_nothing_lost(crawl, codes, stderr)


def test_killed_at_the_end_the_run_still_ends_and_counts_it(tmp_path: Path) -> None:
    """Tried: of two workers, the first to have nothing left to do (frontier empty, nothing
    leased) killed while the other was still working; the ingester run afterwards."""
    with slow_site(tmp_path) as crawl:
        crawl.start(0)
        crawl.start(1)
        assert wait_for(lambda: None not in (crawl.name_of(0), crawl.name_of(1)))
        names = {n: crawl.name_of(n) for n in (0, 1)}
        first_idle: dict[str, int] = {}

        def one_idle_one_busy() -> bool:
            token = crawl.token
            if crawl.client.zcard(KEYS.run(token, "requests")):
                return False
            idle = {m.decode() for m in crawl.client.smembers(KEYS.run(token, "idle"))}
            for n, name in names.items():
                if name in idle and len(idle) == 1 and not crawl.leased_urls(str(name)):
                    first_idle["n"] = n
                    return True
            return False

        assert wait_for(one_idle_one_busy, 120)
        victim = first_idle["n"]
        crawl.kill(victim, in_flight=set())
        survivor = 1 - victim
        codes, ingest = finish(crawl, [survivor])
    # It sees the loss (7) only if it was still busy when the victim's heartbeat expired.
    assert codes[0] in (0, 7)
    check_nothing_lost(crawl, codes, ingest)
