"""Broken markup keeps its text: a story after thousands of unclosed inline tags, one nested
deeper than libxml2's default 256 levels, and one under 200,000 levels."""

from __future__ import annotations

import pytest

from archive.extraction import extract_article
from tests.charset_pages import STORIES

_, _, TITLE, PARAGRAPH = STORIES["windows-1252"]
STORY = "".join(f"<p>({n}) {PARAGRAPH}</p>\n" for n in range(1, 9))


def page(before: str, after: str = "") -> bytes:
    """A news page whose article sits after `before` and before `after` (the broken part)."""
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{TITLE}</title>'
        f"</head><body><nav><a href='/'>Accueil</a></nav>{before}<article><h1>{TITLE}</h1>"
        f"{STORY}</article>{after}<footer>Le Quotidien d’Exemple</footer></body></html>"
    ).encode()


PLAIN = extract_article(page(""), "https://news.example/quais")
SHAPES = {
    # a legacy CMS opening a font, a bold and a span per line of its sidebar, closing none
    "unclosed-inline": page(
        "".join(f'<font face="Arial" size=2><b><span class="m">Brève {n} ' for n in range(3000))
    ),
    "deep-middle": page("<div class='w'>" * 300, "</div>" * 300),
    "200k-levels": page("<div>" * 200_000, "</div>" * 200_000),
    # tables nested in tables, which no wrapper or inline tag explains (a fuzzer's find)
    "nested-tables": page("<table><tr><td>" * 700, "</td></tr></table>" * 700),
    # nesting no flattening undoes: cut below the depth limit, its text kept
    "nested-quotes": page("<blockquote>Cité " * 1500 + "</blockquote>" * 1500),
    "nested-tables-around": page(
        "<table><tr><td>" * 700 + "<script>var hidden = 1;</script>" + f"<h1>{TITLE}</h1>" + STORY,
        "</td></tr></table>" * 700,
    ).replace(f"<article><h1>{TITLE}</h1>{STORY}</article>".encode(), b""),
}


def test_the_plain_page_has_its_whole_story() -> None:
    assert PLAIN.title == TITLE
    assert f"(8) {PARAGRAPH}" in PLAIN.body


@pytest.mark.parametrize("shape", sorted(set(SHAPES) - {"nested-tables-around"}))
def test_the_story_survives_broken_nesting(shape: str) -> None:
    article = extract_article(SHAPES[shape], "https://news.example/quais")
    assert article.title == TITLE
    assert article.body == PLAIN.body


def test_a_story_deep_in_nested_tables_keeps_its_text_not_its_scripts() -> None:
    article = extract_article(SHAPES["nested-tables-around"], "https://news.example/quais")
    assert f"(8) {PARAGRAPH}" in article.body
    assert "hidden" not in article.body
