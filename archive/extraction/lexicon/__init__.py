"""Extraction vocabulary as data: byline words, roles, credit labels, chrome words, months.

One module per language (`en`, `de`, `fr`, …) plus the language-free lists (`agencies`,
`chrome`, `credits`); each concept is a tuple of plain words or short regex fragments,
defined once, and turned into a pattern by the one helper below. Adding a language is one
new module plus its tests (see the README).
"""

from __future__ import annotations

import re
from collections.abc import Iterable


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
