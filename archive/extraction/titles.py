"""The headline: the on-page h1 when it agrees with the metadata, else metadata minus site name."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from archive.extraction.html_tree import collapse, node_text, text_key
from archive.extraction.jsonld import text_value
from archive.extraction.page import Page

# Separators between a headline and the site name in <title> / og:title.
TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»«/]{1,2}\s+|\s*[|·•»]\s*")
# "Site: Headline" (a colon straight after the name) only counts when the part is the site name.
SITE_PREFIX_SEPARATOR = re.compile(r":\s+")
# Separators that never occur inside headlines, so an unknown short last part is a brand.
PIPE_SEPARATORS = re.compile(r"\s*[|·•»]\s*|\s+::\s+")
# A segment still counts as the site name with a few extra letters ("The …", "… Online").
SITE_NAME_SLACK = 8
# Headline-like elements other than h1, for agreement checks.
HEADLINE_XPATH = (
    "//h1 | //*[contains(@class, 'headline') or contains(@class, 'title') "
    "or @itemprop='headline'][self::h2 or self::div or self::span or self::p]"
)
MIN_HEADLINE_CHARS = 8
MIN_HEADLINE_WORDS = 2
MAX_SITE_NAME_WORDS = 4
# A headline agrees with a metadata title when the shorter covers this share of the longer.
MIN_OVERLAP = 0.6
# A kicker ("Topic: ") printed before the headline in the h1 but absent from the metadata is
# dropped when the metadata headline is at least this long and the kicker at most this long
# (in letters and digits).
MIN_KICKER_HEADLINE_CHARS = 12
MAX_KICKER_CHARS = 40
# Colons a headline loses when its kicker is a separate element ("Topic Headline").
_SPACES_AND_COLONS = re.compile(r"[\s:]+")


def _key(text: str) -> str:
    """A loose comparison key: NFKC, case-folded, letters and digits only."""
    return text_key(text)


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
        labels = [label for label in host.split(".") if label not in {"www", "m", "amp"}]
        if labels:
            names.append(labels[0])
        names.append(host.removeprefix("www."))
    return [n.lstrip("@") for n in names if n]


def _is_site_name(part: str, keys: set[str]) -> bool:
    """True when a title segment is (nearly exactly) one of the site's names."""
    part_key = _key(part)
    return any(
        part_key == key or (key in part_key and len(part_key) <= len(key) + SITE_NAME_SLACK)
        for key in keys
    )


def strip_site_name(title: str, names: list[str]) -> str:
    """Remove a site-name prefix or suffix segment (" | Site", "Site: ") from a title."""
    keys = {_key(n) for n in names if _key(n)}
    for separators in (TITLE_SEPARATORS, SITE_PREFIX_SEPARATOR):
        parts = [p for p in separators.split(title) if p.strip()]
        if len(parts) < 2:
            continue
        if _is_site_name(parts[-1], keys):
            return _rejoin(title, parts[:-1])
        if _is_site_name(parts[0], keys):
            return _rejoin(title, parts[1:])
    parts = [p for p in PIPE_SEPARATORS.split(title) if p.strip()]
    if len(parts) == 2 and len(parts[1].split()) <= MAX_SITE_NAME_WORDS < len(parts[0].split()):
        return parts[0].strip()  # "Long headline | Short Brand" even when the brand is unknown
    return title


def _rejoin(title: str, parts: list[str]) -> str:
    """The stretch of the original title covering the kept parts (keeps inner separators)."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(parts)


def metadata_titles(page: Page) -> list[str]:
    """Headline candidates from JSON-LD, Open Graph, Twitter cards and <title>, in that order."""
    found = [text_value(page.article.get("headline")) if page.article else None]
    found += [page.meta_first("og:title"), page.meta_first("twitter:title")]
    titles = page.tree.xpath("//title")
    found.append(node_text(titles[0]) if titles else None)
    return [collapse(t) for t in found if t and collapse(t)]


def _agrees(candidate: str, references: list[str]) -> bool:
    """True when a headline candidate and a metadata title mostly cover each other."""
    key = _key(candidate)
    if len(key) < MIN_HEADLINE_CHARS:
        return False
    for reference in map(_key, references):
        shorter, longer = sorted((key, reference), key=len)
        if shorter and shorter in longer and len(shorter) >= MIN_OVERLAP * len(longer):
            return True
    return False


def without_kicker(headline: str, titles: list[str]) -> str:
    """The metadata headline when the printed one is that headline behind a short kicker."""
    key = _key(headline)
    for title in titles:
        title_key = _key(title)
        if (
            len(title_key) >= MIN_KICKER_HEADLINE_CHARS
            and key != title_key
            and key.endswith(title_key)
            and len(key) - len(title_key) <= MAX_KICKER_CHARS
        ):
            return title
    return headline


def as_headline(title: str, headline: str) -> str:
    """The printed headline when a metadata title is it plus more ("Headline | Section | …")."""
    parts = [p for p in TITLE_SEPARATORS.split(title) if p.strip()]
    return headline if len(parts) > 1 and _key(parts[0]) == _key(headline) else title


def with_punctuation(headline: str, titles: list[str]) -> str:
    """A metadata title that is the headline with the colon its markup lost ("Topic: Text")."""
    bare = _SPACES_AND_COLONS.sub("", headline)
    for title in titles:
        if title != headline and _SPACES_AND_COLONS.sub("", title) == bare:
            return title
    return headline


def extract_title(page: Page) -> str | None:
    """The headline most sources agree on (h1, JSON-LD, Open Graph, <title>), h1 text preferred."""
    names = site_names(page)
    name_keys = {_key(n) for n in names}
    h1s = [h for h in map(node_text, page.tree.xpath("//h1")) if _is_headline(h, name_keys)]
    raw = metadata_titles(page)
    stripped = [strip_site_name(t, names) for t in raw]
    if len(h1s) > 1:  # several h1: keep the one the metadata confirms
        h1s = [h for h in h1s if _agrees(h, raw + stripped)][:1] or h1s[:1]
    if not h1s:
        others = [node_text(e) for e in page.tree.xpath(HEADLINE_XPATH)]
        h1s = [h for h in others if _is_headline(h, name_keys) and _agrees(h, raw + stripped)][:1]
    if h1s:
        h1s = [without_kicker(h1s[0], stripped)]
        stripped = [as_headline(t, h1s[0]) for t in stripped]
    candidates = [c for c in h1s + stripped if c]
    if not candidates:
        return None
    votes = [sum(_agrees(c, [o]) for o in candidates) for c in candidates]
    return with_punctuation(candidates[votes.index(max(votes))], stripped)


def _is_headline(text: str, name_keys: set[str]) -> bool:
    """True for text long enough to be a headline and not just the site's name."""
    return len(text.split()) >= MIN_HEADLINE_WORDS and _key(text) not in name_keys
