"""Body: the standfirst printed under the headline leads the body, once."""

from __future__ import annotations

from archive.extraction.body.text import lead_box, standfirst, with_standfirst
from archive.extraction.html_tree import parse_html

LEAD = "The council passed its budget after a long night of debate over housing and libraries."
LONG = (
    "The council approved the new budget on Tuesday after a long debate about housing, "
    "transport and the future of the city's libraries, officials said."
)


def page(body: str, description: str = LEAD) -> str:
    return (
        f'<html><head><meta property="og:description" content="{description}"></head>'
        f"<body>{body}</body></html>"
    )


def test_standfirst_is_the_printed_description() -> None:
    tree = parse_html(
        page(f'<article><h1>Budget passes</h1><p class="teaser"><b>{LEAD}</b></p><p>{LONG}</p>')
    )
    assert tree is not None
    assert standfirst(tree) == LEAD


def test_no_standfirst_when_the_description_is_not_printed() -> None:
    tree = parse_html(page(f"<article><h1>Budget passes</h1><p>{LONG}</p></article>"))
    assert tree is not None
    assert standfirst(tree) is None


def test_description_in_a_script_or_the_footer_is_not_a_standfirst() -> None:
    tree = parse_html(
        page(f'<script>var d = "{LEAD}";</script><p>{LONG}</p><footer><p>{LEAD}</p></footer>')
    )
    assert tree is not None
    assert standfirst(tree) is None


def test_a_story_paragraph_that_starts_like_the_description_is_not_a_standfirst() -> None:
    tree = parse_html(page(f"<p>{LEAD} {LONG} {LONG}</p>"))
    assert tree is not None
    assert standfirst(tree) is None


def test_standfirst_leads_the_body_unless_already_there() -> None:
    assert with_standfirst([LONG], LEAD) == [LEAD, LONG]
    assert with_standfirst([LEAD, LONG], LEAD) == [LEAD, LONG]
    assert with_standfirst([LONG], None) == [LONG]


def test_the_lead_box_under_the_headline_is_a_standfirst() -> None:
    tree = parse_html(
        page(
            f'<article><header><h1>Budget passes</h1></header><div class="article-intro">'
            f"<p>{LEAD}</p></div><p>{LONG}</p></article>",
            description="A page about the city council and its work for residents.",
        )
    )
    assert tree is not None
    assert lead_box(tree) == LEAD


def test_a_lead_box_after_the_story_text_or_holding_the_picture_is_no_standfirst() -> None:
    story = f"<p>{LONG} {LONG}</p>"
    after_story = f'<h1>Budget passes</h1>{story}<div class="teaser"><p>{LEAD}</p></div>'
    picture = f'<h1>Budget passes</h1><div class="lead-media"><img src="a.jpg"><p>{LEAD}</p></div>'
    for body in (after_story, picture):
        tree = parse_html(page(body, description="Short"))
        assert tree is not None
        assert lead_box(tree) is None
