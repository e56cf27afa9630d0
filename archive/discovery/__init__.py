"""Discovery: the links, dates and titles that sitemaps, news sitemaps and feeds announce.

Pure parsers over bytes (no I/O, no Scrapy), shared by the crawl and by rebuild-from-WARC.
Hostile input (XML and gzip bombs, garbage, HTML) gives None or no links, never an exception.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archive.discovery.detect import (
        COMMON_DISCOVERY_PATHS,
        feed_links,
        parse_discovery,
        sitemaps_in_robots,
    )
    from archive.discovery.feeds import parse_feed
    from archive.discovery.records import DiscoveredLink, DiscoveryDocument
    from archive.discovery.sitemaps import parse_sitemap

# Loaded on first use (PEP 562): the catalogue names DiscoveryDocument without loading the
# XML and feed parsers.
_PUBLIC = {
    "COMMON_DISCOVERY_PATHS": "archive.discovery.detect",
    "feed_links": "archive.discovery.detect",
    "parse_discovery": "archive.discovery.detect",
    "sitemaps_in_robots": "archive.discovery.detect",
    "parse_feed": "archive.discovery.feeds",
    "DiscoveredLink": "archive.discovery.records",
    "DiscoveryDocument": "archive.discovery.records",
    "parse_sitemap": "archive.discovery.sitemaps",
}

__all__ = [
    "COMMON_DISCOVERY_PATHS",
    "DiscoveredLink",
    "DiscoveryDocument",
    "feed_links",
    "parse_discovery",
    "parse_feed",
    "parse_sitemap",
    "sitemaps_in_robots",
]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'archive.discovery' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
