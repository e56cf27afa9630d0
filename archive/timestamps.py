"""The one timestamp format of the archive: WARC/1.1 dates, UTC with microseconds.

Capture times, run times and message times all use it, so they sort and compare as text.
"""

from __future__ import annotations

from datetime import UTC, datetime

WARC_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_now() -> datetime:
    """The current moment, timezone-aware, in UTC."""
    return datetime.now(UTC)


def warc_date(moment: datetime) -> str:
    """A WARC/1.1 date with microseconds, always in UTC."""
    return moment.astimezone(UTC).strftime(WARC_DATE_FORMAT)


def now_text() -> str:
    """The current moment as a WARC date (for runs, messages and heartbeats)."""
    return warc_date(utc_now())


def parse_warc_date(text: str) -> datetime:
    """A WARC date (or any ISO 8601 date-time with Z or an offset) as an aware datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
