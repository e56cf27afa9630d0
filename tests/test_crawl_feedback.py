"""A crawl says what it is doing: live progress, why a site is unreachable, one set of counts,
and what Ctrl-C does."""

from __future__ import annotations

import os
import pty
import select
import signal
import socket
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest

from archive.discovery import COMMON_DISCOVERY_PATHS
from archive.errors import EXIT_INTERRUPTED
from crawler.progress import PLAIN_INTERVAL
from crawler.site_server import SiteRequestHandler, serve_site
from tests.conftest import DEMO_SITE, LOCAL_CRAWL, free_port, morgue_executable, run_morgue
from tests.loopback_only import run_morgue_loopback_only

pytestmark = pytest.mark.integration

# The polite defaults a user gets, with retries kept: what the 15 s goal is about.
UNREACHABLE_GOAL_SECONDS = 15
# MORGUE_FIRST_CONTACT_TIMEOUT's default: how long a start host's first answer is waited for.
FIRST_CONTACT_SECONDS = 8
# From a host found unreachable to the end of `morgue crawl` (1.2 to 2.2 s at load 7 to 13).
EXIT_SECONDS = 4


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture(scope="module")
def demo_site() -> Iterator[str]:
    with serve_site(DEMO_SITE) as base:
        yield base


def test_progress_line_is_drawn_on_a_terminal(tmp_path: Path, demo_site: str) -> None:
    """Run under a pseudo-terminal, as a user at a shell does."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["COLUMNS"] = "200"
    command = [
        morgue_executable(), "crawl", f"{demo_site}/index.html",
        "-s", "DOWNLOAD_DELAY=0.05", "-s", "AUTOTHROTTLE_ENABLED=False",
    ]  # fmt: skip
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdin=follower, stdout=follower, stderr=follower
    )
    os.close(follower)
    output = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the crawl ends
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0, output[-3000:]
    text = output.decode("utf-8", "replace")
    assert "fetched " in text
    assert "archived " in text
    assert "queue " in text
    assert "/s · 127.0.0.1:" in text
    assert "morgue crawl: run 1 exit 0 (ok): 41 pages fetched, 0 failed" in text


def test_no_progress_without_a_terminal_unless_asked(tmp_path: Path, demo_site: str) -> None:
    one_page = [f"{demo_site}/index.html", "--depth", "0", *LOCAL_CRAWL]
    piped = run_morgue("crawl", *one_page, "--db", "a.db", "--warc-dir", "a", cwd=tmp_path)
    assert piped.returncode == 0, piped.stderr
    (summary,) = piped.stderr.strip().splitlines()  # cron mails one line
    assert summary.startswith("morgue crawl: run 1 exit 0")
    quiet = run_morgue("crawl", *one_page, "-q", "--db", "b.db", "--warc-dir", "b", cwd=tmp_path)
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == ""
    verbose = run_morgue("crawl", *one_page, "-v", "--db", "c.db", "--warc-dir", "c", cwd=tmp_path)
    assert verbose.returncode == 0, verbose.stderr
    assert "[scrapy.core.engine] INFO: Spider opened" in verbose.stderr


def test_progress_can_be_forced_without_a_terminal(tmp_path: Path) -> None:
    """A page that takes longer than the interval between plain progress lines."""
    # Two requests (robots.txt, the page) of more than half the interval each.
    with serve_site(DEMO_SITE, delay=PLAIN_INTERVAL / 2 + 0.5) as slow_site:
        forced = run_morgue(
            "crawl", f"{slow_site}/index.html", "--depth", "0", *LOCAL_CRAWL, "--progress",
            cwd=tmp_path,
        )  # fmt: skip
    assert forced.returncode == 0, forced.stderr
    progress = [line for line in forced.stderr.splitlines() if " · queue " in line]
    assert progress, forced.stderr
    assert progress[0].startswith("morgue crawl: fetched 0 · archived ")


def test_summary_counts_agree_with_the_run_row(tmp_path: Path, demo_site: str) -> None:
    result = run_morgue("crawl", f"{demo_site}/index.html", *LOCAL_CRAWL, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    ((fetched, failed, new, changed),) = rows(
        tmp_path / "morgue.db",
        "SELECT pages_fetched, pages_failed, pages_new, pages_changed FROM crawl_runs",
    )
    assert (fetched, failed, new) == (41, 0, 28)
    assert (
        f"{fetched} pages fetched, {failed} failed, {new} new articles, {changed} changed"
        in result.stderr
    )


class SilentServer:
    """Accepts connections and never answers; notes when the first one came."""

    def __init__(self, listener: socket.socket) -> None:
        self.port = int(listener.getsockname()[1])
        self.first_connection: float | None = None
        self.held: list[socket.socket] = []
        self._listener = listener

    def accept(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:  # closed at the end of the test
                return
            self.first_connection = self.first_connection or time.monotonic()
            self.held.append(connection)


@pytest.fixture
def silent_server() -> Iterator[SilentServer]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        server = SilentServer(listener)
        threading.Thread(target=server.accept, name="silent", daemon=True).start()
        yield server
        with suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)  # ends its accept()
        for connection in server.held:
            connection.close()


@pytest.mark.parametrize(
    ("start", "extra", "reason"),
    [
        ("http://127.0.0.1:{port}/", [], "connection refused"),
        (
            "http://unreachable.test/",
            ["-s", "TWISTED_DNS_RESOLVER=tests.fake_dns.StaticResolver"],
            "DNS lookup failed",
        ),
        ("https://127.0.0.1:{site_port}/index.html", [], "TLS handshake failed"),
        (
            "http://127.0.0.1:{silent_port}/",
            [],
            "timed out (DownloadTimeoutError: no answer from 127.0.0.1:{silent_port} within "
            f"{FIRST_CONTACT_SECONDS} s)",
        ),
    ],
)
def test_an_unreachable_start_host_fails_fast_with_the_reason(
    tmp_path: Path,
    demo_site: str,
    silent_server: SilentServer,
    start: str,
    extra: list[str],
    reason: str,
) -> None:
    """With the polite defaults (delay 1 s, AutoThrottle, 2 retries, 30 s download timeout):
    only the start URL and robots.txt are tried, no guessed feed or sitemap paths. Tried: a
    closed port, a name that does not resolve, TLS to a plain HTTP server, and a server that
    accepts connections but never answers."""
    ports = {"port": free_port(), "site_port": demo_site.rsplit(":", 1)[1]}
    url, reason = (text.format(**ports, silent_port=silent_server.port) for text in (start, reason))
    began = time.monotonic()
    # Where `tests.fake_dns` can be imported, and nothing but 127.0.0.0/8 reached.
    result = run_morgue_loopback_only(
        "crawl", url, *extra, cwd=tmp_path, netlog=tmp_path / "net.log", timeout=120
    )
    took = time.monotonic() - began
    assert result.returncode == 4, result.stderr
    starting = ""
    if silent_server.first_connection is not None:
        # One wait for a first answer, then a prompt end (however long starting up took).
        started = silent_server.first_connection - began
        assert took - started < FIRST_CONTACT_SECONDS + EXIT_SECONDS, result.stderr
        starting = f"; the crawl's first connection came after {started:.1f} s"
    assert took < UNREACHABLE_GOAL_SECONDS, f"{took:.1f} s{starting}\n{result.stderr}"
    assert "(nothing_fetched): 0 pages fetched, 1 failed" in result.stderr
    assert f"first failure: {url}: {reason}" in result.stderr
    db = tmp_path / "morgue.db"
    probes = rows(db, "SELECT url FROM captures WHERE url LIKE '%.xml'")
    assert probes == []
    ((error,),) = rows(db, f"SELECT error FROM captures WHERE url = '{url}'")
    assert str(error).startswith(reason)
    (log,) = (tmp_path / "logs").glob("*.log")
    assert f"failed {url}: {reason}" in log.read_text()


@pytest.mark.parametrize(
    ("wait", "body_only", "extra"),
    [
        (6.0, False, []),  # longer than the reverted 5 s, within MORGUE_FIRST_CONTACT_TIMEOUT
        (3.0, True, ["-s", "MORGUE_FIRST_CONTACT_TIMEOUT=1.5"]),  # its headers came in time
    ],
)
def test_a_live_start_host_whose_first_answer_is_slow_is_crawled(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    wait: float,
    body_only: bool,
    extra: list[str],
) -> None:
    """The site's first answer (robots.txt) comes after `wait` seconds: all of it, or the
    headers at once and the body after the wait (then its retry, with DOWNLOAD_TIMEOUT, too)."""
    serve = SiteRequestHandler.do_GET
    slow = {"/robots.txt"}

    def slow_first_answer(handler: SiteRequestHandler) -> None:
        if handler.path not in slow:
            serve(handler)
        elif not body_only:
            slow.clear()
            time.sleep(wait)
            serve(handler)
        else:
            body = b"User-agent: *\nDisallow:\n"
            handler.send_response(200)
            handler.send_header("Content-Type", "text/plain")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.flush()
            time.sleep(wait)
            handler.wfile.write(body)

    monkeypatch.setattr(SiteRequestHandler, "do_GET", slow_first_answer)
    with serve_site(DEMO_SITE) as base:
        result = run_morgue(
            "crawl", f"{base}/index.html", "--depth", "0", *LOCAL_CRAWL, *extra, cwd=tmp_path
        )
    assert result.returncode == 0, result.stderr
    assert "exit 0 (ok): 1 pages fetched, 0 failed" in result.stderr
    (log,) = (tmp_path / "logs").glob("*.log")
    assert "no answer from" not in log.read_text()


def test_guessed_discovery_paths_are_asked_for_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """robots.txt names no sitemap and every guessed path answers 503, which Scrapy retries."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body><p>Front page</p></body></html>")
    requests: list[str] = []
    serve = SiteRequestHandler.do_GET

    def unavailable_guesses(handler: SiteRequestHandler) -> None:
        requests.append(handler.path)
        if handler.path in COMMON_DISCOVERY_PATHS:
            handler.send_error(503, "Service Unavailable")
            return
        serve(handler)

    monkeypatch.setattr(SiteRequestHandler, "do_GET", unavailable_guesses)
    with serve_site(site) as base:
        result = run_morgue("crawl", f"{base}/index.html", *LOCAL_CRAWL, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p for p in requests if p in COMMON_DISCOVERY_PATHS) == sorted(
        COMMON_DISCOVERY_PATHS
    )
    assert requests.count("/index.html") == 1


