"""Sitemaps (sitemaps.org urlset and sitemapindex, gzipped or not) with Google News fields.

Scrapy's own sitemap reader flattens each `<url>` to its direct children and so loses
`news:news/news:publication_date`, `news:title` and `news:language`; this one keeps them.
"""

from __future__ import annotations

from lxml import etree

from archive.discovery.dates import normalise_date
from archive.discovery.gzip_body import unpack
from archive.discovery.links import absolute_url
from archive.discovery.records import (
    KIND_SITEMAPINDEX,
    KIND_URLSET,
    SOURCE_NEWS_SITEMAP,
    SOURCE_SITEMAP,
    SOURCE_SITEMAP_INDEX,
    DiscoveredLink,
    DiscoveryDocument,
)
from archive.discovery.xml_input import (
    child_text,
    child_value,
    children,
    descendants,
    local_name,
    xml_root,
)

URLSET = "urlset"
SITEMAPINDEX = "sitemapindex"
SITEMAP_ROOTS = frozenset({URLSET, SITEMAPINDEX})
# Local names, matched whatever the namespace or prefix.
URL_ENTRY, SITEMAP_ENTRY = "url", "sitemap"
LOC, LASTMOD = "loc", "lastmod"
NEWS = "news"
NEWS_TITLE, NEWS_PUBLISHED = "title", "publication_date"
NEWS_PUBLICATION, NEWS_LANGUAGE = "publication", "language"


def parse_sitemap(body: bytes, base_url: str) -> DiscoveryDocument | None:
    """A urlset or sitemap index from raw (maybe gzipped) bytes; None when it is not a sitemap."""
    data = unpack(body)
    if data is None:
        return None
    root = xml_root(data)
    return sitemap_from_root(root, base_url) if root is not None else None


def sitemap_from_root(root: etree._Element, base_url: str) -> DiscoveryDocument | None:
    """The document an already parsed sitemap root holds; None for any other root."""
    name = local_name(root)
    if name == URLSET:
        links = (_url_link(entry, base_url) for entry in descendants(root, URL_ENTRY))
        return DiscoveryDocument(KIND_URLSET, tuple(link for link in links if link), ())
    if name == SITEMAPINDEX:
        found = (_index_link(entry, base_url) for entry in descendants(root, SITEMAP_ENTRY))
        index = tuple(link for link in found if link)
        return DiscoveryDocument(KIND_SITEMAPINDEX, index, tuple(link.url for link in index))
    return None


def _url_link(entry: etree._Element, base_url: str) -> DiscoveredLink | None:
    """One `<url>`: loc and lastmod, plus title, date and language from `news:news`."""
    url = absolute_url(child_value(entry, LOC), base_url)
    if url is None:
        return None
    modified = normalise_date(child_value(entry, LASTMOD))
    news = children(entry, NEWS)
    if not news:
        return DiscoveredLink(url, SOURCE_SITEMAP, title=None, published=None, modified=modified)
    publication = children(news[0], NEWS_PUBLICATION)
    language = child_value(publication[0], NEWS_LANGUAGE) if publication else None
    return DiscoveredLink(
        url=url,
        source_kind=SOURCE_NEWS_SITEMAP,
        title=child_text(news[0], NEWS_TITLE),
        published=normalise_date(child_value(news[0], NEWS_PUBLISHED)),
        modified=modified,
        language=language,
    )


def _index_link(entry: etree._Element, base_url: str) -> DiscoveredLink | None:
    """One `<sitemap>` of an index: the child sitemap's URL and lastmod."""
    url = absolute_url(child_value(entry, LOC), base_url)
    if url is None:
        return None
    modified = normalise_date(child_value(entry, LASTMOD))
    return DiscoveredLink(url, SOURCE_SITEMAP_INDEX, title=None, published=None, modified=modified)
