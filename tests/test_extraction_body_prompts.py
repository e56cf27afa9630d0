"""Body: lines that speak to the reader about the site (subscribe, log in, follow) are not text."""

from __future__ import annotations

import pytest

from archive.extraction import extract_article
from archive.extraction.body.pruning import prune_chrome
from archive.extraction.body.text import filter_paragraphs
from archive.extraction.html_tree import parse_html

LONG = (
    "The council approved the new budget on Tuesday after a long debate about housing, "
    "transport and the future of the city's libraries, officials said."
)
MORE = LONG.replace("Tuesday", "Wednesday")


@pytest.mark.parametrize(
    "prompt",
    [
        "Never miss the latest news by signing up to our newsletter today!",
        "Melde dich hier für unseren Newsletter an!",
        "To view the full story, please subscribe to The Daily Example.",
        "If you're seeing this message but you're already a subscriber, you can log in.",
        "Subscribe now to our e-paper edition for the full story.",
        "Du musst eingeloggt sein, um Kommentare zu schreiben!",
        "Sie sind aktuell nicht eingeloggt.",
        "Keine Kommentare",
        "Kommentare insgesamt: 0",
        "Follow The Example Times on Twitter and Instagram @example.",
        "Folgen Sie uns auf Facebook und Twitter",
        "¡Mira lo que tiene nuestro canal de YouTube!",
        "For the latest stories download the Example News apps for iOS and Android.",
        "Anzeige, enthält Affiliate Links",
        "This post contains references to products from our advertisers. We may receive "
        "compensation when you click on links to those products.",
    ],
)
def test_reader_prompts_are_not_body_text(prompt: str) -> None:
    assert filter_paragraphs([LONG, prompt, MORE], None, None, []) == [LONG, MORE]


def test_story_sentences_about_newsletters_and_comments_are_kept() -> None:
    story = [
        "The mayor's weekly newsletter, read by 3,000 residents, announced the vote.",
        "Critics said the comment period had been too short for residents to respond.",
        "The union told members to follow the negotiations closely over the weekend.",
    ]
    assert filter_paragraphs([LONG, *story], None, None, []) == [LONG, *story]


def test_small_disclosure_and_table_of_contents_boxes_are_pruned() -> None:
    tree = parse_html(
        f"""<html><body><article><div class="editorial-disclosure"><p>We may be paid
        when you buy through links.</p></div><div id="ez-toc-container"><p>Contents</p>
        <ul><li>Budget</li><li>Libraries</li></ul></div><p>{LONG}</p></article></body></html>"""
    )
    assert tree is not None
    prune_chrome(tree)
    assert [p.text_content().strip() for p in tree.iter("p")] == [LONG]


def test_article_body_drops_the_subscription_prompt() -> None:
    html = f"""<html><body><article><h1>Budget passes after long debate</h1>
      <p>{LONG}</p><p>{MORE}</p>
      <p><em>Subscribe now to our e-paper edition for the full story.</em></p>
      </article></body></html>"""
    assert extract_article(html.encode()).paragraphs == [LONG, MORE]
