"""What discovery documents yield: links to fetch, with the dates and titles they announce."""

from __future__ import annotations

from dataclasses import dataclass

# Where a link was found (`DiscoveredLink.source_kind`).
SOURCE_SITEMAP = "sitemap"
SOURCE_NEWS_SITEMAP = "news_sitemap"
SOURCE_FEED = "feed"
SOURCE_SITEMAP_INDEX = "sitemap_index"
# What a document was (`DiscoveryDocument.kind`).
KIND_URLSET = "urlset"
KIND_SITEMAPINDEX = "sitemapindex"
KIND_FEED = "feed"


@dataclass(frozen=True)
class DiscoveredLink:
    """An absolute URL from a sitemap or feed; ISO 8601 dates (date-time with offset, or day)."""

    url: str
    source_kind: str
    title: str | None
    published: str | None
    modified: str | None
    language: str | None = None


@dataclass(frozen=True)
class DiscoveryDocument:
    """A parsed sitemap, sitemap index or feed; `sitemaps` lists an index's child sitemaps."""

    kind: str
    links: tuple[DiscoveredLink, ...]
    sitemaps: tuple[str, ...] = ()
