"""The tolerant reader's one-pass path over gzip-per-record files: the records warcio reads,
and every kind of damage still reported, each as one unreadable record, the rest read on."""

from __future__ import annotations

import gzip
import io
import re

from archive.warc.reader import StoredRecord, UnreadableRecord, iter_records, iter_records_tolerant
from tests.test_fuzz_warc import WARC, _members


def _read(data: bytes) -> list[StoredRecord | UnreadableRecord]:
    return list(iter_records_tolerant(io.BytesIO(data)))


def _edited(which: int, pattern: bytes, replacement: bytes) -> bytes:
    """The sample with one record's text edited and its gzip member rebuilt (so gzip's own
    checksum holds, and only what the record says about itself can tell)."""
    members = _members(WARC)
    text, found = re.subn(pattern, replacement, gzip.decompress(members[which]), count=1)
    assert found == 1
    members[which] = gzip.compress(text, mtime=0)
    return b"".join(members)


def _kinds(items: list[StoredRecord | UnreadableRecord]) -> list[str]:
    return [i.record_type if isinstance(i, StoredRecord) else "damaged" for i in items]


def test_an_undamaged_file_reads_as_warcio_reads_it() -> None:
    assert _read(WARC) == list(iter_records(io.BytesIO(WARC)))


def test_a_file_gzipped_as_one_stream_is_one_damaged_stretch() -> None:
    """Not a WARC file a replay tool can seek in (warcio refuses it too)."""
    plain = b"".join(gzip.decompress(member) for member in _members(WARC))
    assert _kinds(_read(gzip.compress(plain, mtime=0))) == ["damaged"]


def test_an_uncompressed_file_gives_the_same_records() -> None:
    plain = b"".join(gzip.decompress(member) for member in _members(WARC))
    records = [i for i in _read(plain) if isinstance(i, StoredRecord)]
    assert [(r.warc_headers, r.http_headers, r.payload) for r in records] == [
        (r.warc_headers, r.http_headers, r.payload) for r in iter_records(io.BytesIO(WARC))
    ]


def test_a_payload_unlike_its_digest_is_damage_and_reading_goes_on() -> None:
    items = _read(_edited(3, rb"short", rb"shirt"))  # the plain page's response
    assert _kinds(items) == ["warcinfo", "response", "request", "damaged", *_kinds(_read(WARC))[4:]]
    damaged = items[3]
    assert isinstance(damaged, UnreadableRecord)
    assert "payload digest" in damaged.reason


def test_a_record_without_payload_digest_is_checked_by_its_block_digest() -> None:
    items = _read(_edited(0, rb"software: fuzz", rb"software: fizz"))  # the warcinfo
    assert _kinds(items) == ["damaged", *_kinds(_read(WARC))[1:]]
    assert "block digest" in items[0].reason  # type: ignore[union-attr]


def test_a_record_longer_than_its_gzip_member_is_damage() -> None:
    items = _read(_edited(3, rb"Content-Length: (\d+)", rb"Content-Length: 9\1"))
    assert _kinds(items)[3] == "damaged"
    assert "shorter than its Content-Length" in items[3].reason  # type: ignore[union-attr]


def test_two_records_in_one_gzip_member_are_damage() -> None:
    members = _members(WARC)
    joined = gzip.compress(gzip.decompress(members[3]) + gzip.decompress(members[4]), mtime=0)
    items = _read(b"".join([*members[:3], joined, *members[5:]]))
    assert _kinds(items) == [*_kinds(_read(WARC))[:3], "damaged", *_kinds(_read(WARC))[5:]]


def test_a_cut_short_last_member_is_damage() -> None:
    items = _read(WARC[:-10])
    assert _kinds(items)[-1] == "damaged"
    assert "cut short" in items[-1].reason  # type: ignore[union-attr]
