"""Bylines printed as lines of text: where to look for them and the shapes they take."""

from __future__ import annotations

import pytest

from archive.extraction.authors.authorship import Authorship, extract_authorship
from archive.extraction.authors.datelines import dated_name, is_date_text
from archive.extraction.authors.printed import line_credits
from archive.extraction.html_tree import parse_html
from archive.extraction.page import read_page

HEADLINE = "Headline of the story"
NAVIGATION = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(45))


def _authorship(html: str, title: str | None = HEADLINE) -> Authorship:
    tree = parse_html(html)
    assert tree is not None
    return extract_authorship(read_page(tree, "https://news.example.com/a"), title)


def test_byline_under_a_headline_that_is_also_the_document_title() -> None:
    html = f"""<html><head><title>{HEADLINE}</title></head><body><ul>{NAVIGATION}</ul>
      <h1>{HEADLINE}</h1><p>By Jane Doe</p><p>Body text.</p></body></html>"""
    assert _authorship(html).authors == ("Jane Doe",)


def test_byline_in_a_page_wrapper_whose_class_reads_like_a_sidebar() -> None:
    html = f"""<html><head><title>{HEADLINE} | Example</title></head>
      <body class="single-post no-sidebars"><h1>{HEADLINE}</h1><p>Von Lisa Probst</p>
      <p>Body text.</p></body></html>"""
    assert _authorship(html).authors == ("Lisa Probst",)


def test_byline_just_above_the_headline() -> None:
    html = f"""<div>Verfasst von: jdoe | 31. Dezember 2008</div><h2>{HEADLINE}</h2>
      <p>Body text.</p>"""
    assert _authorship(html).authors == ("jdoe",)


@pytest.mark.parametrize(
    ("line", "people", "organisations"),
    [
        ("Posted on September 21, 2020 by Adi Cohen", ["Adi Cohen"], []),
        ("Veröffentlicht am Fr, 24. Januar 2020, 18:18 von Janey", ["Janey"], []),
        ("Gespeichert von jdoe am 24. Juli 2017 - 18:55", ["jdoe"], []),
        ("Posted in Datenschutz by jdoe on August 3, 2019", ["jdoe"], []),
        ("Von R. R. am 07.08.2013 um 09:07 Uhr", ["R. R."], []),
        ("Posted by Konstantin @ 12:00 am", ["Konstantin"], []),
        ("Autoren John Doe und Jutta Beispiel", ["John Doe", "Jutta Beispiel"], []),
    ],
)
def test_poster_named_in_a_dateline(line: str, people: list[str], organisations: list[str]) -> None:
    credits = line_credits(line, ())
    assert list(credits.people) == people
    assert list(credits.organisations) == organisations


@pytest.mark.parametrize(
    "line",
    [
        "Den Preis von ca. 17 Euro finde ich in Ordnung.",
        "Das Spiel endete 2:1 von Bayern",
        "#1 Kommentar von Naru-chan",
        "September 15, 2020 by Mobasir hassan Post a Comment",
        "Daring Fireball is written and produced by John Gruber.",
    ],
)
def test_sentences_with_by_or_von_name_nobody(line: str) -> None:
    credits = line_credits(line, ())
    assert credits.people == credits.organisations == ()


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Ayse Yilmaz | 05.04.2025", "Ayse Yilmaz"),
        ("25.10.2022 - Reiner Muster", "Reiner Muster"),
        ("04.02.2022 | 13:10 Uhr | Uta Musterberg", "Uta Musterberg"),
        ("MikeNils 18.10.2019, 15:07 Uhr", "MikeNils"),
        ("Berlin, 12. Mai 2020", None),
        ("Stand 12.05.2020", None),
        ("Ausgabejahr 2020", None),
        ("Donald J. Trump May 2, 2019", None),
    ],
)
def test_a_name_beside_a_date(line: str, name: str | None) -> None:
    assert dated_name(line) == name


def test_day_names_and_times_are_date_text() -> None:
    assert is_date_text("mercredi 12 mars 2020 à 10:00")
    assert not is_date_text("Den Preis")


def test_user_name_beside_a_date_right_under_the_headline() -> None:
    html = f"""<h1>{HEADLINE}</h1><div>MikeNils 18.10.2019, 15:07 Uhr</div><p>Body text.</p>"""
    assert _authorship(html).authors == ("MikeNils",)


def test_capitalised_word_beside_a_date_is_a_label() -> None:
    html = f"""<h1>{HEADLINE}</h1><div>Deadline 18.10.2019</div><p>Body text.</p>"""
    assert _authorship(html).authors == ()


def test_names_of_one_byline_keep_their_page_order() -> None:
    html = f"""<html><body><div><div class="meta">
      <span class="author">Anna Fink</span>
      <span class="author">Jan Marchart</span>
      </div></div>
      <h1>{HEADLINE}</h1><p>Body text.</p></body></html>"""
    assert _authorship(html).authors == ("Anna Fink", "Jan Marchart")


def _teasers(byline_word: str) -> str:
    return "".join(
        f"""<li><a href="/s{i}"><div class="box"><span class="box__author">{byline_word} {name}
        </span><p>Another story</p></div></a></li>"""
        for i, name in enumerate(("Clara Müller", "Hilde Butz", "Max Schuler"))
    )


