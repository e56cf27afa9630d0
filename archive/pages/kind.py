"""Telling article pages from listings, home pages and other chrome-only pages."""

from __future__ import annotations

import re
from functools import lru_cache

from archive.extraction.words import text_size
from archive.records import Article

__all__ = ["declares_article", "looks_like_article"]

# Markup by which a page declares itself an article, matched in the lower-cased page bytes
# within the tag around each "og:type" and from the quote before each "@type" (searching the
# whole page case-insensitively cost ~2.5 ms a page; this costs ~0.2 ms).
_OG_TYPE_ARTICLE = re.compile(
    rb"""(property|name)=["']og:type["'][^>]*content=["']article["']"""
    rb"""|content=["']article["'][^>]*(property|name)=["']og:type["']"""
)
_JSONLD_ARTICLE_TYPE = re.compile(
    rb"""["']@type["']\s*:\s*\[?\s*["'](news|report|analysis|opinion|review|blog)?"""
    rb"""(article|posting)["']"""
)


@lru_cache(maxsize=2)  # asked twice of each page: by the article test and by the status rules
def declares_article(html: bytes) -> bool:
    """Whether the page's own metadata (og:type, JSON-LD @type) calls it an article."""
    source = html.lower()
    return _declares_og_article(source) or _declares_jsonld_article(source)


def _declares_og_article(source: bytes) -> bool:
    """An og:type of article, in the stretch between the '>' before and after "og:type"."""
    at = source.find(b"og:type")
    while at != -1:
        start = source.rfind(b">", 0, at) + 1
        end = source.find(b">", at)
        if _OG_TYPE_ARTICLE.search(source, start, len(source) if end == -1 else end):
            return True
        at = source.find(b"og:type", at + 1)
    return False


def _declares_jsonld_article(source: bytes) -> bool:
    """A JSON-LD "@type" naming an article type."""
    at = source.find(b"@type")
    while at != -1:
        if at > 0 and _JSONLD_ARTICLE_TYPE.match(source, at - 1):
            return True
        at = source.find(b"@type", at + 1)
    return False


def looks_like_article(article: Article, html: bytes, min_words: int) -> bool:
    """An article by its markup with some body, or by a body long enough on its own (in words,
    or for an unspaced script the crawl does not know, in characters)."""
    words = text_size(article.body)
    long_enough = words >= min_words or (
        len(article.body) >= min_words * 5 and words < min_words / 2
    )
    if declares_article(html):
        return bool(article.body) and (words >= min_words // 4 or long_enough)
    return long_enough and len(article.paragraphs) >= 2
