"""Bylines split into people and organisations; authorship read from the page's sources."""

from __future__ import annotations

import pytest

from archive.extraction.authors.authorship import extract_authorship
from archive.extraction.authors.names import (
    is_agency,
    looks_like_handle,
    looks_like_name,
    parse_byline,
)
from archive.extraction.html_tree import parse_html
from archive.extraction.page import read_page


@pytest.mark.parametrize(
    ("byline", "people", "organisations"),
    [
        ("By Kim Min-ji", ["Kim Min-ji"], []),
        ("By Daniel Reyes and Priya Example", ["Daniel Reyes", "Priya Example"], []),
        ("By Maria Garcia, Reuters", ["Maria Garcia"], ["Reuters"]),
        ("By A. Smith, B. Jones and C. Brown", ["A. Smith", "B. Jones", "C. Brown"], []),
        ("Olivia Brandt | Staff Writer", ["Olivia Brandt"], []),
        ("Kim Min-ji, Staff Reporter", ["Kim Min-ji"], []),
        ("Von Lukas Weber und Anna Schmidt", ["Lukas Weber", "Anna Schmidt"], []),
        ("Par Claire Dubois et Marc Petit", ["Claire Dubois", "Marc Petit"], []),
        ("Por Lucía Fernández", ["Lucía Fernández"], []),
        ("김민수 기자 kimms@example.com", ["김민수"], []),
        ("By AFP", [], ["AFP"]),
        ("By Staff", [], ["Staff"]),
        ("By Jane Doe (AP)", ["Jane Doe"], ["AP"]),
        ("By Jane Doe, March 12, 2024 10:00", ["Jane Doe"], []),
        ("By Jane Doe jane@example.com", ["Jane Doe"], []),
        ("Ursula von der Leyen", ["Ursula von der Leyen"], []),
        (
            "By JOHN ROE and JANE DOE-SMITH",
            ["JOHN ROE", "JANE DOE-SMITH"],
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


def test_german_compounds_name_organisations() -> None:
    assert parse_byline("SID Nachrichtenagentur", strict=False).people == ()
    assert parse_byline("Von Lokalredaktion Musterstadt").people == ()


def test_agencies() -> None:
    assert is_agency("Reuters")
    assert is_agency("The Associated Press")
    assert is_agency("dpa")
    assert not is_agency("Jane Doe")


def test_name_shapes() -> None:
    assert looks_like_name("Kim Min-ji")
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


@pytest.mark.parametrize(
    ("byline", "people", "organisations"),
    [
        ("By Joe S.", ["Joe S."], []),
        ("By Perry Bacon Jr.", ["Perry Bacon Jr."], []),
        ("Michael L. Anderson, PhD", ["Michael L. Anderson"], []),
        ("Erstellt von Andri Beispiel", ["Andri Beispiel"], []),
        ("Christoph Muster Chefredakteur", ["Christoph Muster"], []),
        ("Sara Musterfrau Stand: 05. Februar 2020", ["Sara Musterfrau"], []),
        ("Laura Doe Topolsky", ["Laura Doe Topolsky"], []),
        ("By TPN, in News, Business", [], ["TPN"]),
        ("Von Redaktion", [], ["Redaktion"]),
        ("By Adam Doe, Adam Doe PhillyVoice Staff", ["Adam Doe"], []),
        ("Quelle der Polizeimeldung: Kapo BE", [], []),
        ("Ingo Muster Redakteur für Wirtschaft und Umwelt", ["Ingo Muster"], []),
        (
            "Autorin: Uta Beispielmann, Projektleiterin der HSS in Tunesien.",
            ["Uta Beispielmann"],
            [],
        ),
        ("Von Mat\u00adthi\u00adas Lauerer", ["Matthias Lauerer"], []),
        ("Rechtsanwalt Sebastian Mustermann", ["Sebastian Mustermann"], []),
        (
            "Brit Muster (Medizinredakteurin, M.A. Mehrsprachige Kommunikation)",
            ["Brit Muster"],
            [],
        ),
    ],
)
def test_parse_byline_cleanups(byline: str, people: list[str], organisations: list[str]) -> None:
    credits = parse_byline(byline)
    assert list(credits.people) == people
    assert list(credits.organisations) == organisations


def test_registered_association_is_not_split_on_e() -> None:
    credits = parse_byline("Deutscher Caritasverband e.V.", strict=False)
    assert "V" not in credits.people


def test_handles_only_where_the_markup_marks_an_author() -> None:
    assert looks_like_handle("c1ph4")
    assert looks_like_handle("Isabella.DiBiase")
    assert not looks_like_handle("Follow")
    assert not looks_like_handle("two words")


def test_author_page_links_mark_one_name_each() -> None:
    html = """<article><h1>Headline of the story</h1><div class="byline">Tech Insider
      <a href="/author/alex-perry/">Alex Roe</a> · 1 day ago</div><p>text</p></article>"""
    assert _authorship(html).authors == ("Alex Roe",)


def test_blog_handle_in_an_author_link() -> None:
    html = """<article><h1>Headline of the story</h1><span class="author vcard">
      <a class="url fn n" href="https://blog.example/author/gizzmo/">gizzmo</a></span>
      <p>text</p></article>"""
    assert _authorship(html).authors == ("gizzmo",)


def test_microdata_author_in_an_aside() -> None:
    html = """<article><h1>Headline of the story</h1><p>text</p><aside><span itemprop="author">
      <span itemprop="name">Nicolas Exemple</span></span></aside></article>"""
    assert _authorship(html).authors == ("Nicolas Exemple",)


def test_layout_classes_around_the_headline_are_not_sidebars() -> None:
    html = """<div class="content-area sidebar"><h1>Headline of the story</h1>
      <div class="entry-meta"><span class="author vcard">Heiko Muster</span></div><p>text</p></div>
      <div class="sidebar"><span class="author">By Someone Else</span></div>"""
    assert _authorship(html).authors == ("Heiko Muster",)


def test_label_line_anywhere_in_the_story() -> None:
    html = """<h1>Headline of the story</h1><p>text</p><p>more text</p>
      <div>Autor: Peter Maahn</div>"""
    assert _authorship(html, "Headline of the story").authors == ("Peter Maahn",)


def test_name_then_date_under_the_headline() -> None:
    html = """<h1>Headline of the story</h1><div><span>Sehernur Karsu |</span>
      <span>05.04.2025</span></div><p>text</p>"""
    assert _authorship(html, "Headline of the story").authors == ("Sehernur Karsu",)


def test_bold_signature_closing_the_story() -> None:
    html = """<h1>Headline of the story</h1><div><p>First paragraph of the story.</p>
      <p>Second paragraph of the story.</p><p>Third paragraph.</p>
      <p><strong>Stefan Mustermann</strong></p></div>"""
    found = _authorship(html, "Headline of the story")
    assert found.authors == ("Stefan Mustermann",)
    assert found.byline == "Stefan Mustermann"


def test_dublin_core_creator_in_space_separated_properties() -> None:
    html = """<meta property="dc:creator twitter:site_name" content="Creator Name">
      <meta name="author" content="FAIL"><p>text</p>"""
    assert _authorship(html).authors == ("Creator Name",)


def test_bold_closing_heading_is_no_signature() -> None:
    html = """<h1>Headline of the story</h1><div><p>First paragraph of the story.</p>
      <p>Second paragraph of the story.</p><p>Third paragraph.</p>
      <p><strong>Weitere Informationen</strong></p></div>"""
    assert _authorship(html, "Headline of the story").authors == ()


def test_brackets_after_a_sentence_name_nobody() -> None:
    assert parse_byline("A computer science professor at the University of Quebec (TELUQ)") == (
        parse_byline("")
    )
    assert parse_byline("Samuel Beispiel (Sponsored Post)").organisations == ()


def test_a_declared_first_name_is_made_whole_by_the_bio_that_opens_with_it() -> None:
    person = '{"@type": "Person", "name": "Jane", "description": "Jane Roe ist freier Autor."}'
    html = f"""<html><head><script type="application/ld+json">
      {{"@type": "NewsArticle", "headline": "Story", "author": {person}}}</script></head>
      <body><h1>Story</h1><p>Body text.</p></body></html>"""
    tree = parse_html(html)
    assert tree is not None
    assert extract_authorship(read_page(tree, "https://example.com/a"), "Story").authors == (
        "Jane Roe",
    )


def test_a_declared_pen_name_keeps_the_role_word_it_ends_in() -> None:
    assert parse_byline("Flying Reporter", strict=False).people == ("Flying Reporter",)
    assert parse_byline("Jane Doe, Staff Reporter", strict=False).people == ("Jane Doe",)


@pytest.mark.parametrize(
    ("byline", "people", "organisations"),
    [
        ("山田太郎記者", ["山田太郎"], []),  # the title printed unspaced after the name
        ("文・山田太郎", ["山田太郎"], []),
        ("（记者 李华）", ["李华"], []),
        ("记者 李华 王明", ["李华", "王明"], []),  # Chinese names listed with spaces
        ("本报记者 李华", ["李华"], []),
        ("編輯：李華", ["李華"], []),  # a full-width colon, traditional characters
        ("홍길동 김철수 기자", ["홍길동", "김철수"], []),
        ("글·사진 홍길동 기자", ["홍길동"], []),  # "text and photos" is no part of the name
        ("بقلم: محمد أحمد", ["محمد أحمد"], []),
        ("كتب: محمد أحمد", ["محمد أحمد"], []),
        ("بقلم الكاتب محمد أحمد", ["محمد أحمد"], []),  # "the writer" is a title
        ("\u200fمحمد أحمد\u200f", ["محمد أحمد"], []),  # right-to-left marks around the name
        ("بقلم: محمد أحمد و علي حسن", ["محمد أحمد", "علي حسن"], []),  # "and", printed apart
        ("كتب: وليد حسن", ["وليد حسن"], []),  # a name may begin with the letter of "and"
    ],
)
def test_cjk_and_arabic_bylines(byline: str, people: list[str], organisations: list[str]) -> None:
    credits = parse_byline(byline)
    assert (list(credits.people), list(credits.organisations)) == (people, organisations)