def test_a_teaser_list_gives_way_to_the_byline_under_the_headline() -> None:
    html = f"""<html><body><h1>{HEADLINE}</h1><p>Von Lisa Probst</p><p>Body text.</p>
      <ul>{_teasers("Von")}</ul></body></html>"""
    assert _authorship(html).authors == ("Lisa Probst",)


def test_on_an_index_page_the_first_teaser_byline_is_kept() -> None:
    html = f"""<html><body><h1>Example News</h1><ul>{_teasers("")}</ul></body></html>"""
    assert _authorship(html, "Example News").authors == ("Clara Müller",)


def test_one_byline_class_repeated_in_one_box_names_several_authors() -> None:
    html = f"""<html><body><h1>{HEADLINE}</h1><div class="meta"><p>
      <span class="author">Anna Fink</span> <span class="author">Jan Marchart</span>
      <span class="author">Birgit Baumann</span></p></div><p>Body text.</p></body></html>"""
    assert _authorship(html).authors == ("Anna Fink", "Jan Marchart", "Birgit Baumann")


def test_section_and_date_above_the_headline_name_nobody() -> None:
    html = f"""<p>Pressemitteilung Aktuell | 05.02.2020</p><h1>{HEADLINE}</h1><p>Body text.</p>"""
    assert _authorship(html).authors == ()


LONG_STORY = "".join(f"<p>Paragraph {i} of the story.</p>" for i in range(45))


def test_far_down_only_a_labelled_line_is_a_signature() -> None:
    html = f"""<h1>{HEADLINE}</h1>{LONG_STORY}<p>Text Without Notes</p>"""
    assert _authorship(html).authors == ()


def test_label_on_its_own_line_and_the_name_on_the_next() -> None:
    html = f"""<h1>{HEADLINE}</h1><div><h5>Autor:</h5>Peter Maahn/SP-X</div><p>Body text.</p>"""
    assert _authorship(html).authors == ("Peter Maahn",)


def test_the_sites_own_name_as_byline_gives_way_to_a_person() -> None:
    html = f"""<html><head><meta property="og:site_name" content="The Planetary Press"></head>
      <body><h1>{HEADLINE}</h1><p>By The Planetary Press</p><p>Body text.</p>
      <p>Written by: Julie Roe</p></body></html>"""
    assert _authorship(html).authors == ("Julie Roe",)


def test_byline_under_the_headline_in_a_box_named_like_a_widget() -> None:
    html = f"""<html><body><div class="layout"><h1>{HEADLINE}</h1>
      <div class="widget-meta"><p>erstellt von Dominique — veröffentlicht 28.01.2022 06:00</p>
      </div><p>Body text.</p></div></body></html>"""
    assert _authorship(html).authors == ("Dominique",)


def test_a_name_never_ends_on_a_particle() -> None:
    credits = line_credits("06.11.23 - 14:00 von Krisenmanagement zu", ())
    assert credits.people == ()


def test_a_picture_credit_classed_like_an_author_is_no_byline() -> None:
    html = f"""<h1>{HEADLINE}</h1><div class="lead"><img src="a.jpg">
      <span class="image-author">Rafał Guz</span></div><p>Body text.</p>"""
    assert _authorship(html).authors == ()


@pytest.mark.parametrize(
    ("line", "byline", "authors"),
    [
        ("홍길동 기자(gildong@example.kr)", "홍길동 기자", ("홍길동",)),
        ("Jane Doe (jdoe@example.com)", "Jane Doe", ("Jane Doe",)),
        ("By Jane Doe <jdoe@example.com>", "By Jane Doe", ("Jane Doe",)),
    ],
)
def test_an_address_in_brackets_after_the_name_goes_with_its_brackets(
    line: str, byline: str, authors: tuple[str, ...]
) -> None:
    html = f"""<html><head><title>{HEADLINE}</title></head><body><article>
      <h1>{HEADLINE}</h1><p class="byline">{line}</p><p>Body text.</p></article></body></html>"""
    found = _authorship(html)
    assert (found.byline, found.authors) == (byline, authors)


ZH_HEADLINE = "港口新区启动第二期建设"


def test_an_editor_is_named_when_no_writer_is() -> None:
    html = f"""<h1>{ZH_HEADLINE}</h1><p>港口新区第二期建设项目20日正式启动。</p>
      <p>据介绍，第二期项目总投资约300亿元。</p><p>责任编辑：王小明</p>"""
    found = _authorship(html, ZH_HEADLINE)
    assert (found.byline, found.authors) == ("责任编辑：王小明", ("王小明",))


def test_a_writer_goes_before_the_editor() -> None:
    html = f"""<h1>{ZH_HEADLINE}</h1><p>（记者 李华）</p>
      <p>港口新区第二期建设项目20日正式启动。</p><p>责任编辑：王小明</p>"""
    assert _authorship(html, ZH_HEADLINE).authors == ("李华",)


def test_a_korean_byline_closing_a_long_story() -> None:
    story = "".join(f"<p>시내버스 노선이 {n}번째로 바뀌었다.</p>" for n in range(60))
    html = f"""<h1>{HEADLINE}</h1>{story}<p>홍길동 기자 gildong@example.kr</p>"""
    assert _authorship(html).authors == ("홍길동",)
