"""Body: links to other stories set into or under the article are not its text."""

from __future__ import annotations

from archive.extraction import extract_article
from archive.extraction.body.text import drop_related_lists, filter_paragraphs

LONG = (
    "The council approved the new budget on Tuesday after a long debate about housing, "
    "transport and the future of the city's libraries, officials said."
)
MORE = LONG.replace("Tuesday", "Wednesday")


def test_read_also_lines_are_dropped_in_any_of_several_languages() -> None:
    teasers = [
        "Read more: Council delays vote on the new tram line",
        "Lea también: Impiden ingreso a reportero y camarógrafo estadounidense",
        "LE PUEDE INTERESAR: La ficha del expresidente en Nueva York",
        "Lesen Sie auch: Wie Anwohner richtig reagieren",
        "Czytaj też: Wyścig zbrojeń ruszył z kopyta",
        "À lire aussi » Quel est votre profil digestif ?",
        "MIRA: Madre se acerca a conocer los motivos de captura de su hijo",
    ]
    assert filter_paragraphs([LONG, *teasers, MORE], None, None, []) == [LONG, MORE]


def test_a_sentence_that_starts_like_a_lead_in_is_kept() -> None:
    answer = "Lea: Ja, genau so war es damals in der Stadt."
    kept = filter_paragraphs([LONG, answer, "Mira", MORE], None, None, [])
    assert kept == [LONG, answer, "Mira", MORE]


def test_related_heading_and_the_headlines_under_it_are_dropped() -> None:
    paragraphs = [
        LONG,
        "Auch interessant:",
        "Luftwaffe beginnt mit dem Training auf neuen Hubschraubern",
        "Erste Maschine für die Flugbereitschaft übergeben",
        MORE,
    ]
    assert drop_related_lists(paragraphs) == [LONG, MORE]


def test_related_list_at_the_end_of_the_body_is_dropped() -> None:
    paragraphs = [LONG, MORE, "Related stories", "Council delays vote on the tram line"]
    assert drop_related_lists(paragraphs) == [LONG, MORE]


def test_one_short_line_between_a_related_heading_and_story_text_is_kept() -> None:
    paragraphs = [LONG, "Auch interessant", "Kontroversen um die Entscheidung", MORE]
    assert drop_related_lists(paragraphs) == [LONG, "Kontroversen um die Entscheidung", MORE]


def test_related_list_stops_at_the_next_story_paragraph() -> None:
    paragraphs = ["See also", "Tram line delayed", "Budget vote tonight", MORE]
    assert drop_related_lists(paragraphs) == [MORE]


def test_article_body_drops_read_more_teaser() -> None:
    html = f"""<html><body><article><h1>Budget passes after long debate</h1>
      <p>{LONG}</p><p><strong>Read more:</strong> <a href="/tram">Council delays vote on
      the new tram line</a></p><p>{MORE}</p></article></body></html>"""
    assert extract_article(html.encode()).paragraphs == [LONG, MORE]


def test_related_heading_that_names_the_site_is_dropped_with_its_list() -> None:
    paragraphs = [LONG, "Mehr zum Thema auf example.de", "Tram line delayed", "Budget vote"]
    assert drop_related_lists(paragraphs) == [LONG]
