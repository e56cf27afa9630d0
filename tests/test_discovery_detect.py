"""Telling sitemaps from feeds by their root, and finding them via pages, robots.txt, paths."""

from __future__ import annotations

import gzip
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from archive.discovery import (
    COMMON_DISCOVERY_PATHS,
    DiscoveryDocument,
    feed_links,
    parse_discovery,
    parse_feed,
    parse_sitemap,
    sitemaps_in_robots,
)

FIXTURES = Path(__file__).parent / "fixtures" / "discovery"
DEMO_SITE = Path(__file__).parents[1] / "crawler" / "demo_site"
SITE = "https://www.example-times.com"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("sitemap.xml", "urlset"),
        ("news_sitemap.xml", "urlset"),
        ("prefixed_news_sitemap.xml", "urlset"),
        ("sitemap_index.xml", "sitemapindex"),
        ("sitemap_2024-04.xml.gz", "urlset"),
        ("rss2.xml", "feed"),
        ("rss1.rdf", "feed"),
        ("atom.xml", "feed"),
    ],
)
def test_document_kind_comes_from_the_root_element_not_the_content_type(
    name: str, kind: str
) -> None:
    body = (FIXTURES / name).read_bytes()
    for content_type in (None, "text/xml", "application/octet-stream", "text/html"):
        document = parse_discovery(body, f"{SITE}/{name}", content_type)
        assert document is not None
        assert document.kind == kind


@pytest.mark.parametrize(
    ("name", "parse"),
    [
        ("sitemap.xml", parse_sitemap),
        ("sitemap_index.xml", parse_sitemap),
        ("news_sitemap.xml", parse_sitemap),
        ("rss2.xml", parse_feed),
        ("rss1.rdf", parse_feed),
        ("atom.xml", parse_feed),
    ],
)
def test_sniffing_gives_what_the_specific_parser_gives(
    name: str, parse: Callable[[bytes, str], DiscoveryDocument | None]
) -> None:
    body = (FIXTURES / name).read_bytes()
    assert parse_discovery(body, SITE, None) == parse(body, SITE)


def test_gzipped_feed_is_unpacked_too() -> None:
    body = (FIXTURES / "rss2.xml").read_bytes()
    assert parse_discovery(gzip.compress(body), SITE, None) == parse_feed(body, SITE)


def test_demo_site_sitemap_and_feed_are_recognised() -> None:
    sitemap = parse_discovery(
        (DEMO_SITE / "sitemap.xml").read_bytes(), "http://127.0.0.1:8000/sitemap.xml", "text/xml"
    )
    feed = parse_discovery(
        (DEMO_SITE / "rss.xml").read_bytes(), "http://127.0.0.1:8000/rss.xml", "text/xml"
    )
    assert sitemap is not None
    assert feed is not None
    assert (sitemap.kind, len(sitemap.links)) == ("urlset", 36)
    assert (feed.kind, len(feed.links)) == ("feed", 28)


def test_feed_after_a_php_warning_is_read_when_served_as_a_feed() -> None:
    # What was tried: WordPress printing a PHP warning before the XML declaration.
    body = (FIXTURES / "rss2_after_php_warning.xml").read_bytes()
    document = parse_discovery(body, "https://news.example.org/feed/", "application/rss+xml")
    assert document is not None
    assert [link.url for link in document.links] == [
        "https://news.example.org/2024/05/03/bike-lanes/"
    ]
    assert document.links[0].published == "2024-05-03T09:15:00+00:00"


def test_html_page_is_not_a_discovery_document() -> None:
    # What was tried: an article page that mentions urlset, sitemapindex and <rss> in its text.
    body = (FIXTURES / "article.html").read_bytes()
    for content_type in (None, "text/html; charset=utf-8", "application/rss+xml"):
        assert parse_discovery(body, SITE, content_type) is None


@pytest.mark.parametrize(
    "start",
    [b"", b"\xef\xbb\xbf", b"<!DOCTYPE html>\n<!-- a comment -->\n", b"  <?xml version='1.0'?>"],
)
def test_a_page_rooted_in_html_is_no_sitemap_even_if_it_quotes_one(start: bytes) -> None:
    page = start + (
        b"<html><body><p>Our sitemap looks like this:</p><pre><?xml version='1.0'?>"
        b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url>"
        b"<loc>https://news.example/a</loc></url></urlset></pre></body></html>"
    )
    assert parse_discovery(page, "https://news.example/help", "text/html") is None


def test_feed_links_finds_rss_and_atom_alternates_resolved_against_base_href() -> None:
    html = (FIXTURES / "article.html").read_bytes()
    assert feed_links(html, f"{SITE}/nation/2024/05/06/subway-line-11-delay") == [
        f"{SITE}/rss.xml",
        f"{SITE}/nation/rss.xml",
        f"{SITE}/nation/atom.xml",
    ]


def test_feed_links_ignores_other_alternates_and_stylesheets() -> None:
    urls = feed_links((FIXTURES / "article.html").read_bytes(), SITE)
    assert not any("oembed" in url or "css" in url or "ko." in url for url in urls)


def test_feed_links_resolves_against_the_page_url_without_a_base_element() -> None:
    html = b'<html><head><link rel="alternate" type="application/atom+xml" href="atom.xml"></head>'
    assert feed_links(html, f"{SITE}/blog/post.html") == [f"{SITE}/blog/atom.xml"]


@pytest.mark.parametrize("html", [b"", b"\x00\xff\xfe", b"plain text, no markup"])
def test_feed_links_on_garbage_is_empty(html: bytes) -> None:
    # What was tried: empty, binary and markup-free bodies.
    assert feed_links(html, SITE) == []


def test_robots_sitemaps_are_absolute_ordered_and_unique() -> None:
    robots = (FIXTURES / "robots.txt").read_bytes()
    assert sitemaps_in_robots(robots, f"{SITE}/robots.txt") == [
        f"{SITE}/sitemap_index.xml",
        f"{SITE}/sitemaps/news.xml",
        f"{SITE}/sitemaps/video.xml",
    ]


def test_demo_site_robots_relative_sitemap_resolves() -> None:
    robots = (DEMO_SITE / "robots.txt").read_bytes()
    assert sitemaps_in_robots(robots, "http://127.0.0.1:8000/robots.txt") == [
        "http://127.0.0.1:8000/sitemap.xml"
    ]


def test_robots_without_sitemaps_or_undecodable_gives_none() -> None:
    # What was tried: rules only, and bytes that are not UTF-8.
    assert sitemaps_in_robots(b"User-agent: *\nDisallow: /\n", SITE) == []
    assert sitemaps_in_robots(b"\xff\xfe\x00Sitemap\xc3", SITE) == []


def test_common_discovery_paths_are_root_relative_and_cover_sitemaps_and_feeds() -> None:
    assert all(path.startswith("/") for path in COMMON_DISCOVERY_PATHS)
    assert len(set(COMMON_DISCOVERY_PATHS)) == len(COMMON_DISCOVERY_PATHS)
    assert {"/sitemap.xml", "/sitemap_index.xml", "/feed", "/rss.xml"} <= set(
        COMMON_DISCOVERY_PATHS
    )


@pytest.mark.integration
def test_importing_discovery_pulls_in_no_scrapy_or_twisted() -> None:
    code = (
        "import sys, archive.discovery\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'scrapy', 'twisted'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[1],
    )
    assert result.stdout.strip() == "[]"
