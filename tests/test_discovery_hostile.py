"""Hostile and broken input: bombs, garbage and truncation give None or no links, quickly."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from archive.discovery import parse_discovery, parse_feed, parse_sitemap
from archive.discovery.gzip_body import MAX_DECOMPRESSED_BYTES, unpack

FIXTURES = Path(__file__).parent / "fixtures" / "discovery"
SITE = "https://www.example-times.com"
QUICK_SECONDS = 2.0


def test_malformed_sitemap_still_yields_the_entries_it_has() -> None:
    # What was tried: unclosed <loc> and <url> tags, a bare "&" in a query, a cut-off end.
    document = parse_sitemap((FIXTURES / "malformed_sitemap.xml").read_bytes(), SITE)
    assert document is not None
    urls = [link.url for link in document.links]
    assert urls[:3] == [
        f"{SITE}/nation/2024/05/03/night-bus",
        f"{SITE}/sports/2024/05/05/rookie-complete-game",
        f"{SITE}/biz/2024/05/06/port-record-quarter?utm_source=a&utm_medium=b",
    ]
    assert document.links[0].modified == "2024-05-03T09:15:00+09:00"
    assert all(" " not in url for url in urls)


def test_billion_laughs_sitemap_is_not_expanded() -> None:
    # What was tried: nested entities that would expand to 3 GB of "lol" in <loc> and a title.
    body = (FIXTURES / "billion_laughs_sitemap.xml").read_bytes()
    started = time.perf_counter()
    document = parse_discovery(body, SITE, "application/xml")
    assert time.perf_counter() - started < QUICK_SECONDS
    assert document is None or document.links == ()


def test_billion_laughs_feed_is_refused() -> None:
    # What was tried: the same entity bomb in an RSS channel and item title.
    body = (FIXTURES / "billion_laughs_feed.xml").read_bytes()
    started = time.perf_counter()
    assert parse_discovery(body, SITE, "application/rss+xml") is None
    assert parse_feed(body, SITE) is None
    assert time.perf_counter() - started < QUICK_SECONDS


def test_quadratic_blowup_feed_is_refused() -> None:
    # What was tried: one 50 KB entity used 4,000 times in a feed whose strict parse fails;
    # feedparser's fallback parser would build a 200-million-character title from it.
    body = (FIXTURES / "quadratic_blowup_feed.xml").read_bytes()
    started = time.perf_counter()
    assert parse_feed(body, SITE) is None
    assert parse_discovery(body, SITE, None) is None
    assert time.perf_counter() - started < QUICK_SECONDS


def test_entity_declaration_in_utf16_feed_is_refused() -> None:
    # What was tried: hiding the <!ENTITY> from a byte search by encoding the feed as UTF-16.
    text = (FIXTURES / "billion_laughs_feed.xml").read_text(encoding="utf-8")
    body = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    assert parse_feed(body, SITE) is None


def test_gzip_bomb_is_refused_without_unpacking_it_all() -> None:
    # What was tried: 60 KB of gzip that unpacks to 60 MB, past the 50 MB limit.
    body = (FIXTURES / "gzip_bomb_sitemap.xml.gz").read_bytes()
    assert len(body) < 100_000
    assert parse_sitemap(body, SITE) is None
    assert parse_discovery(body, SITE, "application/x-gzip") is None
    assert parse_feed(body, SITE) is None


def test_unpack_limit_is_inclusive() -> None:
    body = gzip.compress(b"x" * 1000)
    assert unpack(body, limit=1000) == b"x" * 1000
    assert unpack(body, limit=999) is None
    assert MAX_DECOMPRESSED_BYTES == 50 * 1024 * 1024


def test_truncated_gzip_keeps_what_arrived() -> None:
    # What was tried: a gzipped sitemap cut off mid-download.
    whole = (FIXTURES / "sitemap_2024-04.xml.gz").read_bytes()
    document = parse_sitemap(whole[: len(whole) * 2 // 3], SITE)
    assert document is not None
    assert 0 < len(document.links) < 30


def test_concatenated_gzip_members_are_all_unpacked() -> None:
    assert unpack(gzip.compress(b"<urlset>") + gzip.compress(b"</urlset>")) == b"<urlset></urlset>"


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   \n ",
        b"\x00\x01\x02\x03",
        b"\x1f\x8b",
        b"\x1f\x8bnot really gzip at all",
        b"<",
        b"<?xml version='1.0'?>",
        b"<urlset",
        b"<rss version='2.0'><channel><item><link>",
        b'{"version": "https://jsonfeed.org/version/1.1", "items": []}',
        b"User-agent: *\nDisallow: /\n",
        b"<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>",
        "<?xml version='1.0' encoding='utf-16'?><urlset/>".encode("utf-16"),
        b"<?xml version='1.0' encoding='no-such-codec'?><urlset><url><loc>/a</loc></url></urlset>",
    ],
)
def test_garbage_never_raises(body: bytes) -> None:
    # What was tried: empty, binary, fake gzip, cut-off XML, JSON, robots.txt, SVG, odd encodings.
    for content_type in (None, "application/rss+xml", "application/xml"):
        document = parse_discovery(body, SITE, content_type)
        assert document is None or all(link.url.startswith("https://") for link in document.links)
    for parse in (parse_sitemap, parse_feed):
        document = parse(body, SITE)
        assert document is None or all(link.url.startswith("https://") for link in document.links)


def test_html_page_is_neither_a_sitemap_nor_a_feed() -> None:
    # What was tried: an ordinary article page given to each parser directly.
    body = (FIXTURES / "article.html").read_bytes()
    assert parse_sitemap(body, SITE) is None
    assert parse_feed(body, SITE) is None
