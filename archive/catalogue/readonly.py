"""A lazily opened read-only connection to the catalogue, for look-ups beside the writer."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class CatalogueReader:
    """Opens the catalogue read-only on first use (WAL: it never blocks the writer)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._conn: sqlite3.Connection | None = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _connection(self) -> sqlite3.Connection | None:
        if self._conn is None:
            if not self.db_path.exists():
                return None
            self._conn = sqlite3.connect(self.db_path.resolve().as_uri() + "?mode=ro", uri=True)
        return self._conn
