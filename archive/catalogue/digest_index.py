"""Finding an earlier response with the same payload, so a recapture becomes a revisit record."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from archive.records import PriorRecord


class DigestIndex:
    """Looks up (URL, payload digest) among the catalogue's response captures, read-only."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._conn: sqlite3.Connection | None = None

    def find(self, url: str, digest: str) -> PriorRecord | None:
        """The first response of `url` whose payload had `digest`, if any."""
        conn = self._connection()
        if conn is None:
            return None
        row = conn.execute(
            "SELECT warc_record_id, url, fetched_at, payload_digest FROM captures "
            "WHERE payload_digest = ? AND url = ? AND record_type = 'response' "
            "ORDER BY id LIMIT 1",
            (digest, url),
        ).fetchone()
        return PriorRecord(*row) if row else None

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
