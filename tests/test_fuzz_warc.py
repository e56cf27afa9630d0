"""Fuzzing the WARC reader, recovery and body decoding on mutated real WARC files: nothing but
the documented errors escapes, each file is read in bounded time, and what recovery keeps of a
damaged `.open` file is a valid WARC."""

from __future__ import annotations

import gzip
import io
import re
import zlib
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.errors import WarcReadError
from archive.records import HttpExchange, PriorRecord
from archive.warc.encoding import UndecodableBodyError, decode_body
from archive.warc.files import RotatingWarcFiles
from archive.warc.reader import (
    StoredRecord,
    UnreadableRecord,
    iter_records,
    iter_records_tolerant,
    read_record_at,
)
from archive.warc.recovery import complete_length, recover_open_files
from tests.conftest import SEED_DIR
from tests.fuzzing import FUZZ_SETTINGS, MEMORY_GROWTH, mutated, peak_rss, timed
from tests.test_crash_safety import warcio_check

# A failing example may be a whole page: let Hypothesis print it without warning.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")


def sample_warc() -> tuple[bytes, list[int]]:
    """A WARC file as the crawl writes it (gzip body, plain body, revisit, failure metadata)
    and the offsets of its records."""
    moments = (datetime(2026, 11, 29, tzinfo=UTC) + timedelta(seconds=n) for n in count())
    ids = (f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>" for n in count())
    stream = io.BytesIO()
    html = (SEED_DIR / "page.html").read_bytes()
    with _files_writing_to(stream, moments, ids) as files:
        first = files.write_exchange(_exchange("http://127.0.0.1/a.html", gzip.compress(html)))
        files.write_exchange(_exchange("http://127.0.0.1/b.html", b"<p>short</p>", plain=True))
        files.write_exchange(
            _exchange("http://127.0.0.1/a.html", gzip.compress(html)),
            PriorRecord(
                first.response.record_id, "http://127.0.0.1/a.html", first.warc_date,
                first.payload_digest,
            ),
        )  # fmt: skip
        files.write_metadata("http://127.0.0.1/c.html", [("fetch-error", "TimeoutError")])
    data = stream.getvalue()
    return data, [r.offset for r in iter_records(io.BytesIO(data))]


class _files_writing_to:  # noqa: N801 - a context manager used like a function
    """RotatingWarcFiles writing into a memory stream instead of a folder."""

    def __init__(self, stream: io.BytesIO, moments: object, ids: object) -> None:
        self.stream = stream
        self.files = RotatingWarcFiles(
            Path("/nonexistent"),
            warcinfo={"software": "fuzz"},
            clock=lambda: next(moments),  # type: ignore[call-overload]
            make_record_id=lambda: next(ids),  # type: ignore[call-overload]
            host="fuzz",
            pid=1,
        )
        self.files._open_next = self._open_next  # type: ignore[method-assign]

    def _open_next(self) -> None:
        from archive.warc.writer import WarcRecordWriter

        files = self.files
        writer = WarcRecordWriter(
            self.stream, "fuzz.warc.gz", clock=files.clock, make_record_id=files.make_record_id
        )
        files._stream, files._writer, files._path = self.stream, writer, Path("fuzz.warc.gz")
        files._warcinfo_id = writer.write_warcinfo(files.warcinfo).record_id

    def __enter__(self) -> RotatingWarcFiles:
        return self.files

    def __exit__(self, *exc: object) -> None:
        return None


def _exchange(url: str, body: bytes, plain: bool = False) -> HttpExchange:
    headers = [("Content-Type", "text/html; charset=utf-8")]
    if not plain:
        headers.append(("Content-Encoding", "gzip"))
    return HttpExchange(url, "GET", (("User-Agent", "fuzz"),), b"", "HTTP/1.1", 200, "OK",
                        tuple(headers), body)  # fmt: skip


WARC, OFFSETS = sample_warc()


def _members(data: bytes) -> list[bytes]:
    """The gzip member of each record."""
    ends = [*OFFSETS[1:], len(data)]
    return [data[start:end] for start, end in zip(OFFSETS, ends, strict=True)]


@st.composite
def header_mutated(draw: st.DrawFn) -> bytes:
    """The sample with one record's headers edited inside its gzip member, so the WARC and
    HTTP header parsers are fuzzed rather than gzip's checksum."""
    members = _members(WARC)
    which = draw(st.integers(0, len(members) - 1))
    text = gzip.decompress(members[which])
    edits = [
        (rb"Content-Length: \d+", [b"Content-Length: -5", b"Content-Length: 99999999999",
                                   b"Content-Length: x", b"Content-Length: 0", b""]),
        (rb"WARC/1.1", [b"WARC/9.9", b"HTTP/1.1", b"", b"WARC/1.1\r\nWARC/1.1"]),
        (rb"WARC-Type: \w+", [b"WARC-Type: ", b"WARC-Type: response\r\nWARC-Type: revisit",
                              b"WARC-Type: \xff\xfe"]),
        (rb"HTTP/1.1 200 OK", [b"HTTP/1.1 abc", b"HTTP/1.1", b"", b"\x00" * 20, b"200"]),
        (rb"WARC-Target-URI: [^\r]*", [b"WARC-Target-URI: ", b"WARC-Target-URI: \x00"]),
        (rb"\r\n\r\n", [b"\n\n", b"\r\n", b"", b"\r\n\r\n\r\n\r\n"]),
        # (a digest in another algorithm can't be checked, so only sha1 ones are damaged here)
        (rb"WARC-Payload-Digest: [^\r]*", [b"WARC-Payload-Digest: sha1:AAAA",
                                          b"WARC-Payload-Digest: sha1:"]),
    ]  # fmt: skip
    pattern, replacements = draw(st.sampled_from(edits))
    replacement = draw(st.sampled_from(replacements)).replace(b"\\", b"\\\\")
    text = re.sub(pattern, replacement, text, count=1)
    members[which] = gzip.compress(text, mtime=0)
    return b"".join(members)


WARCS = st.one_of(mutated([WARC], max_ops=4), header_mutated())


@pytest.fixture(scope="module", autouse=True)
def memory_is_bounded() -> object:
    before = peak_rss()
    yield
    grown = peak_rss() - before
    assert grown < MEMORY_GROWTH, f"peak memory grew by {grown // 2**20} MB"


def test_the_sample_is_a_valid_warc(tmp_path: Path) -> None:
    path = tmp_path / "sample.warc.gz"
    path.write_bytes(WARC)
    assert warcio_check([path]) == ""
    kinds = [r.record_type for r in iter_records(io.BytesIO(WARC))]
    assert kinds == ["warcinfo"] + ["response", "request"] * 2 + ["revisit", "request"] + [
        "metadata"
    ]


def _read_all(data: bytes) -> list[StoredRecord | UnreadableRecord]:
    return list(iter_records_tolerant(io.BytesIO(data)))


@FUZZ_SETTINGS
@given(WARCS)
def test_tolerant_reading_never_raises_and_covers_the_file(data: bytes) -> None:
    items = timed(_read_all, data)
    offsets = [item.offset for item in items]
    assert offsets == sorted(offsets)
    assert all(0 <= offset <= len(data) for offset in offsets)


@FUZZ_SETTINGS
@given(WARCS, st.data())
def test_reading_by_offset_raises_only_warc_read_error(data: bytes, choice: st.DataObject) -> None:
    offset = choice.draw(st.sampled_from([*OFFSETS, 0, 1, len(data), len(data) + 10]))
    try:
        record = timed(read_record_at, io.BytesIO(data), offset)
    except WarcReadError:
        return
    assert record.offset == offset


@FUZZ_SETTINGS
@given(WARCS)
def test_recovery_keeps_a_valid_prefix_of_a_damaged_open_file(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        name = "morgue-20261129000000000-00001-fuzz-1.warc.gz.open"
        (directory / name).write_bytes(data)
        whole = timed(complete_length, directory / name)
        assert 0 <= whole <= len(data)
        finished = recover_open_files(directory, host="fuzz", alive=lambda pid: False)
        assert not list(directory.glob("*.open"))
        if whole == 0:
            assert finished == []
            return
        (path,) = finished
        assert path.read_bytes() == data[:whole]
        assert list(iter_records(io.BytesIO(data[:whole])))  # strict reading works
        assert warcio_check([path]) == ""


@FUZZ_SETTINGS
@given(
    mutated([gzip.compress(b"<p>hello</p>" * 100), zlib.compress(b"x" * 5000), b"plain"]),
    st.sampled_from(["gzip", "deflate", "br", "x-gzip", "gzip, br", "identity", "zstd", ""]),
)
def test_decoding_a_body_raises_only_undecodable_body_error(body: bytes, coding: str) -> None:
    try:
        decoded = timed(decode_body, body, coding, 1_000_000)
    except UndecodableBodyError:
        return
    assert len(decoded) <= 1_000_000 or not coding


def test_a_decompression_bomb_is_refused_in_bounded_memory() -> None:
    from tests.fault_server import gzip_bomb

    before = peak_rss()
    with pytest.raises(UndecodableBodyError, match="exceeds"):
        decode_body(gzip_bomb(), "gzip")
    assert peak_rss() - before < 200 * 1024 * 1024


def test_records_after_a_damaged_one_keep_their_true_offsets() -> None:
    """Found by the fuzzer: after skipping damage, offsets were counted twice from the resume
    point, so a rebuild pointed every later capture at the wrong place."""
    members = _members(WARC)
    text = gzip.decompress(members[1]).replace(b"Content-Length: ", b"Content-Length: 9", 1)
    damaged = b"".join([members[0], gzip.compress(text, mtime=0), *members[2:]])
    shift = len(damaged) - len(WARC)
    items = _read_all(damaged)
    good = [i.offset for i in items if isinstance(i, StoredRecord)]
    assert good[0] == 0
    assert good[-3:] == [o + shift for o in OFFSETS[-3:]]
    for offset in good:
        assert read_record_at(io.BytesIO(damaged), offset).offset == offset


@pytest.mark.parametrize("name", ["warc-negative-length.bin", "warc-fuzz-timeout-2.bin"])
def test_inputs_that_once_hung_the_tolerant_reader_end_quickly(name: str) -> None:
    """Tried: two inputs atheris found, where warcio reported a record of negative length and
    the reader resumed behind where it started, forever."""
    data = (Path(__file__).parent / "fixtures" / "faults" / name).read_bytes()
    items = []
    for item in iter_records_tolerant(io.BytesIO(data)):
        items.append(item)
        assert len(items) < 1000, "the reader is not moving forward"
    offsets = [i.offset for i in items if isinstance(i, StoredRecord)]
    assert offsets == sorted(set(offsets))
