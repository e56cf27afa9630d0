"""Headlines: the printed h1 when sources agree, the site name stripped from <title>."""

from __future__ import annotations

import pytest

from archive.extraction.html_tree import parse_html
from archive.extraction.page import read_page
from archive.extraction.titles import extract_title, strip_site_name

SITE = ["The Daily Example", "dailyexample", "dailyexample.com"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Markets rally on rate hopes | The Daily Example", "Markets rally on rate hopes"),
        ("Markets rally on rate hopes - The Daily Example", "Markets rally on rate hopes"),
        ("The Daily Example: Markets rally on rate hopes", "Markets rally on rate hopes"),
        ("Markets rally on rate hopes – dailyexample.com", "Markets rally on rate hopes"),
        ("Markets rally on rate hopes | Business | News", "Markets rally on rate hopes"),
        ("Nordic crime: the new wave of noir novels", "Nordic crime: the new wave of noir novels"),
        ("Trump pitches oil dream - experts warn", "Trump pitches oil dream - experts warn"),
        ("Single", "Single"),
    ],
)
def test_strip_site_name(title: str, expected: str) -> None:
    assert strip_site_name(title, SITE) == expected


def _title(html: str) -> str | None:
    tree = parse_html(html)
    assert tree is not None
    return extract_title(read_page(tree, "https://www.dailyexample.com/a"))


def test_h1_agreeing_with_og_title() -> None:
    html = """<head><title>Markets rally | The Daily Example</title>
      <meta property="og:title" content="Markets rally"></head>
      <body><h1>The Daily Example</h1><h1>Markets rally</h1></body>"""
    assert _title(html) == "Markets rally"


def test_title_without_h1_uses_metadata() -> None:
    html = """<head><title>Rates rise again - The Daily Example</title></head>
      <body><div class="headline">Rates rise again</div></body>"""
    assert _title(html) == "Rates rise again"


def test_majority_of_sources_wins() -> None:
    html = """<head><title>Official headline | The Daily Example</title>
      <meta property="og:title" content="Official headline">
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Official headline"}
      </script></head><body><h1>Kicker: a different printed headline</h1></body>"""
    assert _title(html) == "Official headline"


def test_inline_markup_in_h1_keeps_punctuation_tight() -> None:
    html = "<body><h1><span>Breakpoint</span>: Help is coming</h1></body>"
    assert _title(html) == "Breakpoint: Help is coming"


def test_no_title_at_all() -> None:
    assert _title("<body><p>just text</p></body>") is None


def test_kicker_printed_before_the_headline_is_dropped() -> None:
    html = """<head><meta property="og:title" content="Two resignations and many open questions">
      </head><body><h1><span>Flood inquiry:</span> Two resignations and many open questions</h1>
      </body>"""
    assert _title(html) == "Two resignations and many open questions"


def test_metadata_title_with_a_suffix_counts_for_the_h1() -> None:
    html = """<head><title>Energy Rising - 33 Day Yoga Challenge - Jane Doe - Yoga Life</title>
      <meta property="og:title" content="Energy Rising - 33 Day Yoga Challenge - Jane Doe">
      </head><body><h1>Energy Rising – 33 Day Yoga Challenge</h1></body>"""
    assert _title(html) == "Energy Rising – 33 Day Yoga Challenge"


def test_colon_lost_between_kicker_and_headline_comes_back() -> None:
    html = """<head><meta property="og:title" content="Flood inquiry: Two resignations">
      </head><body><h1><span>Flood inquiry</span> <span>Two resignations</span></h1></body>"""
    assert _title(html) == "Flood inquiry: Two resignations"


def test_html_entities_in_jsonld_headline_are_decoded() -> None:
    html = """<head><script type="application/ld+json">{"@type": "NewsArticle",
      "headline": "Swift&#8217;s &quot;best work&quot;"}</script></head><body><p>x</p></body>"""
    assert _title(html) == 'Swift’s "best work"'


def test_printed_wording_beats_the_metadata_wording() -> None:
    html = """<head><title>Lounge closes to saver tickets | The Daily Example</title>
      <meta property="og:title" content="Lounge closes to saver tickets">
      <meta name="twitter:title" content="Lounge closes to saver tickets"></head>
      <body><h1>Lounge: no more entry with saver tickets</h1></body>"""
    assert _title(html) == "Lounge: no more entry with saver tickets"


