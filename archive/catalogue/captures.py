"""`captures` rows: what was fetched and where its WARC record is; the pending-page queue."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database

from archive.catalogue.sql import first_row, insert, update
from archive.records import Capture

# Captures that hold a photo's bytes: a full response or a revisit of one, with a 2xx status.
PHOTO_CAPTURE = "record_type IN ('response', 'revisit') AND status BETWEEN 200 AND 299 AND url = ?"


def photo_capture_id(db: Database, url: str | None) -> int | None:
    """The latest capture holding the bytes at `url` (a caption's photo), if any."""
    if not url:
        return None
    row = db.execute(f"SELECT max(id) FROM captures WHERE {PHOTO_CAPTURE}", [url]).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def site_of(url: str) -> str:
    """The site a URL belongs to, until site configs name them: its host."""
    return urlsplit(url).netloc.lower()


class CaptureRows:
    """The catalogue's operations on `captures` and `pending_captures`."""

    db: Database

    def add_capture(self, capture: Capture, run_id: int | None, pending: bool = False) -> int:
        """A `captures` row; captures are inserted in WARC record order.

        `pending` marks a page still to be processed (see `pending_captures`). A requisite
        names the capture of the page that needed it, and captions showing it point at it.
        """
        requisite_of = self.capture_id_of(capture.requisite_of) if capture.requisite_of else None
        row = {
            "url": capture.url,
            "fetched_at": capture.fetched_at,
            "status": capture.status,
            "content_type": capture.content_type,
            "record_type": capture.record_type,
            "warc_filename": capture.warc_filename,
            "warc_offset": capture.warc_offset,
            "warc_length": capture.warc_length,
            "warc_record_id": capture.warc_record_id,
            "payload_digest": capture.payload_digest,
            "refers_to": capture.refers_to,
            "capture_status": capture.capture_status,
            "error": capture.error,
            "run_id": run_id,
            "site": capture.site or site_of(capture.url),
            "etag": capture.etag,
            "last_modified": capture.last_modified,
            "resource_type": capture.resource_type,
            "requisite_of": requisite_of,
        }
        with self.db.atomic():
            capture_id = insert(self.db, "captures", row)
            if pending:
                insert(self.db, "pending_captures", {"capture_id": capture_id})
            if photo_capture_id(self.db, capture.url) == capture_id:
                # A caption names its photo's latest capture, whichever of them came first.
                self.db.execute(
                    "UPDATE captions SET image_capture_id = ? WHERE image_url = ?",
                    [capture_id, capture.url],
                )
                self.db.execute(
                    "UPDATE articles SET image_capture_id = ? WHERE image_url = ?",
                    [capture_id, capture.url],
                )
            return capture_id

    def pending_captures(self, run_id: int | None = None) -> list[dict[str, Any]]:
        """Captures archived but never processed (a killed run's), in capture order; only
        `run_id`'s when given."""
        where, params = ("WHERE captures.run_id = ?", [run_id]) if run_id is not None else ("", [])
        return list(
            self.db.query(
                "SELECT captures.* FROM pending_captures JOIN captures "
                f"ON captures.id = pending_captures.capture_id {where} ORDER BY captures.id",
                params,
            )
        )

    def pending_capture(self, capture_id: int) -> dict[str, Any] | None:
        """The capture's row if it is still waiting in `pending_captures`."""
        return first_row(
            self.db,
            "SELECT captures.* FROM pending_captures JOIN captures "
            "ON captures.id = pending_captures.capture_id WHERE captures.id = ?",
            [capture_id],
        )

    def capture_id_of(self, record_id: str) -> int | None:
        """The catalogue id of the capture of a WARC record, if it is catalogued."""
        row = self.db.execute(
            "SELECT id FROM captures WHERE warc_record_id = ? ORDER BY id LIMIT 1", [record_id]
        ).fetchone()
        return int(row[0]) if row else None

    def settle_pending_original(self, capture_id: int) -> None:
        """The capture is a revisit of a pending capture (a lost worker's page, fetched again):
        the original stops waiting in `pending_captures`."""
        self.db.execute(
            "DELETE FROM pending_captures WHERE capture_id IN (SELECT original.id FROM captures "
            "AS revisit JOIN captures AS original ON original.warc_record_id = revisit.refers_to "
            "WHERE revisit.id = ?)",
            [capture_id],
        )

    def settle_pending(self, capture_id: int) -> None:
        """A capture that will never be processed as a page (its fetch failed after it was
        archived, or its body can't be decoded) stops waiting in `pending_captures`."""
        with self.db.atomic():
            self.db.execute("DELETE FROM pending_captures WHERE capture_id = ?", [capture_id])

    def mark_capture_failed(self, capture_id: int, reason: str) -> None:
        """Record why a capture that reached the archive gave no usable page."""
        with self.db.atomic():
            update(self.db, "captures", capture_id, {"capture_status": "failed", "error": reason})

    def captures_with_status(self, capture_status: str) -> list[dict[str, Any]]:
        """Captures that ended with `capture_status` (e.g. extraction_timeout), in capture
        order."""
        return list(
            self.db.query(
                "SELECT * FROM captures WHERE capture_status = ? ORDER BY id", [capture_status]
            )
        )

    def reset_capture_status(self, capture_id: int, capture_status: str) -> None:
        """Give a capture back the status of its fetch alone, before it is processed again."""
        with self.db.atomic():
            update(
                self.db,
                "captures",
                capture_id,
                {"capture_status": capture_status, "status_evidence": None},
            )

    def catalogued_end(self, run_id: int, filename: str) -> int:
        """Where the last record of WARC file `filename` that run `run_id` catalogued ends (0:
        none)."""
        row = self.db.execute(
            "SELECT max(warc_offset + warc_length) FROM captures "
            "WHERE run_id = ? AND warc_filename = ?",
            [run_id, filename],
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def record_location(self, record_id: str) -> tuple[str, int] | None:
        """The WARC file and offset of the catalogued record `record_id` (a revisit's original)."""
        row = first_row(
            self.db,
            "SELECT warc_filename, warc_offset FROM captures WHERE warc_record_id = ?",
            [record_id],
        )
        return (str(row["warc_filename"]), int(row["warc_offset"])) if row else None

    def latest_captures(self) -> list[dict[str, Any]]:
        """Each article's latest version's capture row, with `article_id` and the article's
        `article_last_seen`, in article order (what reextract works through)."""
        return list(
            self.db.query(
                "SELECT articles.id AS article_id, articles.last_seen AS article_last_seen, "
                "captures.* FROM articles "
                "JOIN article_versions v ON v.id = articles.latest_version_id "
                "JOIN captures ON captures.id = v.capture_id ORDER BY articles.id"
            )
        )
