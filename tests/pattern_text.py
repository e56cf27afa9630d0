"""Texts built from the extraction patterns' own words, for fuzzing them where they backtrack.

Each word or phrase of the byline, credit, dateline, boilerplate and page-status patterns'
alternations is a piece; pieces are glued with the separators the patterns read between them,
and a piece is sometimes repeated hundreds of times (repeats are where backtracking explodes).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hypothesis import strategies as st

from archive.extraction.authors import datelines, names, printed, words
from archive.extraction.body import boilerplate
from archive.extraction.captions import credits
from archive.pages.status import patterns as status_patterns

# Separators and fillers the patterns expect between their words.
SEPARATORS = [
    " ", "  ", ", ", ": ", ":", " und ", " and ", " & ", "/", " / ", " | ", "|", " - ", " – ",
    " · ", ". ", "...", "…", "(", ")", "[", "]", "©", "@", "%", " %", "\n", "",
    "1", "12", "2024", "05.04.2025", "3. Mai 2024", "10:07", "1,5", "jane@example.org",
    "https://example.org/a", "Jane Doe", "Example News", "dpa",
]  # fmt: skip
_WORDS = re.compile(r"[^\W\d_]{2,}(?: [^\W\d_]{2,})*")


def _patterns(*modules: object) -> list[re.Pattern[str]]:
    return [
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str)
    ]


def vocabulary(modules: tuple[object, ...]) -> list[str]:
    """Every word and phrase written in the modules' string patterns, sorted."""
    found = {w for p in _patterns(*modules) for w in _WORDS.findall(p.pattern)}
    found |= {w for p in (*words.BYLINE_PHRASES, credits.CREDIT_LABELS) for w in _WORDS.findall(p)}
    return sorted(found)


FAMILY_MODULES: dict[str, tuple[object, ...]] = {
    "byline": (words, names, printed),
    "credit": (credits, words),
    "dateline": (datelines,),
    "boilerplate": (boilerplate,),
    "page-status": (status_patterns,),
}
VOCABULARY = {family: vocabulary(modules) for family, modules in FAMILY_MODULES.items()}


def _status(text: str) -> None:
    for pattern in _patterns(status_patterns):
        for _ in pattern.finditer(text.lower()):
            pass


# The functions that apply each family's patterns, as extraction calls them.
APPLIERS: dict[str, list[Callable[[str], object]]] = {
    "byline": [
        words.clean_byline, words.BYLINE_PREFIX.match, names.parse_byline,
        lambda text: printed.line_credits(text, ("Example News",)),
    ],
    "credit": [credits.split_credit, credits.clean_credit, words.clean_byline],
    "dateline": [datelines.dated_name, lambda text: datelines.posted_by(text, ())],
    "boilerplate": [
        boilerplate.is_boilerplate, boilerplate.is_reader_prompt, boilerplate.is_related_heading,
    ],
    "page-status": [_status],
}  # fmt: skip


@st.composite
def pattern_texts(draw: st.DrawFn, family: str, max_pieces: int = 30) -> str:
    """A text of the family's words and separators, some pieces repeated many times."""
    pieces = [
        draw(_pieces(family)) * draw(st.sampled_from([1, 1, 1, 2, 5, 50, 500]))
        for _ in range(draw(st.integers(1, max_pieces)))
    ]
    if draw(st.booleans()):  # one piece repeated from the start: anchored patterns see it too
        pieces.insert(0, draw(_pieces(family)) * draw(st.integers(20, 400)))
    return "".join(pieces)


def _pieces(family: str) -> st.SearchStrategy[str]:
    """One word of the family in some letter case, and a separator."""
    cases = st.sampled_from([str.lower, str.title, str.upper])
    word = st.tuples(st.sampled_from(VOCABULARY[family]), cases).map(lambda w: w[1](w[0]))
    return st.tuples(word, st.sampled_from(SEPARATORS)).map("".join)
