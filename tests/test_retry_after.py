"""A 429 or 503 with Retry-After is retried after the wait the server asked for (seconds or an
HTTP date), up to MORGUE_MAX_RETRY_AFTER; a longer wait fails the page with that reason."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from crawler.middlewares.retry_after import retry_after_seconds
from crawler.site_server import serving
from tests.conftest import LOCAL_CRAWL, run_morgue

NOW = datetime(2026, 12, 3, 10, 0, 0, tzinfo=UTC)
PARAGRAPH = (
    "The harbour council met on Monday to weigh the cost of mending the old quay, which has "
    "stood for a century and now leans towards the water after the winter storms."
)


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after_seconds("1", NOW) == 1.0
    assert retry_after_seconds(" 120 ", NOW) == 120.0
    assert retry_after_seconds("Thu, 03 Dec 2026 10:00:30 GMT", NOW) == 30.0
    assert retry_after_seconds("Thu, 03 Dec 2026 09:00:00 GMT", NOW) == 0.0  # in the past
    assert retry_after_seconds("soon", NOW) is None
    assert retry_after_seconds("-5", NOW) is None
    assert retry_after_seconds(None, NOW) is None


class BusyServer(ThreadingHTTPServer):
    """Answers each story's first request with 429/503 and a Retry-After, later ones with the
    story; logs when each request came (its own clock)."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), BusyHandler)
        self.log: dict[str, list[float]] = defaultdict(list)
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class BusyHandler(BaseHTTPRequestHandler):
    server: BusyServer

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.log[self.path].append(time.monotonic())
            hits = len(self.server.log[self.path])
        if self.path == "/":
            links = "".join(f'<a href="/{n}.html">{n}</a>' for n in ("seconds", "dated", "far"))
            self.reply(200, {}, f"<html><body>{links}</body></html>")
        elif self.path == "/seconds.html" and hits == 1:
            self.reply(503, {"Retry-After": "1"}, "busy")
        elif self.path == "/dated.html" and hits == 1:
            later = formatdate(int(time.time()) + 3, usegmt=True)  # 2 to 3 s from now
            self.reply(429, {"Retry-After": later}, "slow down")
        elif self.path == "/far.html":
            self.reply(503, {"Retry-After": "3600"}, "down for maintenance")
        elif self.path in ("/seconds.html", "/dated.html"):
            title = self.path.strip("/").removesuffix(".html")
            body = "".join(f"<p>{PARAGRAPH} ({title} {n})</p>" for n in range(6))
            self.reply(200, {}, f"<html><head><title>{title}</title></head><body>{body}</body>")
        else:
            self.reply(404, {}, "not here")

    def reply(self, status: int, headers: dict[str, str], text: str) -> None:
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def busy_server() -> Iterator[BusyServer]:
    server = BusyServer()
    with serving(server, "busy"):
        yield server


@pytest.mark.integration
def test_a_busy_server_is_asked_again_after_its_retry_after_and_a_far_one_fails(
    tmp_path: Path,
) -> None:
    with busy_server() as server:
        result = run_morgue(
            "crawl", f"{server.base}/", "--depth", "1", *LOCAL_CRAWL,
            "-s", "MORGUE_EXTRACT_WORKERS=0", "-s", "MORGUE_MAX_RETRY_AFTER=60",
            cwd=tmp_path,
        )  # fmt: skip
    assert result.returncode == 1, result.stderr[-3000:]  # far.html failed
    seconds, dated, far = (server.log[f"/{n}.html"] for n in ("seconds", "dated", "far"))
    assert len(seconds) == 2
    assert seconds[1] - seconds[0] >= 1.0  # Retry-After: 1
    assert len(dated) == 2
    assert dated[1] - dated[0] >= 2.0  # an HTTP date 2 to 3 s ahead
    assert len(far) == 1  # an hour is past the cap: not asked again
    with sqlite3.connect(tmp_path / "morgue.db") as conn:
        titles = {t for (t,) in conn.execute("SELECT title FROM articles")}
        failed = conn.execute(
            "SELECT record_type, capture_status, error FROM captures WHERE url LIKE '%/far.html' "
            "ORDER BY id"
        ).fetchall()
    assert titles == {"seconds", "dated"}
    assert failed == [
        ("response", "failed", "HTTP 503"),  # the answer, archived as it came
        ("metadata", "failed", "IgnoreRequest: HTTP 503, Retry-After 3600 s beyond "
         "MORGUE_MAX_RETRY_AFTER (60 s)"),
    ]  # fmt: skip
