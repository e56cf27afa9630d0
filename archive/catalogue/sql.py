"""Plain-SQL row helpers for the catalogue's writers.

Rows are written by plain SQL: sqlite-utils' insert/update/lookup read the table's schema on
every call, which cost more than the writes themselves (4.5 ms a page on the hot path).
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def insert(db: Database, table: str, row: dict[str, Any]) -> int:
    """Insert one row and return its rowid."""
    columns = ", ".join(f"[{column}]" for column in row)
    marks = ", ".join("?" * len(row))
    cursor = db.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(row.values()))
    if cursor.lastrowid is None:
        raise RuntimeError(f"no row was inserted into {table}")
    return int(cursor.lastrowid)


def insert_many(db: Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows that all have the same columns."""
    if not rows:
        return
    columns = ", ".join(f"[{column}]" for column in rows[0])
    marks = ", ".join("?" * len(rows[0]))
    db.conn.executemany(
        f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", [list(r.values()) for r in rows]
    )


def update(db: Database, table: str, row_id: int, values: dict[str, Any]) -> None:
    """Set columns of the row with this id."""
    assignments = ", ".join(f"[{column}] = ?" for column in values)
    db.execute(f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*values.values(), row_id])


def first_row(db: Database, sql: str, params: list[Any]) -> dict[str, Any] | None:
    """The first row a query returns, as a dict, or None."""
    cursor = db.execute(sql, params)
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([column[0] for column in cursor.description], row, strict=True))
