"""Body: labelled lines around the story (picture credits, tags, contact, source) are not text."""

from __future__ import annotations

import pytest

from archive.extraction.body.text import filter_paragraphs

LONG = (
    "The council approved the new budget on Tuesday after a long debate about housing, "
    "transport and the future of the city's libraries, officials said."
)


@pytest.mark.parametrize(
    "line",
    [
        "Foto: Jane Doe/dpa",
        "(Credit: Clayton Aldern / Grist)",
        "Titelbild: Geyres Christophe/ABACA/picture-alliance",
        "Crédits photos : Bestimage",
        "Copyright: Gisele Wender",
        "Kategorie: News",
        "Tags: Politik, Berlin, Haushalt",
        "Temas",
        "Kontakt:",
        "Quelle: Landesregierung",
    ],
)
def test_labelled_lines_are_not_body_text(line: str) -> None:
    assert filter_paragraphs([LONG, line], None, None, []) == [LONG]


@pytest.mark.parametrize(
    "line",
    [
        "Contact tracing in schools",
        "Themen der Woche",
        "Foto: Die Aufnahme zeigt den Stadtrat bei der Abstimmung. Sie entstand am Dienstag.",
    ],
)
def test_story_lines_that_start_like_a_label_are_kept(line: str) -> None:
    assert filter_paragraphs([LONG, line], None, None, []) == [LONG, line]
