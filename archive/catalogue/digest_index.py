"""Finding an earlier response with the same payload, so a recapture becomes a revisit record."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from archive.catalogue.readonly import CatalogueReader
from archive.records import PriorRecord


class DigestLookup(Protocol):
    """What the WARC extension asks of a digest index: the catalogue's, or Redis's."""

    def find(self, url: str, digest: str) -> PriorRecord | None: ...

    def close(self) -> None: ...


class DigestIndex(CatalogueReader):
    """Looks up (URL, payload digest) among the catalogue's response captures, read-only."""

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

    def responses(self) -> Iterator[PriorRecord]:
        """Every response capture with a payload digest, oldest first."""
        conn = self._connection()
        if conn is None:
            return
        yield from (
            PriorRecord(*row)
            for row in conn.execute(
                "SELECT warc_record_id, url, fetched_at, payload_digest FROM captures "
                "WHERE record_type = 'response' AND payload_digest IS NOT NULL ORDER BY id"
            )
        )