def test_ctrl_c_says_at_once_what_happens_and_exits_interrupted(
    tmp_path: Path, demo_site: str
) -> None:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    command = [
        morgue_executable(), "crawl", f"{demo_site}/index.html",
        "-s", "DOWNLOAD_DELAY=0.5", "-s", "AUTOTHROTTLE_ENABLED=False",
    ]  # fmt: skip
    db = tmp_path / "morgue.db"
    with subprocess.Popen(
        command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL
    ) as process:
        assert process.stderr is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not _has_captures(db):
            time.sleep(0.1)  # polling for the first capture, not waiting a fixed time
        process.send_signal(signal.SIGINT)
        first_line = process.stderr.readline().decode()
        if not first_line.strip():
            first_line = process.stderr.readline().decode()
        assert first_line.strip() == "morgue: stopping after in-flight pages; Ctrl-C again to abort"
        rest = process.stderr.read().decode()
        assert process.wait(timeout=60) == EXIT_INTERRUPTED, rest
    assert f"exit {EXIT_INTERRUPTED} (interrupted)" in rest
    ((status, code, fetched),) = rows(db, "SELECT status, exit_code, pages_fetched FROM crawl_runs")
    assert (status, code) == ("interrupted", EXIT_INTERRUPTED)
    assert 0 < fetched < 41


