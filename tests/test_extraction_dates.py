"""Dates: ISO 8601 with offset when the page gives time and zone, else only the day."""

from __future__ import annotations

import pytest

from archive.extraction.dates import extract_dates, is_dateline, normalise_date
from archive.extraction.html_tree import parse_html
from archive.extraction.page import read_page


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-05-03T09:15:00+09:00", "2024-05-03T09:15:00+09:00"),
        ("2024-05-03T09:15:00Z", "2024-05-03T09:15:00+00:00"),
        ("2024-05-03T09:15:00.123456789+0200", "2024-05-03T09:15:00+02:00"),
        ("2024-05-03T09:15:00", "2024-05-03"),  # no zone: the day only
        ("2024-05-03 09:15", "2024-05-03"),
        ("2024-05-03", "2024-05-03"),
        ("Fri, 03 May 2024 09:15:00 GMT", "2024-05-03T09:15:00+00:00"),
        ("2018.03.27 17:02", "2018-03-27"),
        ("27.03.2018", "2018-03-27"),
        ("March 27, 2018", "2018-03-27"),
        ("27 März 2018", "2018-03-27"),
        ("3 août 2024", "2024-08-03"),
        ("3 de marzo de 2024", "2024-03-03"),
        ("12 de septiembre de 2023", "2023-09-12"),  # ten letters
        ("3 de março de 2024", "2024-03-03"),
        ("3 marzo 2024", "2024-03-03"),
        ("", None),
        ("not a date", None),
        ("1066-10-14", None),  # out of the plausible range
        ("2024-13-45", None),
    ],
)
def test_normalise_date(raw: str, expected: str | None) -> None:
    assert normalise_date(raw) == expected


def _dates(html: str) -> tuple[str | None, str | None]:
    tree = parse_html(html)
    assert tree is not None
    return extract_dates(read_page(tree, None))


def test_printed_dateline_without_zone() -> None:
    html = "<div>Posted : 2018-03-27 17:02 &nbsp;|&nbsp; Updated : 2018-03-28 19:45</div><p>x</p>"
    assert _dates(html) == ("2018-03-27", "2018-03-28")


def test_jsonld_before_meta() -> None:
    html = """<head><meta property="article:published_time" content="2024-01-01T00:00:00Z">
      <script type="application/ld+json">{"@type": "NewsArticle",
      "datePublished": "2024-05-06T08:00:00+09:00", "dateModified": "2024-05-06T10:30:00+09:00"}
      </script></head><body><p>x</p></body>"""
    assert _dates(html) == ("2024-05-06T08:00:00+09:00", "2024-05-06T10:30:00+09:00")


def test_meta_and_time_elements() -> None:
    html = """<head><meta property="article:published_time" content="2024-05-05T10:00:00+01:00">
      </head><body><time itemprop="dateModified" datetime="2024-05-05T15:20:00+01:00">3pm</time>
      <p>x</p></body>"""
    assert _dates(html) == ("2024-05-05T10:00:00+01:00", "2024-05-05T15:20:00+01:00")


def test_no_modified_date_is_none() -> None:
    html = '<body><time datetime="2024-05-02">2 May</time><p>x</p></body>'
    assert _dates(html) == ("2024-05-02", None)


def test_datelines() -> None:
    assert is_dateline("Posted : 2018-03-27 17:02 | Updated : 2018-03-27 19:45")
    assert is_dateline("Aktualisiert am 03.05.2024")
    assert is_dateline("입력 2024.05.03 10:12")
    assert not is_dateline("The bill was updated in committee on many points.")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Publié le 3 août 2024", "2024-08-03"),  # "û" is a letter of the month's name
        ("Publicado el 3 de marzo de 2024", "2024-03-03"),  # day, month and year joined by "de"
        ("Pubblicato il 3 marzo 2024", "2024-03-03"),
        ("Veröffentlicht am 27. März 2018", "2018-03-27"),
        ("Posted on May 3, 2020", "2020-05-03"),
    ],
)
def test_printed_dateline_in_each_language(line: str, expected: str) -> None:
    assert _dates(f"<body><div>{line}</div><p>x</p></body>") == (expected, None)
    assert is_dateline(line)
