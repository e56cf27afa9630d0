"""Extraction vocabulary as data: byline words, roles, credit labels, chrome words, months.

One module per language (`en`, `de`, `fr`, …) plus the language-free lists (`agencies`,
`chrome`, `credits`); each concept is a tuple of plain words or short regex fragments,
defined once, and turned into a pattern by the one helper below. Every language module
defines every concept in `CONCEPTS` (an empty tuple where the language has none); `gather`
joins one concept over all of `LANGUAGES`. Adding a language is one new module named in
`LANGUAGES`, plus its tests (see the README).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import import_module
from types import ModuleType

# The language modules, by ISO 639-1 code.
LANGUAGES = (
    "en", "de", "fr", "es", "it", "pt", "nl", "sv", "no", "da", "pl", "ru", "ar", "ko", "ja",
    "zh",
)  # fmt: skip
# What every language module defines (tuples of words or regex fragments; MONTHS a dict).
CONCEPTS = (
    "BYLINE_WORDS", "WEAK_BYLINE_WORDS", "BYLINE_PHRASES", "AUTHOR_LABELS",
    "ROLE_WORDS", "ROLE_HEADS", "ROLE_LINKS", "COLLECTIVES", "ORGANISATION_WORDS",
    "NAME_CONJUNCTIONS", "NAME_PARTICLES", "PLACE_WORDS", "NOT_NAME_WORDS", "MONTHS",
    "NAME_LIKE_DATE_WORDS", "WEEKDAYS", "RELATIVE_DATE_WORDS", "DATE_PREPOSITIONS", "TIME_WORDS",
    "DATE_FILLERS", "PUBLISHED_LABELS", "MODIFIED_LABELS", "DATE_LABELS", "POSTING_WORDS",
    "FILED_UNDER", "RELATED_LEADS", "MORE_LEADS", "TEASER_LEADS", "PAGE_LABELS",
    "SECTION_PREPOSITIONS", "AUTHOR_PAGE_WORDS", "READER_PROMPTS", "PROMPT_HINTS",
    "EDITOR_LABELS", "CHROME_LINES", "SIGN_UP_WORDS",
)  # fmt: skip


def alternatives(words: Iterable[str]) -> str:
    """One non-capturing regex group matching any of the fragments, longest first.

    Longest first so "by and" wins over "by" where both would match at one place.
    """
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(unique) + ")"


def compile_words(
    words: Iterable[str], *, whole_words: bool = True, flags: int = re.IGNORECASE
) -> re.Pattern[str]:
    """A compiled pattern matching any of the fragments, as whole words unless told otherwise."""
    group = alternatives(words)
    if whole_words:
        group = rf"(?<!\w){group}(?!\w)"
    return re.compile(group, flags)


@cache
def language(code: str) -> ModuleType:
    """The vocabulary module of one language."""
    return import_module(f"{__name__}.{code}")


def gather(concept: str, languages: Iterable[str] = LANGUAGES) -> tuple[str, ...]:
    """One concept's words over the languages, in language order, without repeats."""
    found: dict[str, None] = {}
    for code in languages:
        found.update(dict.fromkeys(getattr(language(code), concept)))
    return tuple(found)


def months(languages: Iterable[str] = LANGUAGES) -> dict[str, int]:
    """Month names and abbreviations of the languages, lower case, to their numbers."""
    found: dict[str, int] = {}
    for code in languages:
        found.update(language(code).MONTHS)
    return found


def full_month_names(languages: Iterable[str] = LANGUAGES) -> tuple[str, ...]:
    """Month names written out: a language's abbreviations ("sept", "okt") left out."""
    found: dict[str, None] = {}
    for code in languages:
        table = language(code).MONTHS
        for name, number in table.items():
            longer = (o for o, n in table.items() if n == number and o != name)
            if not any(o.startswith(name) for o in longer):
                found[name] = None
    return tuple(found)