def _has_captures(db: Path) -> bool:
    if not db.exists():
        return False
    try:
        return bool(rows(db, "SELECT count(*) FROM captures WHERE record_type = 'response'")[0][0])
    except sqlite3.OperationalError:  # the schema is still being created
        return False


def test_a_second_ctrl_c_aborts_and_the_next_run_catches_up(tmp_path: Path, demo_site: str) -> None:
    """Pages that take 3 s each, so the first Ctrl-C leaves one in flight for the second."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    db = tmp_path / "morgue.db"
    with (
        serve_site(DEMO_SITE, delay=3) as slow_site,
        subprocess.Popen(
            [morgue_executable(), "crawl", f"{slow_site}/index.html", *LOCAL_CRAWL],
            cwd=tmp_path,
            env=env,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
        ) as process,
    ):
        assert process.stderr is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not _has_captures(db):
            time.sleep(0.1)  # polling for the first capture, not waiting a fixed time
        process.send_signal(signal.SIGINT)
        while "stopping after in-flight pages" not in process.stderr.readline().decode():
            pass
        process.send_signal(signal.SIGINT)
        rest = process.stderr.read().decode()
        assert process.wait(timeout=60) == EXIT_INTERRUPTED, rest
    assert "morgue: aborting now" in rest
    assert f"exit {EXIT_INTERRUPTED} (aborted)" in rest
    again = run_morgue("crawl", f"{demo_site}/index.html", *LOCAL_CRAWL, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert rows(db, "SELECT status, exit_code FROM crawl_runs ORDER BY id") == [
        ("interrupted", None),
        ("ok", 0),
    ]
