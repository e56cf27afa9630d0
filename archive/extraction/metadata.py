"""Page-level metadata: language, canonical URL, site name, description, section, tags."""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.extraction.authors.names import dedupe
from archive.extraction.html_tree import collapse
from archive.extraction.jsonld import as_list, text_value
from archive.extraction.page import Page

LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")
SECTION_META = ("article:section", "og:article:section", "section", "parsely-section", "category")
TAG_META = ("article:tag", "og:article:tag", "news_keywords", "keywords", "parsely-tags")
MAX_TAGS = 30


@dataclass(frozen=True)
class Metadata:
    """What the page says about itself besides title, authors and dates."""

    language: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    description: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()


def normalise_language(raw: str | None) -> str | None:
    """The primary language subtag in lower case ("en-GB" -> "en"), or None when malformed."""
    raw = (raw or "").strip().split(",")[0].strip()
    if not LANGUAGE_TAG.match(raw):
        return None
    return re.split(r"[-_]", raw)[0].lower()


def extract_language(page: Page) -> str | None:
    """The page language from <html lang>, meta tags or JSON-LD inLanguage."""
    candidates = [
        page.tree.get("lang"),
        page.tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        page.tree.get("xml:lang"),
        page.meta_first("content-language", "language", "og:locale", "dc.language"),
        text_value(page.article.get("inLanguage")) if page.article else None,
    ]
    for candidate in candidates:
        language = normalise_language(candidate)
        if language:
            return language
    return None


def extract_canonical(page: Page) -> str | None:
    """The canonical URL from <link rel=canonical>, og:url or JSON-LD url, made absolute."""
    links = page.tree.xpath("//link[@rel='canonical']/@href")
    for href in [*links, page.meta_first("og:url")]:
        absolute = page.absolute(str(href) if href else None)
        if absolute:
            return absolute
    if page.article:
        return page.absolute(text_value(page.article.get("url")))
    return None


def extract_site_name(page: Page) -> str | None:
    """The publication's name from og:site_name, application-name or the JSON-LD publisher."""
    name = page.meta_first("og:site_name", "application-name")
    if not name and page.article:
        publisher = page.article.get("publisher")
        if isinstance(publisher, dict):
            name = text_value(publisher.get("name"))
    return name or None


def extract_tags(page: Page) -> tuple[str, ...]:
    """Keywords and tags from meta tags and JSON-LD keywords, deduplicated."""
    raw: list[str] = []
    for key in TAG_META:
        raw += page.meta.get(key, [])
        if raw:
            break
    if not raw and page.article:
        raw = [v for v in as_list(page.article.get("keywords")) if isinstance(v, str)]
    tags = [collapse(t) for value in raw for t in re.split(r"[,;]", value)]
    return tuple(dedupe([t for t in tags if t])[:MAX_TAGS])


def extract_metadata(page: Page) -> Metadata:
    """Collect language, canonical URL, site name, description, section and tags."""
    article = page.article or {}
    description = page.meta_first("description", "og:description", "twitter:description")
    section = page.meta_first(*SECTION_META) or text_value(article.get("articleSection"))
    return Metadata(
        language=extract_language(page),
        canonical_url=extract_canonical(page),
        site_name=extract_site_name(page),
        description=description or text_value(article.get("description")),
        section=section,
        tags=extract_tags(page),
    )
