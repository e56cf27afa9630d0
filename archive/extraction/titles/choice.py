"""Choosing the headline: the printed one where the page prints one and the metadata does not
tell another story, else the metadata title most sources agree on."""

from __future__ import annotations

import re

from archive.extraction.html_tree import collapse, node_text, text_key
from archive.extraction.jsonld import text_value
from archive.extraction.page import Page
from archive.extraction.titles.printed import is_site_title, printed_headline
from archive.extraction.titles.site_names import first_segment, site_names, strip_site_name
from archive.extraction.titles.wording import (
    agrees,
    as_headline,
    is_variant,
    with_punctuation,
    without_kicker,
)

# A section or site label printed as the h1 ("Allergies Health Center") has at most this many
# words; words this long count as shared when a title holds them inside a compound.
MAX_LABEL_WORDS = 3
MIN_COMPOUND_PART = 5
_WORDS = re.compile(r"\w+")


def metadata_titles(page: Page) -> list[str]:
    """Headline candidates from JSON-LD, Open Graph, Twitter cards and <title>, in that order."""
    found = [text_value(page.article.get("headline")) if page.article else None]
    found += [page.meta_first("og:title"), page.meta_first("twitter:title")]
    titles = page.tree.xpath("//title")
    found.append(node_text(titles[0]) if titles else None)
    return [collapse(t) for t in found if t and collapse(t)]


def extract_title(page: Page) -> str | None:
    """The printed headline (the story's h1, kicker set apart) unless the metadata agrees on a
    title that is no wording of it (the h1 names a section); else the metadata's, site name
    stripped."""
    names = site_names(page) + [
        node_text(h) for h in page.tree.iter("h1") if is_site_title(h, page.url)
    ]
    raw = metadata_titles(page)
    stripped = [strip_site_name(t, names) for t in raw]
    found = printed_headline(page, {text_key(n) for n in names}, raw + stripped)
    if found is None:
        return most_agreed(stripped)
    # Wordings the metadata gives whole: "Topic: Headline", but not "Topic | Headline".
    whole = {text_key(first_segment(t)) for t in raw + stripped}
    printed = with_punctuation(without_kicker(found, whole, stripped), stripped)
    others = [as_headline(t, printed, s) for t, s in zip(raw, stripped, strict=True)]
    winner = most_agreed([printed, *others])
    if any(stripped) and is_label(printed, stripped):
        return most_agreed(stripped)
    return printed if winner is None or is_variant(printed, winner) else winner


def is_label(printed: str, titles: list[str]) -> bool:
    """True for a printed h1 of a few words, none of them in any metadata title (not even
    inside a compound: "Finanzierung" in "Autofinanzierung"): a section or site label
    ("Allergies Health Center" over "Babies who eat peanuts early…")."""
    words = set(_WORDS.findall(printed.casefold()))
    keys = [text_key(t) for t in titles]
    return (
        len(printed.split()) <= MAX_LABEL_WORDS
        and not any(word in key for word in words for key in keys if len(word) >= MIN_COMPOUND_PART)
        and not any(words & set(_WORDS.findall(t.casefold())) for t in titles)
    )


def most_agreed(candidates: list[str]) -> str | None:
    """The candidate most candidates agree with, the first among equals; None without any."""
    candidates = [c for c in candidates if c]
    votes = [sum(agrees(c, [o]) for o in candidates) for c in candidates]
    return candidates[votes.index(max(votes))] if candidates else None
