"""Reading the WARC record behind a catalogue row: by offset, inside the WARC folder only."""

from __future__ import annotations

import os
from pathlib import Path

from archive.errors import WarcReadError
from archive.warc.reader import StoredRecord, read_record_at, resolve_warc_path

WARC_SUFFIXES = (".warc.gz", ".warc")


def warc_file_for(warc_dir: Path, filename: str) -> Path:
    """The file a catalogue filename names, refusing anything but a WARC file name in `warc_dir`."""
    plain = (
        filename
        and filename == Path(filename).name
        and not filename.startswith(".")
        and not any(c in filename for c in "/\\\x00")
        and filename.endswith(WARC_SUFFIXES)
    )
    if not plain:
        raise WarcReadError(f"refusing WARC file name {filename!r}: not a plain WARC file name")
    path = resolve_warc_path(warc_dir, filename)
    if path.parent != warc_dir:
        raise WarcReadError(f"WARC file {filename!r} is outside {warc_dir}")
    return path


def read_capture_record(
    warc_dir: Path, filename: str, offset: int, record_id: str | None
) -> StoredRecord:
    """The record at `offset` in `filename`, checked to be the one the catalogue names."""
    try:
        with warc_file_for(warc_dir, filename).open("rb") as stream:
            record = read_record_at(stream, offset)
    except OSError as exc:  # unreadable file (permissions, a folder of that name)
        raise WarcReadError(f"cannot read {filename}: {exc.strerror or exc}") from exc
    found = record.warc_header("WARC-Record-ID")
    if record_id and found != record_id:
        raise WarcReadError(
            f"the record at offset {offset} of {filename} is {found}, not {record_id}: "
            "the catalogue and the WARC folder disagree (is --warc-dir the crawl's folder?)"
        )
    return record


def read_record_bytes(warc_dir: Path, filename: str, offset: int, length: int) -> bytes:
    """The stored bytes of one whole record (one gzip member in a .warc.gz), exactly."""
    if offset < 0 or length <= 0:
        raise WarcReadError(f"no record at offset {offset}, length {length} of {filename}")
    try:
        with warc_file_for(warc_dir, filename).open("rb") as stream:
            # A length past the file's end is refused before a buffer that size is allocated.
            data = b""
            if offset + length <= os.fstat(stream.fileno()).st_size:
                stream.seek(offset)
                data = stream.read(length)
    except OSError as exc:
        raise WarcReadError(f"cannot read {filename}: {exc.strerror or exc}") from exc
    if len(data) != length:
        raise WarcReadError(f"{filename} ends before offset {offset} + {length}")
    return data
