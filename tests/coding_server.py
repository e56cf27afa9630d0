"""A news site on 127.0.0.1 whose pages arrive in every content coding a server may send.

Each route serves the same kind of article page, encoded as its name says; `/` links to all.
"""

from __future__ import annotations

import gzip
import sys
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import brotli

from crawler.site_server import serving

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

PARAGRAPHS = (
    "The ferry operator said on Tuesday that the evening crossing would be cancelled until "
    "spring, as the harbour crane at the island pier needs new cables and a full inspection.",
    "Islanders who work on the mainland will have to take the morning boat and return on the "
    "last afternoon sailing, which leaves the quay forty minutes earlier than the old service.",
    "The council's transport committee meets on Thursday to discuss a replacement bus link "
    "from the northern jetty, where a smaller vessel could still land passengers in calm weather.",
    "A spokeswoman for the operator said the crane had failed two safety checks this autumn and "
    "that the company would not risk loading vehicles until the new cables had been fitted.",
    "Shopkeepers on the island said deliveries of fresh food would now arrive only three times "
    "a week, and that the winter timetable had come as a surprise to most of their customers.",
    "The operator expects the work to finish in March, weather permitting, and has promised to "
    "refund season tickets for the weeks in which the evening crossing does not run.",
)


def article_page(slug: str) -> bytes:
    """A plain article page whose first paragraph names its slug, so tests can tell them apart."""
    paragraphs = "".join(f"<p>{text}</p>\n" for text in PARAGRAPHS)
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        f"<title>Ferry crossing cancelled ({slug})</title></head><body><article>"
        f"<h1>Ferry crossing cancelled ({slug})</h1>"
        '<p class="byline">By Alex Example</p>'
        f"{paragraphs}</article></body></html>"
    ).encode()


def brotli_bomb(size: int = 2**30) -> bytes:
    """`size` zero bytes, brotli-compressed a MiB at a time (1 GiB: ~190 KB, little memory)."""
    compressor = brotli.Compressor(quality=1)
    zeros = bytes(2**20)
    pieces = [compressor.process(zeros) for _ in range(size // len(zeros))]
    return b"".join([*pieces, compressor.finish()])


def _two_members(data: bytes) -> bytes:
    half = len(data) // 2
    return gzip.compress(data[:half], mtime=0) + gzip.compress(data[half:], mtime=0)


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


# Route name: (Content-Encoding header, encoder of the page bytes).
CODINGS: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    "zstd": ("zstd", zstd.compress),
    "gzip-members": ("gzip", _two_members),
    "gzip-then-br": ("gzip, br", lambda b: brotli.compress(gzip.compress(b, mtime=0))),
    "br-then-gzip": ("br, gzip", lambda b: gzip.compress(brotli.compress(b), mtime=0)),
    "deflate-raw": ("deflate", _raw_deflate),
    "deflate-zlib": ("deflate", zlib.compress),
    "unknown": ("x-bogus", lambda b: b),
}


class CodingHandler(BaseHTTPRequestHandler):
    server: CodingServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        name = self.path.strip("/").removesuffix(".html")
        if self.path == "/":
            links = "".join(f'<a href="/{n}.html">{n}</a> ' for n in CODINGS)
            self._send(f"<html><body>{links}</body></html>".encode(), {})
        elif name in self.server.extra:
            self._send(*self.server.extra[name])
        elif name in CODINGS:
            coding, encode = CODINGS[name]
            self._send(encode(article_page(name)), {"Content-Encoding": coding})
        else:
            self.send_error(404)

    def _send(self, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(200)
        if "Content-Type" not in headers:
            self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


class CodingServer(ThreadingHTTPServer):
    """The coded pages, plus `extra` routes: name -> (body as sent, headers; a Content-Type
    there replaces the default UTF-8 HTML one)."""

    daemon_threads = True

    def __init__(self, extra: dict[str, tuple[bytes, dict[str, str]]] | None = None) -> None:
        super().__init__(("127.0.0.1", 0), CodingHandler)
        self.extra = extra or {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def serve_codings(extra: dict[str, tuple[bytes, dict[str, str]]] | None = None) -> Iterator[str]:
    """Serve the coded pages in a background thread; yields the base URL."""
    server = CodingServer(extra)
    with serving(server, "codings"):
        yield server.url
