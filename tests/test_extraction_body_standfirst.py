"""Body: the standfirst printed under the headline leads the body, once."""

from __future__ import annotations

from archive.extraction.body import standfirst, with_standfirst
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
