"""Meta refresh redirects are followed as Scrapy follows them; pages that can't declare one are
not decoded to look."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.middlewares.meta_refresh import ByteCheckedMetaRefreshMiddleware

URL = "http://news.example/a.html"
REFRESH = '<meta http-equiv="refresh" content="0; url=/moved.html">'
FILLER = "<p>Der Gemeinderat hat am Dienstag über den Haushalt beraten.</p>\n"
LINK_PAGES = sorted((Path(__file__).parent / "fixtures" / "link_pages").glob("*.html.gz"))


def _page(head: str, charset: str = "utf-8", filler: int = 0) -> tuple[bytes, str]:
    text = f"<html><head>{FILLER * filler}{head}</head><body>x</body></html>"
    return text.encode(charset), charset


CASES = {
    "refresh": _page(REFRESH),
    "capitals": _page(REFRESH.upper().replace("/MOVED", "/moved")),
    "refresh after 4,096 characters": _page(REFRESH, filler=70),
    "refresh near the 4,096th character in 3-byte characters": (
        ("<html><head>" + "€" * 4060 + REFRESH + "</head></html>").encode(),
        "utf-8",
    ),
    "no meta": _page("<title>t</title>"),
    "other meta": _page('<meta charset="utf-8"><meta name="x" content="y">'),
    "refresh elsewhere": _page('<meta charset="utf-8"><script>refresh()</script>'),
    "refresh in a noscript": _page(f"<noscript>{REFRESH}</noscript>"),
    "utf-16 with its byte order mark": (
        b"\xff\xfe" + f"<html><head>{REFRESH}</head></html>".encode("utf-16-le"),
        "utf-8",
    ),
    "latin-1": _page(REFRESH, charset="latin-1"),
    "invalid utf-8": (b"<html><head>\xff\xfe\xc3" + REFRESH.encode() + b"</head></html>", "utf-8"),
    **{path.name: (gzip.decompress(path.read_bytes()), "utf-8") for path in LINK_PAGES},
}


def _outcome(result: Request | HtmlResponse) -> str:
    return f"request {result.url}" if isinstance(result, Request) else "response"


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_same_pages_are_redirected_as_by_scrapy(case: str) -> None:
    body, charset = CASES[case]
    ours = ByteCheckedMetaRefreshMiddleware.from_crawler(get_crawler())
    scrapys = MetaRefreshMiddleware.from_crawler(get_crawler())
    results = []
    for middleware in (ours, scrapys):
        headers = {"Content-Type": f"text/html; charset={charset}"}
        response = HtmlResponse(URL, body=body, headers=headers, request=Request(URL))
        results.append(_outcome(middleware.process_response(Request(URL), response)))
    assert results[0] == results[1]


def test_a_utf8_page_without_refresh_is_not_decoded() -> None:
    body, _ = _page('<meta charset="utf-8"><title>t</title>', filler=500)
    response = HtmlResponse(
        URL, body=body, headers={"Content-Type": "text/html; charset=utf-8"}, request=Request(URL)
    )
    middleware = ByteCheckedMetaRefreshMiddleware.from_crawler(get_crawler())
    assert middleware.process_response(Request(URL), response) is response
    assert response._cached_ubody is None  # what Scrapy's `response.text` decoded and kept


def test_a_refresh_is_still_followed() -> None:
    body, _ = _page(REFRESH)
    response = HtmlResponse(
        URL, body=body, headers={"Content-Type": "text/html; charset=utf-8"}, request=Request(URL)
    )
    middleware = ByteCheckedMetaRefreshMiddleware.from_crawler(get_crawler())
    result = middleware.process_response(Request(URL), response)
    assert isinstance(result, Request)
    assert result.url == "http://news.example/moved.html"
