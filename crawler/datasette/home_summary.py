"""The sentence opening the home page: what the archive holds and when it was last crawled."""

from __future__ import annotations

import sqlite3
from typing import Any

from datasette.database import QueryInterrupted  # type: ignore[import-untyped,unused-ignore]

# One row of counts; the last crawl is the latest run's end (or start, while it runs), else the
# latest capture, for a catalogue rebuilt from WARC files alone (it has no runs).
SUMMARY_SQL = """select
  (select count(*) from articles) as articles,
  (select count(*) from captures) as captures,
  (select count(*) from captions) as photos,
  (select count(*) from crawl_runs) as runs,
  coalesce((select max(coalesce(finished_at, started_at)) from crawl_runs),
           (select max(fetched_at) from captures)) as last_crawled"""
# Counting a large archive's tables should take milliseconds; the home page never waits longer.
SUMMARY_TIME_LIMIT_MS = 1000


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def _when(timestamp: str) -> str:
    """An ISO 8601 UTC time as a reader wants it: `2024-05-01 09:30 UTC`."""
    if timestamp.endswith(("Z", "+00:00")) and len(timestamp) >= 16:
        return timestamp[:10] + " " + timestamp[11:16] + " UTC"
    return timestamp


def summary_sentence(row: Any) -> str:
    """`This archive holds 28 articles, …; last crawled 2024-05-01 09:30 UTC.` for a row."""
    holds = ", ".join(
        [
            _count(row["articles"], "article", "articles"),
            _count(row["captures"], "capture", "captures"),
            _count(row["photos"], "photo caption", "photo captions"),
        ]
    )
    sentence = f"This archive holds {holds} and {_count(row['runs'], 'crawl run', 'crawl runs')}"
    if row["last_crawled"]:
        return f"{sentence}; last crawled {_when(row['last_crawled'])}."
    return f"{sentence}; nothing crawled yet."


async def archive_summary(database: Any) -> str | None:
    """The home page's sentence for `database` (a Datasette Database), or None if it can't say."""
    try:
        result = await database.execute(SUMMARY_SQL, custom_time_limit=SUMMARY_TIME_LIMIT_MS)
    except (QueryInterrupted, sqlite3.DatabaseError):
        return None
    return summary_sentence(result.first())
