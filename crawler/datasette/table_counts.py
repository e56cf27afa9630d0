"""The catalogue as Datasette opens it, with table counts that keep to their time limit.

Datasette's database page counts every table's rows with `select count(*) from [table]`, giving
each count 5 ms and showing "Many rows" past it. But SQLite answers that statement in one step
(it walks the table's smallest b-tree), which the time limit cannot interrupt: at a million
articles the full-text index's own tables alone took seconds. Counted as a loop over the rows
instead, a count stops at its limit; hidden tables (the full-text indexes' shadow tables) are
not counted at all.
"""

from __future__ import annotations

import sqlite3

from datasette.database import (  # type: ignore[import-untyped,unused-ignore]
    Database,
    QueryInterrupted,
)

# `limit -1` keeps SQLite from flattening the subquery into its one-step count.
COUNT_SQL = "select count(*) from (select 1 from [{table}] limit -1)"


class CatalogueDatabase(Database):  # type: ignore[misc,unused-ignore]
    """A Datasette database whose table counts stop at their time limit."""

    async def table_counts(self, limit: int = 10) -> dict[str, int | None]:
        hidden = set(await self.hidden_table_names())
        counts: dict[str, int | None] = {}
        for table in await self.table_names():
            counts[table] = None if table in hidden else await self._count(table, limit)
        return counts

    async def _count(self, table: str, limit: int) -> int | None:
        try:
            result = await self.execute(COUNT_SQL.format(table=table), custom_time_limit=limit)
        except (QueryInterrupted, sqlite3.DatabaseError):
            return None
        return int(result.rows[0][0])
