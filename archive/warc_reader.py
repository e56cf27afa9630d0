"""Reads WARC records back: one by offset (random access, no scan) or all in file order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archive.errors import WarcReadError
from archive.warc_files import OPEN_SUFFIX


@dataclass(frozen=True)
class StoredRecord:
    """A WARC record read back: its headers, HTTP status line/headers and raw payload bytes."""

    offset: int
    length: int
    record_type: str
    warc_headers: tuple[tuple[str, str], ...]
    http_status: int | None
    http_headers: tuple[tuple[str, str], ...]
    payload: bytes

    def warc_header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.warc_headers if k.lower() == wanted), None)

    def http_header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.http_headers if k.lower() == wanted), None)


def _stored(record: Any, offset: int, length: int, payload: bytes) -> StoredRecord:
    http = record.http_headers
    status: int | None = None
    if http is not None and record.rec_type in ("response", "revisit"):
        code = http.get_statuscode()
        status = int(code) if code and code.isdigit() else None
    return StoredRecord(
        offset=offset,
        length=length,
        record_type=record.rec_type,
        warc_headers=tuple(record.rec_headers.headers),
        http_status=status,
        http_headers=tuple(http.headers) if http is not None else (),
        payload=payload,
    )


def read_record_at(stream: BinaryIO, offset: int) -> StoredRecord:
    """The record starting at `offset`; its payload raw (still content-encoded), as served."""
    try:
        stream.seek(offset)
        iterator = ArchiveIterator(stream, no_record_parse=False, check_digests=False)
        record = next(iter(iterator))
        payload = record.raw_stream.read()
        iterator.read_to_end(record)
        length = iterator.get_record_length()
    except (ArchiveLoadFailed, StopIteration, OSError, ValueError, EOFError) as exc:
        raise WarcReadError(f"no readable WARC record at offset {offset}: {exc}") from exc
    return _stored(record, offset, length, payload)


def iter_records(stream: BinaryIO) -> Iterator[StoredRecord]:
    """Every record in file order with its offset and compressed length."""
    iterator = ArchiveIterator(stream, check_digests=False)
    for record in iterator:
        payload = record.raw_stream.read()
        offset = iterator.get_record_offset()
        iterator.read_to_end(record)
        yield _stored(record, offset, iterator.get_record_length(), payload)


def resolve_warc_path(warc_dir: Path, filename: str) -> Path:
    """The file on disk for a catalogue filename: finished, or still `.open`."""
    for candidate in (warc_dir / filename, warc_dir / (filename + OPEN_SUFFIX)):
        if candidate.exists():
            return candidate
    raise WarcReadError(f"WARC file {filename} is not in {warc_dir}")
