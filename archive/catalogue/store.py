"""The catalogue as operations on morgue's records: runs, captures, articles, messages.

Each concept's rows live in their own module; this class puts them on one SQLite connection,
the only way the rest of morgue writes (or queries) the catalogue.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from archive.catalogue.articles import ArticleRows
from archive.catalogue.captures import CaptureRows
from archive.catalogue.ingested import IngestedRows
from archive.catalogue.runs import RunRows


class Catalogue(RunRows, CaptureRows, ArticleRows, IngestedRows):
    """The SQLite catalogue seen as operations on morgue's records."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction around several writes (nested ones join it)."""
        with self.db.atomic():
            yield

    def hold_open(self) -> None:
        """Start a transaction that the writes after it join, unless one is open, so that
        several writes cost one commit; `commit` ends it (closing without it drops them)."""
        if not self.db.conn.in_transaction:
            self.db.begin()

    def commit(self) -> None:
        """Commit the open transaction, if any."""
        self.db.commit()

    def close(self) -> None:
        """Close the connection."""
        self.db.close()
