"""A web server that breaks in every way a news site's server can, on a 127.0.0.x address.

Routes (all linked from `/`, so one crawl meets them all):
    /status/{404,410,429,500,502,503}   errors; 429 and 5xx carry a far-off Retry-After
    /slow.html, /stall.html             no answer, or a body trickling, past the client's timeout
    /reset.html, /short.html            connection reset mid-body; body shorter than Content-Length
    /bad-gzip.html, /gzip-bomb.html     invalid gzip; 1 KB per MB of zeros, 100 MB decompressed
    /huge.html, /huge-unsized.html      60 MB, with and without Content-Length
    /big-article.html                   a 3 MB article page
    /charset/{enc}-{variant}.html       EUC-KR, Shift_JIS, windows-1252 pages: bare (nothing
                                        declared), wrong-header (HTTP says utf-8), wrong-meta
    /binary.html, /empty.html           binary bytes as text/html; an empty 200
    /deep.html, /malformed.html         100,000 nested elements; broken markup of every kind
    /redirect/...                       loops, an endless chain, and redirects to 10.0.0.1,
                                        169.254.169.254, other loopback hosts, file:;
                                        /redirect/to?url=U redirects to any U
    /list?page=N, /calendar/Y/M/        crawler traps: endless pagination and calendar
    /robots.txt                         per server: ok (with private Sitemap: lines), 5xx, garbage

Every request is counted by path (`hits`), and every accepted connection (`connections`), so
tests can bound what a crawl asked for and prove a host was never contacted.

Run it by hand for an independent check of `morgue crawl`:
    python -m tests.fault_server            # prints the URLs, serves until Ctrl-C
"""

from __future__ import annotations

import random
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from crawler.site_server import serving

ERROR_STATUSES = (404, 410, 429, 500, 502, 503)
RETRY_AFTER = {429: "3600", 500: "120", 502: "120", 503: "Fri, 31 Dec 2100 23:59:59 GMT"}
HUGE_SIZE = 60_000_000
BOMB_MEGABYTES = 100
BIG_ARTICLE_SIZE = 3_000_000
CHARSETS = ("euc-kr", "shift_jis", "windows-1252")
CHARSET_VARIANTS = ("bare", "wrong-header", "wrong-meta")
# One sentence per encoding; the crawl must store each exactly (tests look for it in the body).
CHARSET_TEXT = {
    "euc-kr": (
        "서울시는 월요일 새로운 대중교통 정책을 발표했다. 시민들은 버스와 지하철 요금이 내년부터 "
        "인상될 것이라고 우려했다. 시장은 기자회견에서 재정 적자를 줄이기 위한 불가피한 조치라고 "
        "설명했다."
    ),
    "shift_jis": (
        "東京都は月曜日、新しい公共交通政策を発表した。市民はバスと地下鉄の運賃が来年から値上げ"
        "されることを懸念している。知事は記者会見で、財政赤字を削減するためのやむを得ない措置だと"
        "説明した。"
    ),
    "windows-1252": (
        "Le maire de Zürich a présenté lundi un “plan ambitieux” pour la rénovation des quais – "
        "une décision très attendue par les riverains, qui dénoncent depuis des années l’état "
        "déplorable des façades."
    ),
}
REDIRECTS = (
    "loop-a", "loop-b", "self", "chain/1", "to-private", "to-metadata", "to-loopback-alias",
    "to-decimal-loopback", "to-ipv6-loopback", "to-file", "ok",
)  # fmt: skip
SENTENCE = (
    "The harbour authority said on Monday that work on the northern quay would continue "
    "through the winter, with divers inspecting the older piles every week. "
)

Route = Callable[["FaultHandler"], None]


def article(title: str, paragraphs: list[str], head: str = "") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{title}</title>"
        '<meta property="og:type" content="article"></head>'
        f"<body><article><h1>{title}</h1>\n{body}\n</article></body></html>"
    )


def good_article(n: int) -> bytes:
    return article(f"Harbour works, part {n}", [SENTENCE * 4] * 4).encode()


def charset_page(encoding: str, variant: str) -> bytes:
    meta = '<meta charset="utf-8">' if variant == "wrong-meta" else ""
    paragraphs = [f"({n}) {CHARSET_TEXT[encoding]}" for n in range(1, 9)]
    return article(f"Charset {encoding} {variant}", paragraphs, meta).encode(encoding)


