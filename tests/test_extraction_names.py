"""Bylines split into people and organisations; authorship read from the page's sources."""

from __future__ import annotations

import pytest

from archive.extraction.authors import extract_authorship
from archive.extraction.html_tree import parse_html
from archive.extraction.names import is_agency, looks_like_name, parse_byline
from archive.extraction.page import read_page


@pytest.mark.parametrize(
    ("byline", "people", "organisations"),
    [
        ("By Lee Min-hyung", ["Lee Min-hyung"], []),
        ("By Daniel Reyes and Priya Natarajan", ["Daniel Reyes", "Priya Natarajan"], []),
        ("By Maria Garcia, Reuters", ["Maria Garcia"], ["Reuters"]),
        ("By A. Smith, B. Jones and C. Brown", ["A. Smith", "B. Jones", "C. Brown"], []),
        ("Olivia Brandt | Staff Writer", ["Olivia Brandt"], []),
        ("Lee Min-hyung, Staff Reporter", ["Lee Min-hyung"], []),
        ("Von Lukas Weber und Anna Schmidt", ["Lukas Weber", "Anna Schmidt"], []),
        ("Par Claire Dubois et Marc Petit", ["Claire Dubois", "Marc Petit"], []),
        ("Por Lucía Fernández", ["Lucía Fernández"], []),
        ("김민수 기자 kimms@example.com", ["김민수"], []),
        ("By AFP", [], ["AFP"]),
        ("By Staff", [], ["Staff"]),
        ("By Jane Doe (AP)", ["Jane Doe"], ["AP"]),
        ("By Jane Doe, March 12, 2024 10:00", ["Jane Doe"], []),
        ("By Jane Doe jane@example.com", ["Jane Doe"], []),
        ("capital von Jemima Kelly 05. November 2024 3 Min", ["Jemima Kelly"], []),
        ("Ursula von der Leyen", ["Ursula von der Leyen"], []),
        (
            "By STEVE PEOPLES and AMELIA THOMSON-DEVEAUX",
            ["STEVE PEOPLES", "AMELIA THOMSON-DEVEAUX"],
            [],
        ),
        ("By Ludwig van Beethoven in Vienna", ["Ludwig van Beethoven"], []),
        ("Updated 3 March 2024", [], []),
    ],
)
def test_parse_byline(byline: str, people: list[str], organisations: list[str]) -> None:
    credits = parse_byline(byline)
    assert list(credits.people) == people
    assert list(credits.organisations) == organisations


def test_duplicates_are_dropped() -> None:
    assert parse_byline("By Jane Doe and jane doe").people == ("Jane Doe",)


def test_agencies() -> None:
    assert is_agency("Reuters")
    assert is_agency("The Associated Press")
    assert is_agency("dpa")
    assert not is_agency("Jane Doe")


def test_name_shapes() -> None:
    assert looks_like_name("Lee Min-hyung")
    assert looks_like_name("홍길동")
    assert not looks_like_name("Share this article")
    assert not looks_like_name("lower case words")
    assert not looks_like_name("Solo")  # one word only counts when declared as a name
    assert looks_like_name("Solo", strict=False)


def _authorship(html: str, title: str | None = None):  # type: ignore[no-untyped-def]
    tree = parse_html(html)
    assert tree is not None
    return extract_authorship(read_page(tree, "https://news.example.com/a"), title)


def test_jsonld_people_and_organisations() -> None:
    html = """<script type="application/ld+json">{"@context": "https://schema.org",
      "@graph": [{"@type": "NewsArticle", "headline": "H",
        "author": [{"@id": "#p1"}, {"@type": "Organization", "name": "Reuters"}]},
      {"@type": "Person", "@id": "#p1", "givenName": "Anna", "familyName": "Fink"}]}</script>
      <p>text</p>"""
    found = _authorship(html)
    assert found.authors == ("Anna Fink",)
    assert found.organisations == ("Reuters",)


def test_byline_element_with_names_in_separate_tags() -> None:
    html = """<article><h1>Headline here</h1><div class="article-byline">
      <a href="/a">Birgit Baumann</a><a href="/b">Anna Giulia Fink</a></div><p>text</p></article>"""
    found = _authorship(html)
    assert found.authors == ("Birgit Baumann", "Anna Giulia Fink")


def test_printed_byline_after_the_headline() -> None:
    html = """<div class="hd">A long headline for the test</div><div>
      By Jane Doe and John Roe, Reuters<br><br>Body text here.</div>"""
    found = _authorship(html, "A long headline for the test")
    assert found.byline == "By Jane Doe and John Roe, Reuters"
    assert found.authors == ("Jane Doe", "John Roe")
    assert found.organisations == ("Reuters",)


def test_bylines_of_related_articles_are_ignored() -> None:
    html = """<article><h1>Main story headline</h1><p>text</p></article>
      <div class="related"><span class="author">By Someone Else</span></div>"""
    assert _authorship(html).authors == ()


def test_meta_author_and_site_name() -> None:
    html = """<meta name="author" content="The Daily Example">
      <meta property="og:site_name" content="The Daily Example"><p>text</p>"""
    found = _authorship(html)
    assert found.authors == ()
    assert found.organisations == ("The Daily Example",)
