"""Dates announced by sitemaps and feeds, as ISO 8601: date-time with offset, or just the day."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

DAY_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
MIN_YEAR, MAX_YEAR = 1990, 2100


def normalise_date(raw: str | None) -> str | None:
    """W3C datetime or RFC 822 to ISO 8601; zoneless date-times keep only the day; else None."""
    text = (raw or "").strip()
    if not text:
        return None
    if DAY_ONLY.fullmatch(text):
        return _day(text)
    parsed = _parse(text)
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    if parsed.tzinfo is None:
        return parsed.date().isoformat()
    return parsed.replace(microsecond=0).isoformat()


def utc_date(parsed: time.struct_time | None) -> str | None:
    """ISO 8601 date-time in UTC from a struct_time that feedparser already moved to UTC."""
    if parsed is None or not MIN_YEAR <= parsed.tm_year <= MAX_YEAR:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    except ValueError:
        return None


def _day(text: str) -> str | None:
    """The day itself when it is a real calendar day."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day.isoformat() if MIN_YEAR <= day.year <= MAX_YEAR else None


def _parse(text: str) -> datetime | None:
    """ISO 8601 (Z, compact offsets, any fraction) first, then RFC 822; None when neither."""
    iso = re.sub(r"(\.\d{6})\d+", r"\1", text)
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
