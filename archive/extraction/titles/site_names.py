"""The names a site goes by, and stripping them from a title ("Headline | The Daily Example")."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from archive.extraction.html_tree import text_key
from archive.extraction.jsonld import text_value
from archive.extraction.page import Page

# Separators between a headline and the site name in <title> / og:title.
TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»«/]{1,2}\s+|\s*[|·•»]\s*")
# "Site: Headline" (a colon straight after the name) only counts when the part is the site name.
SITE_PREFIX_SEPARATOR = re.compile(r":\s+")
# Separators that never occur inside headlines, so an unknown short last part is a brand.
PIPE_SEPARATORS = re.compile(r"\s*[|·•»]\s*|\s+::\s+")
# Separators of a path ("Site » Blog Archive » Headline"): the page's own title comes last.
BREADCRUMB_SEPARATORS = re.compile(r"\s+[»>]\s+")
# A segment still counts as the site name with a few extra letters ("The …", "… Online").
SITE_NAME_SLACK = 8
MAX_SITE_NAME_WORDS = 4
# Host labels that name no site.
_HOST_PREFIXES = frozenset({"www", "m", "amp"})


def site_names(page: Page) -> list[str]:
    """Names the site goes by: og:site_name, application-name, JSON-LD publisher, host label."""
    names = [
        page.meta_first("og:site_name"),
        page.meta_first("application-name"),
        page.meta_first("twitter:site", "twitter:site:id"),
    ]
    if page.article:
        publisher = page.article.get("publisher")
        names.append(
            text_value(publisher.get("name") if isinstance(publisher, dict) else publisher)
        )
    if page.url:
        host = urlsplit(page.url).hostname or ""
        labels = [label for label in host.split(".") if label not in _HOST_PREFIXES]
        if labels:
            names.append(labels[0])
        names.append(host.removeprefix("www."))
    return [n.lstrip("@") for n in names if n]


def is_site_name(part: str, keys: set[str]) -> bool:
    """True when a title segment is (nearly exactly) one of the site's names."""
    part_key = text_key(part)
    return any(
        part_key == key or (key in part_key and len(part_key) <= len(key) + SITE_NAME_SLACK)
        for key in keys
    )


def strip_site_name(title: str, names: list[str]) -> str:
    """The title without the site's name and what stands beyond it: "Headline | Site",
    "Site: Headline", "Headline : Site | Slogan"; then without short section labels after it
    ("Headline | Phones | Forum") or the blog path before it ("Blog Archive » Headline")."""
    keys = {text_key(n) for n in names if text_key(n)}
    title = _without_site(title, keys)
    parts = [p for p in PIPE_SEPARATORS.split(title) if p.strip()]
    if len(parts) > 1 and all(
        len(p.split()) <= MAX_SITE_NAME_WORDS < len(parts[0].split()) for p in parts[1:]
    ):
        return parts[0].strip()  # "Long headline | Short Brand" even when the brand is unknown
    trail = [p for p in BREADCRUMB_SEPARATORS.split(title) if p.strip()]
    if len(trail) > 1 and len(trail[-1]) > max(len(p) for p in trail[:-1]):
        return trail[-1].strip()  # "Blog » Blog Archive » Headline"
    return title


def _without_site(title: str, keys: set[str]) -> str:
    """The title without a segment naming the site and the segments beyond it."""
    for separators in (TITLE_SEPARATORS, SITE_PREFIX_SEPARATOR):
        parts = [p for p in separators.split(title) if p.strip()]
        if len(parts) < 2:
            continue
        named = [i for i, part in enumerate(parts) if is_site_name(part, keys)]
        if named and named[-1] > 0:
            return _rejoin(title, parts[: named[-1]])
        if named:
            return _rejoin(title, parts[1:])
    return title


def first_segment(title: str) -> str:
    """The title up to its first pipe-like separator ("Topic | Headline" -> "Topic")."""
    return PIPE_SEPARATORS.split(title, maxsplit=1)[0]


def _rejoin(title: str, parts: list[str]) -> str:
    """The stretch of the original title covering the kept parts (keeps inner separators)."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(parts)
