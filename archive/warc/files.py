"""WARC file lifecycle: contract names, `.open` while writing, rotation at a size, rename on close.

Finished files are never touched again; the open one is readable up to its last complete record
because every record is flushed as its own gzip member.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from archive.errors import StorageError
from archive.records import ArchivedExchange, HttpExchange, PriorRecord, RecordLocation
from archive.timestamps import utc_now
from archive.warc.writer import (
    DEFAULT_GZIP_LEVEL,
    Clock,
    RecordIdFactory,
    WarcRecordWriter,
    new_record_id,
)

OPEN_SUFFIX = ".open"
DEFAULT_PREFIX = "morgue"
DEFAULT_MAX_SIZE = 1_000_000_000
_UNSAFE_NAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name_part(text: str) -> str:
    """A file-name fragment that cannot name another folder."""
    cleaned = _UNSAFE_NAME_CHARS.sub("_", text).strip("._")
    return cleaned or "unknown"


def warc_filename(prefix: str, moment: datetime, serial: int, host: str, pid: int) -> str:
    """`{prefix}-{17-digit UTC timestamp}-{serial:05d}-{host}-{pid}.warc.gz` as in the contract."""
    utc = moment.astimezone(UTC)
    stamp = utc.strftime("%Y%m%d%H%M%S") + f"{utc.microsecond // 1000:03d}"
    return f"{safe_name_part(prefix)}-{stamp}-{serial:05d}-{safe_name_part(host)}-{pid}.warc.gz"


class RotatingWarcFiles:
    """Writes records into a series of WARC files in `directory`, one open at a time."""

    def __init__(
        self,
        directory: Path,
        *,
        prefix: str = DEFAULT_PREFIX,
        max_size: int = DEFAULT_MAX_SIZE,
        warcinfo: Mapping[str, str] | None = None,
        on_closed: Callable[[Path], None] | None = None,
        clock: Clock = utc_now,
        make_record_id: RecordIdFactory = new_record_id,
        host: str | None = None,
        pid: int | None = None,
        gzip_level: int = DEFAULT_GZIP_LEVEL,
    ) -> None:
        self.directory = directory
        self.prefix = prefix
        self.max_size = max_size
        self.warcinfo = dict(warcinfo or {})
        self.on_closed = on_closed
        self.clock = clock
        self.make_record_id = make_record_id
        self.host = host or socket.gethostname()
        self.pid = pid if pid is not None else os.getpid()
        self.gzip_level = gzip_level
        self.closed_files: list[Path] = []
        self._serial = 0
        self._stream: BinaryIO | None = None
        self._writer: WarcRecordWriter | None = None
        self._warcinfo_id: str | None = None
        self._path: Path | None = None

    @property
    def current_path(self) -> Path | None:
        """The `.open` file being written, if any."""
        return self._path

    def write_exchange(
        self,
        exchange: HttpExchange,
        revisit_of: PriorRecord | None = None,
        extra_headers: Mapping[str, str] | None = None,
        digest: str | None = None,
    ) -> ArchivedExchange:
        """Archive one request/response pair (or revisit), rotating first if the file is full;
        `digest`: the body's payload digest, if known."""
        writer = self._writer_with_room()
        start = self._position()
        try:
            result = writer.write_exchange(
                exchange, self._warcinfo_id, revisit_of, extra_headers, digest
            )
            self._flush()
        except OSError as exc:
            raise self._write_failed(start, exc) from exc
        return result

    def write_metadata(
        self,
        target_uri: str,
        fields: list[tuple[str, str]],
        refers_to: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> tuple[RecordLocation, str]:
        """Archive a metadata record (and return it with its WARC-Date)."""
        writer = self._writer_with_room()
        start = self._position()
        try:
            result = writer.write_metadata(
                target_uri, fields, refers_to, self._warcinfo_id, extra_headers
            )
            self._flush()
        except OSError as exc:
            raise self._write_failed(start, exc) from exc
        return result

    def close(self) -> None:
        """Finish the open file: flush, fsync, drop the `.open` suffix."""
        if self._stream is None or self._path is None:
            return
        stream, path = self._stream, self._path
        self._stream = self._writer = self._path = None
        try:
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()
            final = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
            path.rename(final)
        except OSError as exc:
            raise StorageError(f"could not finish WARC file {path}: {exc}") from exc
        self.closed_files.append(final)
        if self.on_closed:
            self.on_closed(final)

    def _writer_with_room(self) -> WarcRecordWriter:
        if self._stream is not None and self._stream.tell() >= self.max_size:
            self.close()
        if self._writer is None:
            self._open_next()
        assert self._writer is not None
        return self._writer

    def _open_next(self) -> None:
        self._serial += 1
        name = warc_filename(self.prefix, self.clock(), self._serial, self.host, self.pid)
        path = self.directory / (name + OPEN_SUFFIX)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            stream = path.open("xb")
        except OSError as exc:
            raise StorageError(f"could not create WARC file {path}: {exc}") from exc
        writer = WarcRecordWriter(
            stream,
            name,
            clock=self.clock,
            make_record_id=self.make_record_id,
            gzip_level=self.gzip_level,
        )
        self._stream, self._writer, self._path = stream, writer, path
        try:
            self._warcinfo_id = writer.write_warcinfo(self.warcinfo).record_id
            self._flush()
        except OSError as exc:
            raise self._write_failed(0, exc) from exc

    def _flush(self) -> None:
        assert self._stream is not None
        self._stream.flush()

    def _position(self) -> int:
        assert self._stream is not None
        return self._stream.tell()

    def _write_failed(self, whole: int, exc: OSError) -> StorageError:
        """After a failed write (disk full, file too large): cut the file back to its last
        whole record and finish it, so it stays a valid WARC; a file with no record is removed.
        If even that fails, the `.open` file is left for recovery at the next start."""
        stream, path = self._stream, self._path
        assert stream is not None
        assert path is not None
        self._stream = self._writer = self._path = None
        error = StorageError(
            f"could not write WARC record to {path.name}: {exc}. Free space in "
            f"{self.directory} (or check it is writable) and run again"
        )
        with contextlib.suppress(OSError):
            stream.close()  # may fail again, flushing what its buffer still holds
        try:
            if whole == 0:
                path.unlink()
                return error
            os.truncate(path, whole)
            final = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
            path.rename(final)
        except OSError:
            return error
        self.closed_files.append(final)
        if self.on_closed:
            self.on_closed(final)
        return error
