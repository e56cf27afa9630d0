"""Memory bounds on every query `morgue serve` runs, so one visitor's SQL can't exhaust the server.

Datasette's `sql_time_limit_ms` stops a query that runs long, but one SQL function call can build
a string of gigabytes in a single step, and a short query can return a thousand huge rows.
SQLite's own limits refuse the first; a row factory that counts what a query returns refuses the
second; a process-wide heap limit bounds what SQLite allocates for all queries together.
"""

from __future__ import annotations

import sqlite3
import weakref
from contextlib import closing
from typing import Any

# Longest string, blob or table row a query may build or read (SQLITE_LIMIT_LENGTH). A news
# article's text is well under 1 MB; `hex(zeroblob(400000000))` is refused at once.
MAX_VALUE_BYTES = 16 << 20
# Longest SQL text a visitor may send (SQLITE_LIMIT_SQL_LENGTH).
MAX_SQL_BYTES = 100_000
# Text and blobs one query may return in all its rows (Datasette holds up to max_returned_rows).
MAX_RESULT_BYTES = 32 << 20
# What SQLite may allocate for all the server's connections together; past the soft limit it
# gives back cache memory, at the hard limit a query fails with "out of memory".
HARD_HEAP_BYTES = 256 << 20
SOFT_HEAP_BYTES = 128 << 20


class ResultBudget:
    """A row factory that makes `sqlite3.Row`s and fails a query once its rows exceed `limit`."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._cursor: weakref.ref[sqlite3.Cursor] | None = None
        self._used = 0

    def __call__(self, cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> sqlite3.Row:
        # A connection runs one query at a time, and Datasette opens a cursor for each.
        if self._cursor is None or self._cursor() is not cursor:
            self._cursor, self._used = weakref.ref(cursor), 0
        self._used += sum(len(v) for v in values if isinstance(v, str | bytes))
        if self._used > self.limit:
            raise sqlite3.DataError(
                f"the query's results are over {self.limit >> 20} MB: "
                "ask for fewer rows or shorter values"
            )
        return sqlite3.Row(cursor, values)


def limit_connection(conn: sqlite3.Connection) -> None:
    """Bound what any query on `conn` may build, read and return."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_BYTES)
    conn.row_factory = ResultBudget(MAX_RESULT_BYTES)


def limit_sqlite_heap(hard: int = HARD_HEAP_BYTES, soft: int = SOFT_HEAP_BYTES) -> None:
    """Cap SQLite's memory in this whole process (the pragmas set process-wide limits)."""
    with closing(sqlite3.connect(":memory:")) as conn:
        conn.execute(f"PRAGMA hard_heap_limit = {int(hard)}")
        conn.execute(f"PRAGMA soft_heap_limit = {int(soft)}")
