"""`ingested_messages`: which scale-out messages the catalogue has stored (each once)."""

from __future__ import annotations

from sqlite_utils import Database

from archive.catalogue.sql import insert


class IngestedRows:
    """The catalogue's record of stored worker messages."""

    db: Database

    def was_ingested(self, message_id: str) -> bool:
        """Whether the message with this id was stored before."""
        found = self.db.execute("SELECT 1 FROM ingested_messages WHERE id = ?", [message_id])
        return found.fetchone() is not None

    def mark_ingested(self, message_id: str, kind: str, run_id: int, at: str) -> None:
        """Note that the message was stored (in the same transaction as what it stored)."""
        insert(
            self.db,
            "ingested_messages",
            {"id": message_id, "kind": kind, "run_id": run_id, "ingested_at": at},
        )
