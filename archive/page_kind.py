"""Telling article pages from listings, home pages and other chrome-only pages."""

from __future__ import annotations

import re
from functools import lru_cache

from archive.records import Article

# Markup by which a page declares itself an article.
_ARTICLE_MARKUP = re.compile(
    rb"""(property|name)=["']og:type["'][^>]*content=["']article["']"""
    rb"""|content=["']article["'][^>]*(property|name)=["']og:type["']"""
    rb"""|["']@type["']\s*:\s*\[?\s*["'](News|Report|Analysis|Opinion|Review|Blog)?"""
    rb"""(Article|Posting)["']""",
    re.IGNORECASE,
)
# Scripts without spaces between words (CJK) carry about this many characters per word.
_CHARS_PER_WORD = 3


@lru_cache(maxsize=2)  # asked twice of each page: by the article test and by the status rules
def declares_article(html: bytes) -> bool:
    """Whether the page's own metadata (og:type, JSON-LD @type) calls it an article."""
    return _ARTICLE_MARKUP.search(html) is not None


def looks_like_article(article: Article, html: bytes, min_words: int) -> bool:
    """An article by its markup with some body, or by a body long enough on its own."""
    words = len(article.body.split())
    long_enough = words >= min_words or (
        len(article.body) >= min_words * 5 and words < min_words / 2
    )
    if declares_article(html):
        return bool(article.body) and (words >= min_words // 4 or long_enough)
    return long_enough and len(article.paragraphs) >= 2
