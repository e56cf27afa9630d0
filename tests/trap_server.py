"""A site on a 127.0.0.x address whose sitemaps and feeds never end, and whose URLs can be long.

Routes:
    /                       a start page announcing `feeds` feeds (`<link rel=alternate>`)
    /robots.txt             names /sitemaps/0.xml
    /sitemaps/{id}.xml      a sitemap index listing `branch` child indexes /sitemaps/{id}-{k}.xml
    /feeds/{n}.xml          an RSS feed with one article, /news/feed-{n}.html
    /news/...               an article, whatever the rest of the path (long URLs too)
    /long/{n}               a page linking to an article whose URL is exactly n characters long

Every request is counted by path (`hits`). Past `most_requests` requests every route answers
404, so a crawl that falls into a trap ends anyway (and its count shows it).

Run it by hand for an independent check of `morgue crawl`:
    python -m tests.trap_server             # prints the URL, serves until Ctrl-C
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from crawler.site_server import serving
from tests.fault_server import good_article

MOST_REQUESTS = 3_000
NEWS = "/news/"


class TrapHandler(BaseHTTPRequestHandler):
    server: TrapServer
    protocol_version = "HTTP/1.1"
    server_version = "trap/1"

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if self.server.count(self.path) > self.server.most_requests:
            self.answer(404, b"<html><body>Not here</body></html>")
        elif path == "/":
            self.answer(200, self.server.start_page())
        elif path == "/robots.txt":
            body = f"User-agent: *\nAllow: /\nSitemap: {self.server.url}/sitemaps/0.xml\n"
            self.answer(200, body.encode(), "text/plain")
        elif path.startswith("/sitemaps/") and path.endswith(".xml"):
            self.answer(200, self.server.sitemap_index(path.removesuffix(".xml")), "text/xml")
        elif path.startswith("/feeds/"):
            number = path.removeprefix("/feeds/").removesuffix(".xml")
            self.answer(200, self.server.feed(number), "application/rss+xml")
        elif path.startswith(NEWS):
            self.answer(200, good_article(len(path)))
        elif path.startswith("/long/"):
            self.answer(200, self.server.long_link_page(int(path.removeprefix("/long/"))))
        else:
            self.answer(404, b"<html><body>Not here</body></html>")

    def answer(self, status: int, body: bytes, content_type: str = "text/html") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


class TrapServer(ThreadingHTTPServer):
    """One trap site on `host`, with the count of requests by path."""

    daemon_threads = True

    def __init__(
        self,
        host: str = "127.0.0.1",
        branch: int = 10,
        feeds: int = 0,
        most_requests: int = MOST_REQUESTS,
    ) -> None:
        super().__init__((host, 0), TrapHandler)
        self.host = host
        self.port = int(self.server_address[1])
        self.branch = branch
        self.feeds = feeds
        self.most_requests = most_requests
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def count(self, path: str) -> int:
        """Count a request; returns how many the server has had."""
        with self._lock:
            self.hits[path] += 1
            return self.hits.total()

    def hits_under(self, prefix: str) -> int:
        return sum(n for path, n in self.hits.items() if path.startswith(prefix))

    def start_page(self) -> bytes:
        links = "".join(
            f'<link rel="alternate" type="application/rss+xml" href="/feeds/{n}.xml">'
            for n in range(self.feeds)
        )
        return f"<html><head><title>Trap</title>{links}</head><body></body></html>".encode()

    def sitemap_index(self, path: str) -> bytes:
        children = "".join(
            f"<sitemap><loc>{self.url}{path}-{k}.xml</loc></sitemap>" for k in range(self.branch)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{children}'
            "</sitemapindex>"
        ).encode()

    def feed(self, number: str) -> bytes:
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Feed {number}</title><link>{self.url}/</link>"
            f"<item><title>Story {number}</title><link>{self.url}/news/feed-{number}.html</link>"
            "</item></channel></rss>"
        ).encode()

    def long_url(self, length: int) -> str:
        """An article URL on this server exactly `length` characters long."""
        head = f"{self.url}{NEWS}"
        return head + "a" * (length - len(head) - len(".html")) + ".html"

    def long_link_page(self, length: int) -> bytes:
        link = f'<a href="{self.long_url(length)}">The long story</a>'
        return f"<html><head><title>Long</title></head><body>{link}</body></html>".encode()


@contextmanager
def serve_traps(**options: Any) -> Iterator[TrapServer]:
    """A TrapServer running in a background thread for the duration of the block."""
    server = TrapServer(**options)
    with serving(server, "trap"):
        yield server


def main() -> None:
    with serve_traps(feeds=2_000) as server:
        print(f"traps: {server.url}/  (sitemaps via robots.txt, feeds on the start page)")
        print(f"long article link: {server.url}/long/3035")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print(f"requests: {server.hits.total()}")


if __name__ == "__main__":
    main()