@cache
def gzip_bomb() -> bytes:
    """One gzip member: BOMB_MEGABYTES of zeros in about a thousandth of that."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1 << 20)
    parts = [compressor.compress(chunk) for _ in range(BOMB_MEGABYTES)]
    return b"".join([*parts, compressor.flush()])


@cache
def big_article() -> bytes:
    paragraph = f"<p>{SENTENCE * 8}</p>\n"
    count = BIG_ARTICLE_SIZE // len(paragraph)
    page = article("A very long page", []).replace("</article>", paragraph * count + "</article>")
    return page.encode()


def binary_body() -> bytes:
    return bytes(random.Random(8).randrange(256) for _ in range(20_000))


def deep_page() -> bytes:
    depth = 100_000
    return b"<html><body>" + b"<div>" * depth + b"deep" + b"</div>" * depth + b"</body></html>"


def malformed_page() -> bytes:
    return b"".join(
        [
            b"<html><head><title>Broken <b>title</title><meta charset='no-such-charset'>",
            b"<base href='javascript:alert(1)'></head><body><p>Unclosed <i><b><table><tr><td>",
            b"&#0; &#xFFFFFFFF; &#xD800; &bogus; &amp &lt;&gt; \x00\x01\x02 \xff\xfe\xc3\x28",
            b"<a href='/news/ok-1.html'>a real link</a>",
            b"<a " * 20_000,  # unclosed tags: quadratic for a naive regex
            b"<!--" * 20_000,  # unclosed comments
            b"<scr<script>ipt>x</script><svg><foreignObject><math><mi><style>",
            b"</div></div></span></html></body>" * 100,
            b"x" * 1_000_000,  # one 1 MB word
            b"<script>var never = 'closed';",
        ]
    )


def robots(mode: str, canary: str) -> tuple[int, bytes]:
    if mode == "5xx":
        return 503, b"Service Unavailable"
    if mode == "garbage":
        return 200, b"\x89PNG\r\n\x1a\n" + binary_body()[:2000] + b"\nDisallow /\n<html>"
    lines = [
        "User-agent: *",
        "Disallow: /private/",
        "Sitemap: http://169.254.169.254/latest/meta-data/sitemap.xml",
        "Sitemap: http://10.0.0.1/sitemap.xml",
        f"Sitemap: {canary}/sitemap.xml",
    ]
    return 200, ("\n".join(lines) + "\n").encode()


class FaultHandler(BaseHTTPRequestHandler):
    server: FaultServer
    protocol_version = "HTTP/1.1"
    server_version = "fault/1"

    def do_GET(self) -> None:
        self.server.count(self.path)
        path = urlsplit(self.path).path
        for prefix, route in ROUTES:
            if path == prefix or (
                prefix != "/" and prefix.endswith("/") and path.startswith(prefix)
            ):
                route(self)
                return
        self.answer(404, b"<html><body>Not here</body></html>")

    def answer(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.flush()

    def log_message(self, format: str, *args: Any) -> None:
        return


def _index(h: FaultHandler) -> None:
    if h.server.plain:
        links = "".join(f'<a href="/news/ok-{n}.html">{n}</a> ' for n in (4, 5))
        h.answer(200, f"<html><body>{links}</body></html>".encode())
        return
    links = [f"/status/{code}" for code in ERROR_STATUSES]
    links += ["/slow.html", "/stall.html", "/reset.html", "/short.html", "/bad-gzip.html"]
    links += ["/gzip-bomb.html", "/huge.html", "/huge-unsized.html", "/big-article.html"]
    links += [f"/charset/{e}-{v}.html" for e in CHARSETS for v in CHARSET_VARIANTS]
    links += ["/binary.html", "/empty.html", "/deep.html", "/malformed.html"]
    links += [f"/redirect/{name}" for name in REDIRECTS if name != "loop-b"]
    links += ["/list?page=1", "/calendar/2026/11/", "/private/secret.html"]
    links += [f"/news/ok-{n}.html" for n in (1, 2, 3)]
    feed = '<link rel="alternate" type="application/rss+xml" href="http://169.254.169.254/feed">'
    items = "".join(f'<li><a href="{link}">{link}</a></li>' for link in links)
    page = f"<html><head><title>Faults</title>{feed}</head><body><ul>{items}</ul></body></html>"
    h.answer(200, page.encode())


def _status(h: FaultHandler) -> None:
    code = int(urlsplit(h.path).path.rsplit("/", 1)[1])
    headers = {"Retry-After": RETRY_AFTER[code]} if code in RETRY_AFTER else {}
    h.answer(code, f"<html><body>Error {code}</body></html>".encode(), headers=headers)


def _slow(h: FaultHandler) -> None:
    time.sleep(h.server.slow_seconds)
    h.answer(200, good_article(9))


def _stall(h: FaultHandler) -> None:
    h.head(200, {"Content-Type": "text/html", "Content-Length": "100000"})
    with _client_gone():
        for _ in range(int(h.server.slow_seconds * 10)):
            h.wfile.write(b"<p>.</p>")
            h.wfile.flush()
            time.sleep(0.1)


def _reset(h: FaultHandler) -> None:
    h.head(200, {"Content-Type": "text/html", "Content-Length": "100000"})
    h.wfile.write(good_article(7)[:2000])
    h.wfile.flush()
    # SO_LINGER 0: close() sends RST instead of FIN
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()
    h.close_connection = True


def _short(h: FaultHandler) -> None:
    h.head(200, {"Content-Type": "text/html", "Content-Length": "10000", "Connection": "close"})
    h.wfile.write(good_article(6)[:1000])
    h.close_connection = True


def _bad_gzip(h: FaultHandler) -> None:
    body = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"this is not deflate data" * 40
    h.answer(200, body, headers={"Content-Encoding": "gzip"})


def _gzip_bomb(h: FaultHandler) -> None:
    h.answer(200, gzip_bomb(), headers={"Content-Encoding": "gzip"})


def _huge(h: FaultHandler, sized: bool = True) -> None:
    headers = {"Content-Type": "text/html"}
    if sized:
        headers["Content-Length"] = str(HUGE_SIZE)
    else:
        headers["Connection"] = "close"
        h.close_connection = True
    h.head(200, headers)
    chunk = b"<p>" + b"filler " * 9360 + b"</p>\n"
    with _client_gone():
        sent = 0
        while sent < HUGE_SIZE:
            piece = chunk[: HUGE_SIZE - sent]
            h.wfile.write(piece)
            sent += len(piece)


def _charset(h: FaultHandler) -> None:
    name = urlsplit(h.path).path.rsplit("/", 1)[1].removesuffix(".html")
    variant = next(v for v in CHARSET_VARIANTS if name.endswith("-" + v))
    encoding = name.removesuffix("-" + variant)
    content_type = "text/html; charset=utf-8" if variant == "wrong-header" else "text/html"
    h.answer(200, charset_page(encoding, variant), content_type)


REDIRECT_TARGETS: dict[str, Callable[[FaultHandler], str]] = {
    "loop-a": lambda h: "/redirect/loop-b",
    "loop-b": lambda h: "/redirect/loop-a",
    "self": lambda h: "/redirect/self",
    "to-private": lambda h: "http://10.0.0.1/",
    "to-metadata": lambda h: "http://169.254.169.254/latest/meta-data/",
    "to-loopback-alias": lambda h: h.server.canary_url + "/secret",
    "to-decimal-loopback": lambda h: f"http://2130706433:{h.server.port}/news/ok-1.html",
    "to-ipv6-loopback": lambda h: f"http://[::1]:{h.server.port}/news/ok-1.html",
    "to-file": lambda h: "file:///etc/passwd",
    "ok": lambda h: "/news/ok-2.html",
}


def _redirect(h: FaultHandler) -> None:
    name = urlsplit(h.path).path.removeprefix("/redirect/")
    if name == "to":  # /redirect/to?url=ANY
        target = parse_qs(urlsplit(h.path).query)["url"][0]
    elif name.startswith("chain/"):
        target = f"/redirect/chain/{int(name.split('/')[1]) + 1}"
    else:
        target = REDIRECT_TARGETS[name](h)
    h.answer(302, b"", headers={"Location": target})


def _pagination(h: FaultHandler) -> None:
    page = int(parse_qs(urlsplit(h.path).query).get("page", ["1"])[0])
    h.answer(200, f'<html><body><a href="/list?page={page + 1}">next</a></body></html>'.encode())


def _calendar(h: FaultHandler) -> None:
    parts = urlsplit(h.path).path.strip("/").split("/")
    year, month = int(parts[1]), int(parts[2])
    earlier = (year, month - 1) if month > 1 else (year - 1, 12)
    later = (year, month + 1) if month < 12 else (year + 1, 1)
    links = "".join(
        f'<a href="/calendar/{y}/{m:02d}/">{y}-{m:02d}</a> ' for y, m in (earlier, later)
    )
    h.answer(200, f"<html><body><h1>{year}-{month:02d}</h1>{links}</body></html>".encode())


def _robots(h: FaultHandler) -> None:
    status, body = robots(h.server.robots_mode, h.server.canary_url)
    h.answer(status, body, "text/plain")


ROUTES: list[tuple[str, Route]] = [
    ("/", _index),
    ("/robots.txt", _robots),
    ("/status/", _status),
    ("/slow.html", _slow),
    ("/stall.html", _stall),
    ("/reset.html", _reset),
    ("/short.html", _short),
    ("/bad-gzip.html", _bad_gzip),
    ("/gzip-bomb.html", _gzip_bomb),
    ("/huge.html", _huge),
    ("/huge-unsized.html", lambda h: _huge(h, sized=False)),
    ("/big-article.html", lambda h: h.answer(200, big_article())),
    ("/charset/", _charset),
    ("/binary.html", lambda h: h.answer(200, binary_body())),
    ("/empty.html", lambda h: h.answer(200, b"")),
    ("/deep.html", lambda h: h.answer(200, deep_page())),
    ("/malformed.html", lambda h: h.answer(200, malformed_page())),
    ("/redirect/", _redirect),
    ("/list", _pagination),
    ("/calendar/", _calendar),
    ("/news/", lambda h: h.answer(200, good_article(int(h.path.split("-")[-1].split(".")[0])))),
    ("/secret", lambda h: h.answer(200, b"the canary was reached")),
]


def _client_gone() -> suppress:
    """A client that hangs up mid-body (as Scrapy does past its limits) ends the route."""
    return suppress(BrokenPipeError, ConnectionResetError, TimeoutError)


class FaultServer(ThreadingHTTPServer):
    """One misbehaving site on `host`; count of requests by path and of connections."""

    daemon_threads = True

    def __init__(
        self,
        host: str = "127.0.0.1",
        robots_mode: str = "ok",
        slow_seconds: float = 4.0,
        canary_url: str = "http://127.0.0.9:9",
        plain: bool = False,
    ) -> None:
        super().__init__((host, 0), FaultHandler)
        self.host = host
        self.port = int(self.server_address[1])
        self.robots_mode = robots_mode
        self.slow_seconds = slow_seconds
        self.canary_url = canary_url
        self.plain = plain  # `/` links to two good articles only, not to every fault
        self.hits: Counter[str] = Counter()
        self.connections = 0
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def count(self, path: str) -> None:
        with self._lock:
            self.hits[path] += 1

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._lock:
            self.connections += 1
        super().process_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # clients hang up on purpose here; no tracebacks on stderr


@contextmanager
def serve_faults(**options: Any) -> Iterator[FaultServer]:
    """A FaultServer running in a background thread for the duration of the block."""
    server = FaultServer(**options)
    with serving(server, "fault-server"):
        yield server


def main() -> None:
    with (
        serve_faults(host="127.0.0.9", robots_mode="ok") as canary,
        serve_faults(canary_url=canary.url) as faults,
        serve_faults(host="127.0.0.2", robots_mode="5xx", plain=True) as robots_5xx,
        serve_faults(host="127.0.0.3", robots_mode="garbage", plain=True) as junk,
    ):
        print(f"faults:          {faults.url}/")
        print(f"robots.txt 5xx:  {robots_5xx.url}/")
        print(f"robots.txt junk: {junk.url}/")
        print(f"trap:            {faults.url}/calendar/2026/11/")
        print(f"canary (must get no connection): {canary.url}/")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print(f"canary connections: {canary.connections}")


if __name__ == "__main__":
    main()
