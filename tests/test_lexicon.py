"""The extraction vocabulary: every language defines every concept, and patterns build from it."""

from __future__ import annotations

import re
import sys
import types

import pytest

from archive.extraction import lexicon
from archive.extraction.authors.names import NOT_NAMES, ROLE_WORDS, parse_byline
from archive.extraction.authors.printed import PRINTED_BYLINE
from archive.extraction.authors.words import BYLINE_PREFIX, clean_byline
from archive.extraction.lexicon import alternatives, compile_words, gather, months


@pytest.mark.parametrize("code", lexicon.LANGUAGES)
def test_every_language_defines_every_concept(code: str) -> None:
    module = lexicon.language(code)
    missing = [c for c in lexicon.CONCEPTS if not hasattr(module, c)]
    assert not missing, f"{code} lacks {missing}"
    for concept in lexicon.CONCEPTS:
        value = getattr(module, concept)
        if concept == "MONTHS":
            assert isinstance(value, dict)
            assert all(1 <= n <= 12 and k == k.lower() for k, n in value.items())
        else:
            assert isinstance(value, tuple), f"{code}.{concept} is no tuple"
            assert all(isinstance(w, str) and w for w in value)


@pytest.mark.parametrize("code", lexicon.LANGUAGES)
def test_every_fragment_compiles_alone(code: str) -> None:
    module = lexicon.language(code)
    for concept in lexicon.CONCEPTS:
        for fragment in getattr(module, concept):
            re.compile(fragment)


def test_no_language_module_is_left_out() -> None:
    folder = lexicon.__path__[0]
    import os

    modules = {n[:-3] for n in os.listdir(folder) if n.endswith(".py") and len(n) == 5}
    assert modules == set(lexicon.LANGUAGES)


def test_compile_words_matches_whole_words_only() -> None:
    pattern = compile_words(("by", "von"))
    assert pattern.search("Text von Jane Doe")
    assert pattern.search("BY JANE DOE")
    assert not pattern.search("Nearby Vontobel")


def test_alternatives_prefers_the_longest_fragment() -> None:
    assert re.match(alternatives(("by", "by and")), "by and large").group() == "by and"


def test_gather_joins_languages_in_order_without_repeats() -> None:
    words = gather("BYLINE_WORDS")
    assert words[0] == "by"
    assert "von" in words
    assert "par" in words
    assert len(words) == len(set(words))
    assert gather("BYLINE_WORDS", ("de", "fr")) == ("von", "par")


def test_months_cover_every_language_with_a_table() -> None:
    table = months()
    assert table["août"] == 8
    assert table["marzo"] == 3
    assert table["märz"] == 3
    assert table["sept"] == 9
    assert table["mei"] == 5


def test_full_month_names_leave_abbreviations_out() -> None:
    names = lexicon.full_month_names()
    assert "september" in names
    assert "oktober" in names
    assert "sept" not in names
    assert "okt" not in names
    assert "jan" not in names


def test_a_new_language_is_picked_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding a language is one module named in LANGUAGES: `gather` then reads it."""
    module = types.ModuleType("archive.extraction.lexicon.xx")
    for concept in lexicon.CONCEPTS:
        setattr(module, concept, {} if concept == "MONTHS" else ())
    module.BYLINE_WORDS = ("qa",)  # a made-up language's "by"
    module.MONTHS = {"zorb": 4}
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(lexicon, "LANGUAGES", (*lexicon.LANGUAGES, "xx"))
    lexicon.language.cache_clear()
    try:
        assert "qa" in gather("BYLINE_WORDS", lexicon.LANGUAGES)
        assert months(lexicon.LANGUAGES)["zorb"] == 4
    finally:
        lexicon.language.cache_clear()


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe", "Von Jane Doe", "Par Jeanne Dupont", "Por Juana Pérez", "Door Jan Smit",
        "Av Kari Nordmann", "Written by Jane Doe", "Geschrieben von Jane Doe",
        "Autor: Jane Doe", "Auteur : Jeanne Dupont", "홍길동 기자",
    ],
)  # fmt: skip
def test_printed_bylines_in_each_language(line: str) -> None:
    assert PRINTED_BYLINE.match(line)


@pytest.mark.parametrize(
    "line", ["Bylaws were changed", "Vonovia shares fell", "Parliament met", "Doorway"]
)
def test_words_that_only_start_like_a_byline_are_none(line: str) -> None:
    assert not PRINTED_BYLINE.match(line)


def test_byline_words_are_stripped_in_every_language() -> None:
    for text in ("By Jane Doe", "von Jane Doe", "par Jane Doe", "di Jane Doe", "przez Jane Doe"):
        assert clean_byline(text) == "Jane Doe", text
    assert BYLINE_PREFIX.match("Publié par Jeanne Dupont")


def test_roles_of_each_language_are_not_names() -> None:
    for role in ("Staff Reporter", "Redakteurin", "journaliste", "corresponsal", "giornalista"):
        assert ROLE_WORDS.search(role), role
    assert parse_byline("Jane Doe, Korrespondentin").people == ("Jane Doe",)


def test_month_names_that_are_also_names_stay_names() -> None:
    assert parse_byline("April Doe").people == ("April Doe",)
    assert NOT_NAMES.search("3. Oktober")
    assert NOT_NAMES.search("diciembre")
    assert not NOT_NAMES.search("Mayo")
