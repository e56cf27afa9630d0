"""Body: main text paragraphs without captions, bylines, datelines or page chrome."""

from __future__ import annotations

from lxml import etree

from archive.extraction import extract_article
from archive.extraction.body.pruning import split_br_paragraphs
from archive.extraction.body.text import filter_paragraphs, xml_paragraphs
from archive.extraction.html_tree import parse_html

LONG = (
    "The council approved the new budget on Tuesday after a long debate about housing, "
    "transport and the future of the city's libraries, officials said."
)


def test_br_runs_become_paragraphs() -> None:
    tree = parse_html("<div><span>One<br><br>Two<br>still two<br><br><br>Three</span></div>")
    assert tree is not None
    split_br_paragraphs(tree)
    assert [etree.tostring(p, encoding=str, method="text") for p in tree.iter("p")] == [
        "One",
        "Twostill two",
        "Three",
    ]


def test_xml_paragraphs() -> None:
    body = etree.fromstring("<body><p>One <hi>bold</hi> end</p><list><item>A</item></list></body>")
    assert xml_paragraphs(body) == ["One bold end", "A"]


def test_filter_paragraphs() -> None:
    paragraphs = [
        "Title of the story",
        "By Jane Doe",
        "Posted : 2024-05-03 10:00 | Updated : 2024-05-03 12:00",
        "A caption under a photo",
        LONG,
        "Facebook Twitter Print",
        "Related articles",
        "© 2024 Example News. All rights reserved.",
    ]
    kept = filter_paragraphs(paragraphs, "Title of the story", None, ["A caption under a photo"])
    assert kept == [LONG]


def test_article_body_excludes_captions_and_chrome() -> None:
    html = f"""<html><body><div class="share">Facebook Twitter</div><article>
      <h1>Budget passes after long debate</h1><p class="byline">By Jane Doe</p>
      <figure><img src="/a.jpg"><figcaption>Councillors vote. Photo: Jane Doe</figcaption></figure>
      <p>{LONG}</p><p>{LONG.replace("Tuesday", "Wednesday")}</p>
      <p>Sign up for our newsletter to get the news in your inbox.</p></article>
      <footer>© 2024 Example News</footer></body></html>"""
    article = extract_article(html.encode())
    assert article.paragraphs == [LONG, LONG.replace("Tuesday", "Wednesday")]
    assert article.captions[0].text == "Councillors vote."
    assert article.authors == ("Jane Doe",)


def test_story_text_next_to_a_captioned_image_is_kept() -> None:
    step = "Insert your plant into the hole and press the moss around it firmly."
    html = f"""<html><body><article><h1>How to build a terrarium at home</h1>
      <p>{LONG}</p><div class="step"><p>{step}</p><img src="/s.jpg">
      <figcaption class="caption">Orchid in foam (Jane Doe)</figcaption></div>
      <p>{LONG.replace("Tuesday", "Friday")}</p></article></body></html>"""
    article = extract_article(html.encode())
    assert step in article.paragraphs
    assert "Orchid in foam" not in article.body


def test_repeated_headline_is_not_body_text() -> None:
    html = f"""<html><head><meta property="og:title" content="Budget passes after a debate">
      </head><body><article><h1>The council passes its budget</h1>
      <p>The council passes its budget</p><p>{LONG}</p></article></body></html>"""
    article = extract_article(html.encode())
    assert article.paragraphs == [LONG]


def test_paywall_and_print_classes_keep_story_text() -> None:
    second = LONG.replace("Tuesday", "Thursday")
    html = f"""<html><body><article><h1>Budget passes after long debate</h1>
      <p class="paywall">{LONG}</p><div class="print-full"><p>{second}</p></div>
      <div class="js_readmore"><p>{LONG.replace("Tuesday", "Monday")}</p></div>
      </article></body></html>"""
    article = extract_article(html.encode())
    assert LONG in article.paragraphs
    assert second in article.paragraphs


def test_text_no_reader_sees_is_not_body_text() -> None:
    hidden = [
        '<p hidden="hidden">A draft paragraph the editors hid from readers.</p>',
        '<p style="color: red; display: none">An unpublished correction kept out of view.</p>',
        '<div style="visibility:hidden"><p>A teaser for another story, never shown.</p></div>',
    ]
    html = f"""<html><body><article><h1>Budget passes after long debate</h1>
      <p>{LONG}</p>{"".join(hidden)}<p>{LONG.replace("Tuesday", "Friday")}</p>
      </article></body></html>"""
    article = extract_article(html.encode())
    assert article.paragraphs == [LONG, LONG.replace("Tuesday", "Friday")]


def test_a_story_streamed_into_a_hidden_container_is_kept() -> None:
    """Tried: React's streamed rendering, which parks the story in `<div hidden>` until a
    script moves it into place."""
    second = LONG.replace("Tuesday", "Thursday")
    html = f"""<html><body><main><h1>Budget passes after long debate</h1>
      <div class="skeleton"></div></main>
      <div hidden id="S:0"><article><p>{LONG}</p><p>{second}</p></article></div>
      </body></html>"""
    article = extract_article(html.encode())
    assert article.paragraphs == [LONG, second]