def test_kicker_span_printed_apart_is_not_the_headline() -> None:
    html = """<head><meta property="og:title" content="Harbour plan: Ferries run late again">
      </head><body><h1>
        <span class="dachzeile">After the harbour plan</span>
        <span class="headline">Ferries run late again</span></h1></body>"""
    assert _title(html) == "Ferries run late again"


def test_kicker_on_its_own_line_before_bare_text() -> None:
    html = """<body><h1><small>Recipe of the week</small><br>Lemon cake with thyme</h1></body>"""
    assert _title(html) == "Lemon cake with thyme"


def test_kicker_the_metadata_joins_with_a_colon_stays() -> None:
    html = """<head><meta property="og:title" content="Flood inquiry: Two resignations">
      </head><body><h1><span class="topline">Flood inquiry</span>
      <span class="title">Two resignations</span></h1></body>"""
    assert _title(html) == "Flood inquiry: Two resignations"


def test_inline_emphasis_is_no_kicker() -> None:
    html = """<body><h1><span class="name">Jane Doe</span> wins the city marathon</h1></body>"""
    assert _title(html) == "Jane Doe wins the city marathon"


def test_site_title_h1_linking_home_is_skipped() -> None:
    html = """<head><title>Pancakes for a crowd | Kitchen Notes</title></head><body>
      <h1 class="site-title"><a href="/">Kitchen Notes</a></h1>
      <h1 class="entry-title">Pancakes for a crowd</h1></body>"""
    assert _title(html) == "Pancakes for a crowd"


def test_blog_path_and_blog_name_leave_the_post_title() -> None:
    html = """<head><title>Kitchen Notes » Blog Archive » Pancakes for a crowd</title></head>
      <body><h1><a href="https://www.dailyexample.com/">Kitchen Notes</a></h1></body>"""
    assert _title(html) == "Pancakes for a crowd"


def test_section_labels_after_the_headline_go() -> None:
    html = """<head><title>No app store over mobile data with the new update? | Phones | Forum |
      The Daily Example</title></head><body><p>x</p></body>"""
    assert _title(html) == "No app store over mobile data with the new update?"


def test_one_word_headline_confirmed_by_the_title() -> None:
    html = """<head><title>Winterpike | The Daily Example | Your fishing magazine</title></head>
      <body><h1>Winterpike</h1></body>"""
    assert _title(html) == "Winterpike"


def test_unspaced_headline_is_a_headline() -> None:
    html = """<head><title>港湾局、新しい計画を発表 - 毎日例新聞</title></head>
      <body><h1>港湾局、新しい計画を発表</h1></body>"""
    assert _title(html) == "港湾局、新しい計画を発表"


def test_a_one_word_h1_is_not_taken_for_the_title_without_the_site_name() -> None:
    html = (
        """<head><title>Mozilla - Free Encyclopedia</title></head><body><h1>Mozilla</h1></body>"""
    )
    assert _title(html) == "Mozilla - Free Encyclopedia"


def test_ruby_readings_are_not_part_of_the_headline() -> None:
    html = """<body><h1><ruby>子<rt>こ</rt></ruby>どもへの<ruby>体罰<rt>たいばつ</rt></ruby>を
      <ruby>禁止<rp>(</rp><rt>きんし</rt><rp>)</rp></ruby>する法律ができる</h1></body>"""
    assert _title(html) == "子どもへの体罰を 禁止する法律ができる"


def test_a_section_label_in_the_h1_gives_way_to_the_title() -> None:
    html = """<head><title>Babies who eat peanuts early may avoid allergy</title></head>
      <body><div class="titlebar"><h1>Allergies Health Center</h1></div><p>x</p></body>"""
    assert _title(html) == "Babies who eat peanuts early may avoid allergy"


def test_a_short_headline_sharing_a_compound_with_the_title_stays() -> None:
    html = """<head><title>Autofinanzierung – Kredit oder Leasing?</title></head>
      <body><h1>Finanzierung Ihres Autos</h1></body>"""
    assert _title(html) == "Finanzierung Ihres Autos"
