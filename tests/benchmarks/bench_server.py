"""A fast real HTTP server (Twisted Web) for the benchmarks: real news pages from
../shared/evaldata, repeated under new URLs, linked from listing pages. Pages are kept in memory,
so a 20,000-page site needs no disk.

    python tests/benchmarks/bench_server.py --pages 2000 --port 8080
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import sys
from pathlib import Path

from twisted.internet import reactor
from twisted.web.resource import Resource
from twisted.web.server import Request, Site

# Run as scripts from tests/benchmarks: `tests.*` helpers import from the checkout.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.evaldata import evaldata_dir

EVALDATA = evaldata_dir()
SETS = ("fundus", "readability", "trafilatura")
PAGES_PER_LIST = 50
BASE = b'<base href="http://publisher.invalid/">'
OWN_BASE = re.compile(rb"<base\b", re.I)
COMMENT_OR_HEAD_END = re.compile(rb"<!--.*?(?:-->|$)|</head>", re.I | re.S)


def source_pages() -> list[bytes]:
    """Every evaluation page as its publisher served it (the gzip of the data set removed)."""
    pages = []
    for name in SETS:
        for path in sorted((EVALDATA / name).glob("*.html.gz")):
            pages.append(gzip.decompress(path.read_bytes()))
    return pages


# /r/: a site whose articles have photos, a stylesheet that imports another (with a background
# image and a font) and a script, all on this server, for the requisites benchmark. Sizes are
# typical of news sites: a 120 kB photo at its largest srcset candidate, 30 kB for the smaller.
REQUISITE_SIZES = {
    ".jpg": 120_000, "-small.jpg": 30_000, ".png": 8_000, ".woff2": 40_000, ".js": 60_000,
}  # fmt: skip
REQUISITE_ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Story {n}</title>
<meta property="og:type" content="article"><meta property="og:image" content="/r/img/{n}-0.jpg">
<link rel="stylesheet" href="/r/static/site.css"><script src="/r/static/app.js"></script>
</head><body><nav><img src="/r/static/logo.png" alt="logo"></nav><article><h1>Story {n}</h1>
<figure><img src="/r/img/{n}-1-small.jpg" srcset="/r/img/{n}-1-small.jpg 400w, /r/img/{n}-1.jpg
 1200w"><figcaption>The quay at dawn. Photo: Jane Doe</figcaption></figure>{text}
<figure><img src="/r/img/{n}-2.jpg"><figcaption>Divers at work. Photo: AP</figcaption></figure>
</article></body></html>"""
REQUISITE_TEXT = "<p>" + "The harbour authority said work on the quay would go on. " * 12 + "</p>"
STYLESHEETS = {
    "/r/static/site.css": b'@import "fonts.css";\nbody { background: url(bg.png); }\n',
    "/r/static/fonts.css": b"@font-face { font-family: S; src: url(serif.woff2); }\n",
}


def requisite_body(path: str, pages: int) -> tuple[bytes, bytes] | None:
    """The body and content type of a /r/ path, or None."""
    if path == "/r/index.html":
        items = "".join(f'<li><a href="/r/a/{n}.html">{n}</a></li>' for n in range(pages))
        return f"<html><body><ul>{items}</ul></body></html>".encode(), b"text/html"
    if path.startswith("/r/a/") and path[5:-5].isdigit() and int(path[5:-5]) < pages:
        page = REQUISITE_ARTICLE.format(n=int(path[5:-5]), text=REQUISITE_TEXT * 8)
        return page.encode(), b"text/html; charset=utf-8"
    if path in STYLESHEETS:
        return STYLESHEETS[path], b"text/css"
    for suffix in sorted(REQUISITE_SIZES, key=len, reverse=True):
        if path.startswith(("/r/img/", "/r/static/")) and path.endswith(suffix):
            # incompressible, as photos and fonts are
            data = hashlib.shake_128(path.encode()).digest(REQUISITE_SIZES[suffix])
            return data, b"application/octet-stream"
    return None


def article_path(n: int) -> str:
    return f"/a/{n:06d}.html"


class BenchSite(Resource):
    """/index.html -> /list/N.html (50 links each) -> /a/NNNNNN.html (a real news page)."""

    isLeaf = True  # noqa: N815 - Twisted API name

    def __init__(self, pages: int) -> None:
        super().__init__()
        self.pages = pages
        self.sources = source_pages()
        self.lists = (pages + PAGES_PER_LIST - 1) // PAGES_PER_LIST

    def render_GET(self, request: Request) -> bytes:  # noqa: N802 - Twisted API name
        path = request.path.decode("latin-1")
        if path.startswith("/r/"):
            found = requisite_body(path, self.pages)
            if found is None:
                request.setResponseCode(404)
                return b"not found"
            request.setHeader(b"content-type", found[1])
            return found[0]
        host = request.getHost()
        body = self.body(path, f"http://{host.host}:{host.port}")
        if body is None:
            request.setResponseCode(404)
            return b"not found"
        kind = b"text/plain" if path.endswith(".txt") else b"text/html; charset=utf-8"
        request.setHeader(b"content-type", kind)
        return body

    def body(self, path: str, origin: str = "") -> bytes | None:
        if path == "/robots.txt":
            return b"User-agent: *\nAllow: /\n"
        if path in ("/", "/index.html"):
            items = "".join(f'<li><a href="/list/{n}.html">{n}</a></li>' for n in range(self.lists))
            return f"<html><body><ul>{items}</ul></body></html>".encode()
        if path.startswith("/list/") and path.endswith(".html") and path[6:-5].isdigit():
            number = int(path[6:-5])
            first = number * PAGES_PER_LIST
            chunk = range(first, min(first + PAGES_PER_LIST, self.pages))
            items = "".join(f'<li><a href="{article_path(n)}">{n}</a></li>' for n in chunk)
            return f"<html><body><ul>{items}</ul></body></html>".encode()
        if path.startswith("/a/") and path.endswith(".html") and path[3:-5].isdigit():
            n = int(path[3:-5])
            if n >= self.pages:
                return None
            page = self.sources[n % len(self.sources)]
            links = "".join(
                f'<a href="{origin}{article_path((n + k) % self.pages)}">more</a>' for k in (1, 2)
            )
            return with_publisher_base(page.replace(b"</body>", links.encode() + b"</body>", 1))
        return None


def with_publisher_base(page: bytes) -> bytes:
    """The page with its own relative links kept with its publisher, not this server: a <base>
    at the end of <head>, so the page still reads as HTML from its first element (in front of
    everything if the page has a <base> of its own or no </head>)."""
    head_end = next(
        (m.start() for m in COMMENT_OR_HEAD_END.finditer(page) if m.group(0)[:2] == b"</"),
        -1,
    )
    if head_end < 0 or OWN_BASE.search(page):
        return BASE + page
    return page[:head_end] + BASE + page[head_end:]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    reactor.listenTCP(args.port, Site(BenchSite(args.pages)), interface="127.0.0.1")  # type: ignore[attr-defined]
    print("ready", flush=True)
    reactor.run()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main(sys.argv[1:])
