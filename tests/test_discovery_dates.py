"""Sitemap and feed dates as ISO 8601: date-time with the source's offset, or just the day."""

from __future__ import annotations

import time

import pytest

from archive.discovery.dates import normalise_date, utc_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-05-06", "2024-05-06"),
        ("2024-05-06T19:10:00+02:00", "2024-05-06T19:10:00+02:00"),
        ("2024-05-06T19:10:00Z", "2024-05-06T19:10:00+00:00"),
        ("2024-05-06T19:10+09:00", "2024-05-06T19:10:00+09:00"),
        ("2024-05-06T19:10:00.123456789-05:00", "2024-05-06T19:10:00-05:00"),
        ("2024-05-06T19:10:00+0200", "2024-05-06T19:10:00+02:00"),
        ("  2024-05-06T19:10:00+02:00\n", "2024-05-06T19:10:00+02:00"),
        ("Mon, 06 May 2024 19:10:00 +0200", "2024-05-06T19:10:00+02:00"),
        ("Mon, 06 May 2024 14:00:00 GMT", "2024-05-06T14:00:00+00:00"),
        ("Fri, 3 May 2024 16:05:00 EDT", "2024-05-03T16:05:00-04:00"),
    ],
)
def test_dates_keep_the_offset_they_were_given(raw: str, expected: str) -> None:
    assert normalise_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-05-06T19:10:00", "2024-05-06"),
        ("Thu, 02 May 2024 23:59:00 KST", "2024-05-02"),
        ("Thu, 02 May 2024 23:59:00 -0000", "2024-05-02"),
    ],
)
def test_date_times_without_a_known_zone_keep_only_the_day(raw: str, expected: str) -> None:
    assert normalise_date(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "   ",
        "yesterday",
        "2024-13-45",
        "2024-02-30",
        "2024-05",
        "0001-01-01",
        "9999-12-31",
    ],
)
def test_unusable_dates_give_none(raw: str | None) -> None:
    # What was tried: missing, words, impossible days, a bare month, out-of-range years.
    assert normalise_date(raw) is None


def test_feedparser_struct_time_reads_as_utc() -> None:
    parsed = time.struct_time((2024, 5, 6, 17, 10, 0, 0, 127, 0))
    assert utc_date(parsed) == "2024-05-06T17:10:00+00:00"
    assert utc_date(None) is None
