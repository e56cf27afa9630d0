"""Table pages of a big archive: the rows at once, without the facets and totals that would read
every row.

Datasette computes a table page's facets over every row it shows, one facet after another, and
counts every row a `?_search=` matches: an index entry or a lookup per row, seconds at a million
articles, while the page's rows take milliseconds. So, as if asked with `_nofacet=1`:

- a whole table (no filter, no search) of more than FACETED_ROWS rows is served without facets
  (filter it, by a site say, and its facets are back);
- a search whose full-text index finds more than COUNTED_MATCHES rows is served without facets
  and without a total (`_nocount=1`), newest archived first (`_sort_desc=id`, unless it asks
  for an order: SQLite sorts every match by date, but walks them by id and stops); a search
  finding fewer is counted, faceted and sorted as before.

A page that asks for a facet (`&_facet=site`) gets everything, bounded by Datasette's time limits.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any
from urllib.parse import parse_qs

from datasette.database import QueryInterrupted  # type: ignore[import-untyped,unused-ignore]
from datasette.utils import tilde_encode  # type: ignore[import-untyped,unused-ignore]

from crawler.datasette.sql_gate import App, Receive, Scope, Send

# Rows past which a whole table is shown without facets (by its largest rowid: no count needed).
FACETED_ROWS = 100_000
# Matches past which a table search is neither counted nor faceted: counting, sorting by date
# and five facets cost some 125 microseconds a match on 2 busy cores (5,590 matches: 750 ms).
COUNTED_MATCHES = 1_000
# Searchable tables and their full-text index.
FTS_TABLES = {"articles": "articles_fts", "captions": "captions_fts", "authors": "authors_fts"}
# Views and the table holding their rows, whose largest rowid is theirs (a view has no rowid).
STORED_IN = {"article_versions": "article_version_rows"}
# Query-string arguments that do not narrow a table page's rows.
UNFILTERED = re.compile(r"^_(sort|sort_desc|next|size|labels?|col|nocol|nocount|nosuggest)$")
# Both probes take milliseconds; never wait longer.
PROBE_TIME_LIMIT_MS = 200
NO_FACETS, NO_COUNT, BY_ID = b"&_nofacet=1", b"&_nocount=1", b"&_sort_desc=id"


def too_many_sql(fts_table: str, raw: bool) -> str:
    """Whether the search `:search` finds more than COUNTED_MATCHES rows of `fts_table`."""
    match = ":search" if raw else "escape_fts(:search)"
    return (
        f"select count(*) > {COUNTED_MATCHES} from (select rowid from [{fts_table}] "
        f"where [{fts_table}] match {match} limit {COUNTED_MATCHES + 1})"
    )


class PageBounds:
    """ASGI middleware serving big tables' whole-table pages and common-word searches without
    facets (and the searches without a count)."""

    def __init__(self, app: App, datasette: Any, database: str) -> None:
        self.app = app
        self.datasette = datasette
        self.database = database
        self.tables = re.compile(
            rf"^/{re.escape(tilde_encode(database))}/(?P<table>\w+)(\.(json|csv))?$"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        added = await self._bounds(scope) if scope.get("type") == "http" else b""
        if added:
            scope = dict(scope, query_string=scope.get("query_string", b"") + added)
        await self.app(scope, receive, send)

    async def _bounds(self, scope: Scope) -> bytes:
        found = self.tables.match(scope.get("path", ""))
        if not found:
            return b""
        table = found["table"]
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if {"_nofacet", "_facet"} & set(query):
            return b""
        search = query.get("_search", [""])[0]
        if search.strip() and table in FTS_TABLES:
            raw = query.get("_searchmode", [""])[0] == "raw"
            sql = too_many_sql(FTS_TABLES[table], raw)
            if not await self._probe(sql, {"search": search}):
                return b""
            sort = b"" if {"_sort", "_sort_desc"} & set(query) else BY_ID
            return NO_FACETS + (b"" if "_nocount" in query else NO_COUNT) + sort
        if all(UNFILTERED.match(name) for name in query):
            stored = STORED_IN.get(table, table)
            sql = f"select coalesce(max(rowid), 0) > {FACETED_ROWS} from [{stored}]"
            return NO_FACETS if await self._probe(sql, {}) else b""
        return b""

    async def _probe(self, sql: str, params: dict[str, str]) -> bool:
        database = self.datasette.get_database(self.database)
        try:
            result = await database.execute(sql, params, custom_time_limit=PROBE_TIME_LIMIT_MS)
        except QueryInterrupted:
            return True  # it took long: there are many
        except sqlite3.DatabaseError:
            return False  # not a table, or a malformed raw search: Datasette says so
        return bool(result.first()[0])
