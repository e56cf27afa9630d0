"""Finding a capture in the catalogue and reading it back from its WARC file by offset."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from archive.errors import CaptureNotFoundError, UsageError
from archive.timestamps import parse_warc_date, warc_date
from archive.warc.encoding import decode_body
from archive.warc.reader import StoredRecord, read_record_at, resolve_warc_path

_DIGITS = re.compile(r"\d{4,14}")


@dataclass(frozen=True)
class ArchivedCapture:
    """A capture row with its WARC record; for a revisit, the original's payload."""

    row: dict[str, Any]
    record: StoredRecord
    payload: bytes

    @property
    def decoded_body(self) -> bytes:
        """The body with Content-Encoding undone, as a browser would see it."""
        return decode_body(self.payload, self.record.content_encoding)


def parse_timestamp(text: str) -> str:
    """A WARC-Date-comparable string from ISO 8601 or a 4–14 digit Wayback timestamp."""
    text = text.strip()
    try:
        if _DIGITS.fullmatch(text):
            padded = text + "0101000000"[len(text) - 4 :] if len(text) < 14 else text
            moment = datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise UsageError(
            f"can't read the time {text!r}: use ISO 8601 (2026-11-29T08:00:00Z) "
            "or a Wayback timestamp (20261129080000)"
        ) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return warc_date(moment)


def find_capture(db: Database, url: str, at: str | None = None) -> dict[str, Any]:
    """The archived response or revisit of `url` nearest to `at` (default: the latest)."""
    rows = list(
        db.query(
            "SELECT * FROM captures WHERE url = ? AND record_type IN ('response', 'revisit') "
            "ORDER BY fetched_at",
            [url],
        )
    )
    if not rows:
        raise CaptureNotFoundError(f"no archived capture of {url} in the catalogue")
    if at is None:
        return rows[-1]
    wanted = _seconds(parse_timestamp(at))
    return min(rows, key=lambda row: abs(_seconds(row["fetched_at"]) - wanted))


def load_capture(db: Database, warc_dir: Path, row: dict[str, Any]) -> ArchivedCapture:
    """Read the capture's record by offset; a revisit takes its payload from the original."""
    record = _read(warc_dir, row["warc_filename"], row["warc_offset"])
    payload = record.payload
    if row["record_type"] == "revisit" and row["refers_to"]:
        original = next(
            db.query(
                "SELECT warc_filename, warc_offset FROM captures WHERE warc_record_id = ?",
                [row["refers_to"]],
            ),
            None,
        )
        if original is None:
            raise CaptureNotFoundError(f"the original of revisit {row['warc_record_id']} is gone")
        payload = _read(warc_dir, original["warc_filename"], original["warc_offset"]).payload
    return ArchivedCapture(row, record, payload)


def _read(warc_dir: Path, filename: str, offset: int) -> StoredRecord:
    with resolve_warc_path(warc_dir, filename).open("rb") as handle:
        return read_record_at(handle, offset)


def _seconds(warc_date: str) -> float:
    return parse_warc_date(warc_date).timestamp()
