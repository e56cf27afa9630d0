"""Discovery: the links, dates and titles that sitemaps, news sitemaps and feeds announce.

Pure parsers over bytes (no I/O, no Scrapy), shared by the crawl and by rebuild-from-WARC.
Hostile input (XML and gzip bombs, garbage, HTML) gives None or no links, never an exception.
"""

from archive.discovery.detect import (
    COMMON_DISCOVERY_PATHS,
    feed_links,
    parse_discovery,
    sitemaps_in_robots,
)
from archive.discovery.feeds import parse_feed
from archive.discovery.records import DiscoveredLink, DiscoveryDocument
from archive.discovery.sitemaps import parse_sitemap

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
