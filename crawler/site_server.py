"""A real static HTTP server on 127.0.0.1 for the demo site and test fixture sites.

HTML is gzip-encoded when the client accepts it (as most news sites do), and root-relative
`<loc>`/`<link>`/`Sitemap:` entries in sitemaps, feeds and robots.txt are made absolute for
whatever port the server got, since those formats require absolute URLs.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import BaseServer
from typing import Any

_ABSOLUTISE = re.compile(rb"(<loc>|<link>|<guid[^>]*>|^Sitemap:\s*)/", re.MULTILINE)
_REWRITTEN_SUFFIXES = (".xml", ".rss", ".txt")


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Serves files from a folder; gzip for HTML, absolute URLs in discovery files, ETags."""

    server_version = "morgue-site/1"
    protocol_version = "HTTP/1.1"
    delay = 0.0  # seconds to wait before answering, to imitate a slow site
    request_log: list[str] | None = None  # paths requested, in order, when given

    def do_GET(self) -> None:
        if self.request_log is not None:
            self.request_log.append(self.path)
        if self.delay:
            time.sleep(self.delay)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404, "Not Found")
            return
        body = path.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path.suffix in _REWRITTEN_SUFFIXES:
            origin = f"http://{self.headers.get('Host', '127.0.0.1')}/".encode("latin-1")
            body = _ABSOLUTISE.sub(lambda m: m.group(1) + origin, body)
        content_type = self.guess_type(str(path))
        if content_type.startswith("text/") and "charset" not in content_type:
            content_type += "; charset=utf-8" if path.suffix != ".html" else ""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("ETag", etag)
        if path.suffix == ".html" and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def serve_site(
    root: Path,
    port: int = 0,
    delay: float = 0.0,
    request_log: list[str] | None = None,
    host: str = "127.0.0.1",
) -> Iterator[str]:
    """Serve `root` on `host` (127.0.0.1; 127.0.0.2 plays a second site) in a background
    thread; yields the base URL. Each request's path is appended to `request_log` if given."""
    handler_class = type(
        "DelayedSiteHandler", (SiteRequestHandler,), {"delay": delay, "request_log": request_log}
    )
    handler = partial(handler_class, directory=str(root))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    with serving(server, "morgue-site"):
        yield f"http://{host}:{server.server_address[1]}"


@contextmanager
def serving(server: BaseServer, name: str) -> Iterator[None]:
    """Run `server` in a background thread for the block, then stop and close it (also the
    test suite's own servers: faults, traps, content codings)."""
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=name, daemon=True
    )
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
