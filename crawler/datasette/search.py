"""Full-text search that shows where the words matched: snippets from SQLite's FTS5, marked.

The saved search queries ask `snippet()` to wrap each match in two control characters that
never occur in article text; the cell renderer escapes the snippet and only then turns them
into <mark> tags, so nothing from the page is ever taken as HTML.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

MATCH_START, MATCH_END = "\x02", "\x03"
# snippet(table, any column, before, after, ellipsis, tokens): the SQL shared by the queries.
SNIPPET_SQL = "snippet({table}, -1, char(2), char(3), '…', 24)"
# Matches a saved search ranks: the most recently archived ones. Ranking every article holding a
# common word ("the": most of a million) takes seconds; a word in fewer articles is ranked whole.
RANKED_MATCHES = 1000
# The saved query that shows snippets for a search on a table's page.
SEARCH_QUERIES = {"articles": "search_articles", "captions": "search_captions"}


def snippet_sql(fts_table: str) -> str:
    """The `snippet()` call for `fts_table`, with morgue's match markers."""
    return SNIPPET_SQL.format(table=fts_table)


def among_newest_matches(fts_table: str, match: str, count: int = RANKED_MATCHES) -> str:
    """A condition keeping the rows of `fts_table` that `match` finds to the `count` most
    recently archived (highest rowids): one range on the rowid, which FTS5 starts its walk of the
    matches at, found by walking them from the newest and stopping."""
    return (
        f"{fts_table}.rowid >= (select coalesce(min(rowid), 0) from (select rowid from "
        f"{fts_table} where {fts_table} match {match} order by rowid desc limit {count}))"
    )


def marked_snippet(urls: Any, database: str, row: Any, value: Any) -> Markup | None:
    """A `snippet` cell: its text escaped, with the matched words in <mark>."""
    if not isinstance(value, str) or MATCH_START not in value:
        return None
    html = str(escape(value))
    html = html.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")
    return Markup('<span class="morgue-snippet">{}</span>').format(Markup(html))
