"""Comparing wordings of one headline: the printed h1, JSON-LD, Open Graph and <title>."""

from __future__ import annotations

import re

from archive.extraction.html_tree import text_key
from archive.extraction.titles.site_names import TITLE_SEPARATORS

MIN_HEADLINE_CHARS = 8
# A headline agrees with a metadata title when the shorter covers this share of the longer.
MIN_OVERLAP = 0.6
# Two wordings of one headline share at least this many words, and this share of the shorter
# one's ("Lounge: no more entry with saver tickets" / "Lounge: no more access with saver ticket").
MIN_SHARED_WORDS = 2
MIN_SHARED_SHARE = 0.5
# A kicker ("Topic: ") printed before the headline in the h1 but absent from the metadata is
# dropped when the metadata headline is at least this long and the kicker at most this long
# (in letters and digits).
MIN_KICKER_HEADLINE_CHARS = 12
MAX_KICKER_CHARS = 40
_WORDS = re.compile(r"\w+")
# Colons a headline loses when its kicker is a separate element ("Topic Headline").
_SPACES_AND_COLONS = re.compile(r"[\s:]+")


def agrees(candidate: str, references: list[str]) -> bool:
    """True when a headline candidate and a metadata title mostly cover each other."""
    key = text_key(candidate)
    if len(key) < MIN_HEADLINE_CHARS:
        return False
    for reference in map(text_key, references):
        shorter, longer = sorted((key, reference), key=len)
        if shorter and shorter in longer and len(shorter) >= MIN_OVERLAP * len(longer):
            return True
    return False


def is_variant(headline: str, other: str) -> bool:
    """True when two headlines are wordings of one: most words of the shorter are in the other
    (an edited or shortened headline, not a section name or another story's)."""
    words = [set(_WORDS.findall(text.casefold())) for text in (headline, other)]
    shared = len(words[0] & words[1])
    return shared >= MIN_SHARED_WORDS and shared >= MIN_SHARED_SHARE * min(map(len, words))


def without_kicker(headline: str, confirmed: set[str], titles: list[str]) -> str:
    """The metadata headline when the printed one is that headline behind a short kicker,
    unless a metadata title gives the printed one whole (its key is in `confirmed`)."""
    key = text_key(headline)
    if key in confirmed:
        return headline
    for title in titles:
        title_key = text_key(title)
        if (
            len(title_key) >= MIN_KICKER_HEADLINE_CHARS
            and key != title_key
            and key.endswith(title_key)
            and len(key) - len(title_key) <= MAX_KICKER_CHARS
        ):
            return title
    return headline


def as_headline(title: str, headline: str, stripped: str) -> str:
    """The printed headline when a metadata title is it plus more ("Headline | Section | …"),
    else the title as stripped of the site name."""
    parts = [p for p in TITLE_SEPARATORS.split(title) if p.strip()]
    return headline if len(parts) > 1 and text_key(parts[0]) == text_key(headline) else stripped


def with_punctuation(headline: str, titles: list[str]) -> str:
    """A metadata title that is the headline with the colon its markup lost ("Topic: Text")."""
    bare = _SPACES_AND_COLONS.sub("", headline)
    for title in titles:
        if title != headline and _SPACES_AND_COLONS.sub("", title) == bare:
            return title
    return headline
