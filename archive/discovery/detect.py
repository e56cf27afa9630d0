"""Telling a discovery document by its root element, and finding where feeds and sitemaps live.

`parse_discovery` is the one entry point both the crawl and rebuild-from-WARC call, so the
same bytes give the same links whichever path reads them.
"""

from __future__ import annotations

import re

from lxml import etree
from protego import Protego

from archive.discovery.feeds import parse_feed
from archive.discovery.gzip_body import unpack
from archive.discovery.links import absolute_url
from archive.discovery.records import DiscoveryDocument
from archive.discovery.sitemaps import SITEMAP_ROOTS, sitemap_from_root
from archive.discovery.xml_input import local_name, xml_root

FEED_ROOTS = frozenset({"rss", "feed", "rdf"})  # RSS 0.9x/2.0, Atom, RSS 0.90/1.0
# Served types that mark a feed even when its XML is too broken for the root to show.
FEED_CONTENT_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
)
# A document whose first element is <html> (after a BOM, declarations, doctype and comments).
_HTML_START = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:(?:<\?xml[^>]*>|<!doctype[^>]*>|<!--.*?-->)\s*)*<html[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_START_WINDOW = 8192
# `<link rel="alternate" type=...>` values that point at a feed.
FEED_LINK_TYPES = frozenset({"application/rss+xml", "application/atom+xml"})
# Where sites usually keep sitemaps and feeds, tried when robots.txt and pages name none.
COMMON_DISCOVERY_PATHS = (
    "/sitemap.xml",
    "/sitemap_index.xml",
    "/news-sitemap.xml",
    "/sitemap-news.xml",
    "/feed",
    "/rss",
    "/rss.xml",
    "/feed.xml",
    "/atom.xml",
)


def parse_discovery(body: bytes, url: str, content_type: str | None) -> DiscoveryDocument | None:
    """A sitemap, sitemap index or feed from raw (maybe gzipped) bytes; None for anything else.

    The root element decides; `content_type` counts only when the XML is too broken to show one.
    """
    data = unpack(body)
    if data is None:
        return None
    if _HTML_START.match(data, 0, _HTML_START_WINDOW) and (
        _media_type(content_type) not in FEED_CONTENT_TYPES
    ):
        return None  # an <html> root: no need to parse the page as XML to know
    root = xml_root(data)
    name = local_name(root) if root is not None else None
    if root is not None and name in SITEMAP_ROOTS:
        return sitemap_from_root(root, url)
    if name in FEED_ROOTS or (root is None and _media_type(content_type) in FEED_CONTENT_TYPES):
        return parse_feed(data, url)
    return None


def feed_links(html: bytes, base_url: str) -> list[str]:
    """Absolute URLs of the feeds a page announces with `<link rel="alternate" type=...>`."""
    try:
        root = etree.fromstring(html, etree.HTMLParser(no_network=True))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    base_href = next((base.get("href") for base in root.iter("base") if base.get("href")), None)
    base = absolute_url(base_href, base_url) or base_url
    found: dict[str, None] = {}
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and _media_type(link.get("type")) in FEED_LINK_TYPES:
            url = absolute_url(link.get("href"), base)
            if url is not None:
                found.setdefault(url)
    return list(found)


def sitemaps_in_robots(robots_txt: bytes, base_url: str) -> list[str]:
    """Absolute URLs of the `Sitemap:` lines of a robots.txt, in order, without repeats."""
    text = robots_txt.decode("utf-8", errors="ignore")
    found: dict[str, None] = {}
    for value in Protego.parse(text).sitemaps:
        url = absolute_url(value, base_url)
        if url is not None:
            found.setdefault(url)
    return list(found)


def _media_type(content_type: str | None) -> str:
    """`application/rss+xml; charset=utf-8` -> `application/rss+xml`."""
    return (content_type or "").split(";")[0].strip().lower()
