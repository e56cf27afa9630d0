"""Reads WARC records back: one by offset (random access, no scan) or all in file order."""

from __future__ import annotations

import io
import os
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecordLoader
from zlib_ng import zlib_ng

from archive.errors import WarcReadError
from archive.warc.files import OPEN_SUFFIX
from archive.warc.writer import payload_digest


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
    http_status_line: str = ""

    def warc_header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.warc_headers if k.lower() == wanted), None)

    def http_header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.http_headers if k.lower() == wanted), None)

    @property
    def content_encoding(self) -> str | None:
        """Every Content-Encoding header line as one value (servers may send several)."""
        values = [v for k, v in self.http_headers if k.lower() == "content-encoding"]
        return ", ".join(values) if values else None


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
        http_status_line=" ".join(p for p in (http.protocol, http.statusline) if p) if http else "",
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
    except (ArchiveLoadFailed, StopIteration, OSError, ValueError, EOFError, zlib.error) as exc:
        raise WarcReadError(f"no readable WARC record at offset {offset}: {exc}") from exc
    except Exception as exc:  # warcio's parser trips on damaged headers in many ways
        raise WarcReadError(f"no readable WARC record at offset {offset}: {exc!r}") from exc
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
    if not filename or Path(filename).name != filename or filename in (".", ".."):
        raise WarcReadError(f"{filename!r} is not a WARC file name")
    for candidate in (warc_dir / filename, warc_dir / (filename + OPEN_SUFFIX)):
        if candidate.exists():
            return candidate
    raise WarcReadError(f"WARC file {filename} is not in {warc_dir}")


@dataclass(frozen=True)
class UnreadableRecord:
    """A stretch of a WARC file that could not be read as a record."""

    offset: int
    reason: str


# zlib-ng's stubs declare its error class as an instance.
_ZLIB_NG_ERROR = cast(type[Exception], zlib_ng.error)
GZIP_MAGIC = b"\x1f\x8b"
_RECORD_STARTS = (GZIP_MAGIC + b"\x08", b"WARC/1.")
_SCAN_CHUNK = 1 << 20
# Compressed bytes read at a time while decompressing one record's gzip member.
_MEMBER_CHUNK = 1 << 18
_LOADER = ArcWarcRecordLoader()


def iter_records_tolerant(
    stream: BinaryIO, start: int = 0
) -> Iterator[StoredRecord | UnreadableRecord]:
    """Like `iter_records`, but a damaged record is reported and reading resumes at the next;
    from the record at offset `start` on.

    A record compressed as its own gzip member (as morgue writes them) is decompressed once and
    its payload hashed once; anything else is read by warcio from where it starts.
    """
    size = stream.seek(0, 2)
    while start < size:
        if _read_span(stream, start, 2) == GZIP_MAGIC:
            item = _member_record(stream, start)
            yield item
            if isinstance(item, StoredRecord):
                start += item.length
                continue
            resume = _next_record_start(stream, start + 1)
        else:
            resume = yield from _warcio_records(stream, start, size)
        if resume is None:
            return
        start = resume


def _member_record(stream: BinaryIO, offset: int) -> StoredRecord | UnreadableRecord:
    """The record in the gzip member at `offset`, or why it can't be read."""
    member = _decompressed_member(stream, offset)
    if isinstance(member, str):
        return UnreadableRecord(offset, member)
    data, length = member
    try:
        parsed = _parsed_record(data)
    except Exception as exc:  # warcio's parser trips on damaged headers in many ways
        return UnreadableRecord(offset, f"{type(exc).__name__}: {exc}")
    if isinstance(parsed, str):
        return UnreadableRecord(offset, parsed)
    record, payload, block_end = parsed
    stored = _stored(record, offset, length, payload)
    problem = _payload_problem(stored) or _block_problem(record, data, block_end, stored)
    return UnreadableRecord(offset, problem) if problem else stored


def _decompressed_member(stream: BinaryIO, offset: int) -> tuple[bytes, int] | str:
    """The bytes of the gzip member at `offset` (decompressed, its checksum verified) and its
    compressed length; or why it does not decompress cleanly. warcio only prints such errors
    and hands back what it got, so a record damaged inside could otherwise pass for whole."""
    decoder = zlib_ng.decompressobj(zlib_ng.MAX_WBITS | 16)  # twice as fast as zlib here
    parts = []
    position = offset
    try:
        while not decoder.eof:
            chunk = _read_span(stream, position, _MEMBER_CHUNK)
            if not chunk:
                return "damaged record: its gzip member is cut short"
            position += len(chunk)
            parts.append(decoder.decompress(chunk))
    except _ZLIB_NG_ERROR as exc:
        return f"damaged record: its gzip member is corrupt ({exc})"
    length = position - offset - len(decoder.unused_data)
    return (parts[0] if len(parts) == 1 else b"".join(parts)), length


def _parsed_record(data: bytes) -> tuple[Any, bytes, int] | str:
    """warcio's parse of one whole uncompressed record, its payload (read once) and where its
    block ends in `data`; or what is wrong with its framing."""
    buffer = io.BytesIO(data)  # shares `data` until written to: no copy
    record = _LOADER.parse_record_stream(buffer, known_format="warc")
    declared = record.rec_headers.get_header("Content-Length")
    if declared is None or not declared.strip().isdigit():
        return f"damaged record: Content-Length {declared!r} is not a length"
    payload = record.raw_stream.read()
    block_end = buffer.tell()
    if getattr(record.raw_stream, "limit", 0):
        return f"damaged record: shorter than its Content-Length {declared}"
    if data[block_end:].strip(b"\r\n"):
        return "damaged record: more than one record in its gzip member"
    return record, payload, block_end


