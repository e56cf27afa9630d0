"""Table searches for a word most articles hold: the rows at once, without a total or facets.

Datasette's table page counts every row a `?_search=` matches and computes each facet over them:
a lookup per match, seconds for a word in most of a million articles, while the first page of
rows takes milliseconds. A search whose full-text index finds more than COUNTED_MATCHES rows is
served as if asked with `_nocount=1&_nofacet=1`; a search finding fewer is counted and faceted
as before. A search that asks for a facet (`&_facet=site`) gets its count and facets, bounded by
Datasette's time limits as any page.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any
from urllib.parse import parse_qs

from datasette.database import QueryInterrupted  # type: ignore[import-untyped,unused-ignore]
from datasette.utils import tilde_encode  # type: ignore[import-untyped,unused-ignore]

from crawler.datasette.sql_gate import App, Receive, Scope, Send

# Matches past which a table search is neither counted nor faceted.
COUNTED_MATCHES = 10_000
# Searchable tables and their full-text index.
FTS_TABLES = {"articles": "articles_fts", "captions": "captions_fts"}
# Counting up to COUNTED_MATCHES + 1 matches in the index takes milliseconds; never wait longer.
PROBE_TIME_LIMIT_MS = 200
UNCOUNTED = b"&_nocount=1&_nofacet=1"


def too_many_sql(fts_table: str, raw: bool) -> str:
    """Whether the search `:search` finds more than COUNTED_MATCHES rows of `fts_table`."""
    match = ":search" if raw else "escape_fts(:search)"
    return (
        f"select count(*) > {COUNTED_MATCHES} from (select rowid from [{fts_table}] "
        f"where [{fts_table}] match {match} limit {COUNTED_MATCHES + 1})"
    )


class SearchBounds:
    """ASGI middleware serving table searches with many matches without a count or facets."""

    def __init__(self, app: App, datasette: Any, database: str) -> None:
        self.app = app
        self.datasette = datasette
        self.database = database
        self.tables = re.compile(
            rf"^/{re.escape(tilde_encode(database))}/(?P<table>\w+)(\.(json|csv))?$"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") == "http" and await self._too_many(scope):
            scope = dict(scope, query_string=scope.get("query_string", b"") + UNCOUNTED)
        await self.app(scope, receive, send)

    async def _too_many(self, scope: Scope) -> bool:
        found = self.tables.match(scope.get("path", ""))
        fts_table = FTS_TABLES.get(found["table"]) if found else None
        if fts_table is None:
            return False
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        search = query.get("_search", [""])[0]
        if not search.strip() or {"_nocount", "_nofacet", "_facet"} & set(query):
            return False
        raw = query.get("_searchmode", [""])[0] == "raw"
        database = self.datasette.get_database(self.database)
        try:
            result = await database.execute(
                too_many_sql(fts_table, raw), {"search": search},
                custom_time_limit=PROBE_TIME_LIMIT_MS,
            )  # fmt: skip
        except QueryInterrupted:
            return True  # counting them took long: there are many
        except sqlite3.DatabaseError:
            return False  # a malformed raw search: Datasette says so
        return bool(result.first()[0])