def _block_problem(record: Any, data: bytes, block_end: int, stored: StoredRecord) -> str | None:
    """Why a record's block is not what its block digest says; not asked when the payload's
    digest was checked (the payload is hashed once; the member's checksum covers the rest)."""
    declared_payload = stored.warc_header("WARC-Payload-Digest") or ""
    if stored.record_type != "revisit" and declared_payload.lower().startswith("sha1:"):
        return None
    declared = stored.warc_header("WARC-Block-Digest")
    if not declared or not declared.lower().startswith("sha1:"):
        return None
    actual = payload_digest(memoryview(data)[block_end - record.length : block_end])
    if declared.upper() != actual.upper():
        return f"damaged record: block digest {actual} differs from {declared}"
    return None


def _warcio_records(
    stream: BinaryIO, start: int, size: int
) -> Generator[StoredRecord | UnreadableRecord, None, int | None]:
    """Records read by warcio from `start` (a file not compressed record by record); returns
    where reading may resume after damage, or None at the end."""
    stream.seek(start)
    iterator = ArchiveIterator(stream, check_digests=True)
    # warcio counts offsets from where the stream stood when it began (its `offset`), so
    # they are already absolute; older versions counted from 0.
    origin = start - int(getattr(iterator, "offset", 0))
    good_end = start  # where the last good record ended: any damage starts there
    problem: str | None = None
    try:
        for record in iterator:
            payload = record.raw_stream.read()
            offset = origin + iterator.get_record_offset()
            iterator.read_to_end(record)
            stored = _stored(record, offset, iterator.get_record_length(), payload)
            if stored.length <= 0 or stored.offset < good_end:
                problem = f"unreadable record framing at offset {stored.offset}"
                break
            problem = (
                _digest_problem(record)
                or _payload_problem(stored)
                or _member_problem(stream, stored.offset, stored.length)
            )
            if problem:
                break
            good_end = offset + stored.length
            yield stored
    except Exception as exc:  # warcio's parser trips on damaged input in many ways
        problem = f"{type(exc).__name__}: {exc}"
    if problem is None and good_end >= size:
        return None
    # warcio ends quietly at a corrupt gzip member: stopping short of the end is damage too
    yield UnreadableRecord(good_end, problem or "unreadable data")
    # always move forward, whatever offsets a damaged stretch made warcio report
    return _next_record_start(stream, max(good_end, start) + 1)


def _member_problem(stream: BinaryIO, offset: int, length: int) -> str | None:
    """Why a record's gzip member does not decompress cleanly; warcio only prints such errors
    and hands back what it got, so a record damaged inside can otherwise pass for whole."""
    span = _read_span(stream, offset, length)
    if span is None or span[:2] != b"\x1f\x8b":
        return None  # not gzip-per-record, or the bytes can't be read without moving the stream
    decoder = zlib_ng.decompressobj(zlib_ng.MAX_WBITS | 16)  # twice as fast as zlib here
    try:
        while span:
            decoder.decompress(span, 1 << 20)
            span = decoder.unconsumed_tail
    except _ZLIB_NG_ERROR as exc:
        return f"damaged record: its gzip member is corrupt ({exc})"
    if not decoder.eof or decoder.unused_data:
        return "damaged record: its gzip member is cut short or overlaps the next"
    return None


def _read_span(stream: BinaryIO, offset: int, length: int) -> bytes | None:
    """Bytes of the stream without moving its position (the iterator reads on from it)."""
    getbuffer = getattr(stream, "getbuffer", None)
    if getbuffer is not None:
        return bytes(getbuffer()[offset : offset + length])
    try:
        return os.pread(stream.fileno(), length, offset)
    except (AttributeError, OSError, ValueError):
        return None


def _digest_problem(record: Any) -> str | None:
    """What warcio found wrong with a record's block or payload digest, once it was read."""
    checker = getattr(record, "digest_checker", None)
    if checker is None or checker.passed is not False:
        return None
    return "damaged record: " + "; ".join(str(p) for p in checker.problems)


def _payload_problem(record: StoredRecord) -> str | None:
    """Why a record's payload is not what its digest says (warcio only warns on bad gzip)."""
    declared = record.warc_header("WARC-Payload-Digest")
    if record.record_type == "revisit":  # the digest is the original's payload
        return None
    if not declared or not declared.lower().startswith("sha1:"):
        return None
    actual = payload_digest(record.payload)
    if declared.upper() != actual.upper():
        return f"damaged record: payload digest {actual} differs from {declared}"
    return None


def _next_record_start(stream: BinaryIO, position: int) -> int | None:
    """Offset of the next gzip member or WARC header at or after `position`."""
    stream.seek(position)
    carry = b""
    base = position
    while chunk := stream.read(_SCAN_CHUNK):
        data = carry + chunk
        hits = [i for i in (data.find(marker) for marker in _RECORD_STARTS) if i >= 0]
        if hits:
            return base + min(hits)
        carry = data[-8:]
        base += len(data) - len(carry)
    return None
