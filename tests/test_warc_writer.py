"""WARC writing: byte-exact records with an injected clock and ids, read back as served."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import itertools
import random
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archive.records import HttpExchange
from archive.warc.files import RotatingWarcFiles, warc_filename
from archive.warc.reader import iter_records, read_record_at
from archive.warc.writer import WarcRecordWriter

BODY = b"<html><body><p>Hello, archive.</p></body></html>"


def fixed_clock() -> datetime:
    return datetime(2026, 11, 29, 8, 30, 15, 123456, tzinfo=UTC)


def counting_ids() -> itertools.count[int]:
    return itertools.count(1)


def id_factory():  # type: ignore[no-untyped-def]
    numbers = counting_ids()
    return lambda: f"<urn:uuid:00000000-0000-0000-0000-{next(numbers):012d}>"


def exchange(body: bytes = BODY, headers: tuple[tuple[str, str], ...] = ()) -> HttpExchange:
    return HttpExchange(
        url="http://127.0.0.1:8000/news/1.html?x=1",
        method="GET",
        request_headers=(("User-Agent", "morgue-test"), ("Accept-Encoding", "gzip")),
        request_body=b"",
        protocol="HTTP/1.1",
        status=200,
        reason="OK",
        response_headers=headers or (("Content-Type", "text/html; charset=utf-8"),),
        body=body,
    )


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def test_records_are_byte_exact_with_injected_clock_and_ids() -> None:
    stream = io.BytesIO()
    writer = WarcRecordWriter(stream, "t.warc.gz", clock=fixed_clock, make_record_id=id_factory())
    info = writer.write_warcinfo({"software": "morgue-test"})
    archived = writer.write_exchange(exchange(), info.record_id)

    raw = gzip.decompress(stream.getvalue())
    http_head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    request_head = (
        b"GET /news/1.html?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n"
        b"User-Agent: morgue-test\r\nAccept-Encoding: gzip\r\n\r\n"
    )
    expected = (
        b"WARC/1.1\r\n"
        b"WARC-Type: warcinfo\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        b"WARC-Filename: t.warc.gz\r\n"
        b"WARC-Date: 2026-11-29T08:30:15.123456Z\r\n"
        b"WARC-Block-Digest: " + sha1_b32(b"software: morgue-test\r\n").encode() + b"\r\n"
        b"Content-Type: application/warc-fields\r\n"
        b"Content-Length: 23\r\n\r\n"
        b"software: morgue-test\r\n\r\n\r\n"
        b"WARC/1.1\r\n"
        b"WARC-Date: 2026-11-29T08:30:15.123456Z\r\n"
        b"WARC-Warcinfo-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000002>\r\n"
        b"WARC-Type: response\r\n"
        b"WARC-Target-URI: http://127.0.0.1:8000/news/1.html?x=1\r\n"
        b"WARC-Payload-Digest: " + sha1_b32(BODY).encode() + b"\r\n"
        b"WARC-Block-Digest: " + sha1_b32(http_head + BODY).encode() + b"\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(http_head) + len(BODY)).encode() + b"\r\n\r\n"
        + http_head + BODY + b"\r\n\r\n"
        b"WARC/1.1\r\n"
        b"WARC-Date: 2026-11-29T08:30:15.123456Z\r\n"
        b"WARC-Warcinfo-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000003>\r\n"
        b"WARC-Concurrent-To: <urn:uuid:00000000-0000-0000-0000-000000000002>\r\n"
        b"WARC-Type: request\r\n"
        b"WARC-Target-URI: http://127.0.0.1:8000/news/1.html?x=1\r\n"
        b"WARC-Payload-Digest: " + sha1_b32(b"").encode() + b"\r\n"
        b"WARC-Block-Digest: " + sha1_b32(request_head).encode() + b"\r\n"
        b"Content-Type: application/http; msgtype=request\r\n"
        b"Content-Length: " + str(len(request_head)).encode() + b"\r\n\r\n"
        + request_head + b"\r\n\r\n"
    )  # fmt: skip
    assert raw == expected
    assert archived.payload_digest == sha1_b32(BODY)
    assert archived.warc_date == "2026-11-29T08:30:15.123456Z"


def test_each_record_is_its_own_gzip_member_at_the_reported_offset() -> None:
    stream = io.BytesIO()
    writer = WarcRecordWriter(stream, "t.warc.gz", clock=fixed_clock, make_record_id=id_factory())
    info = writer.write_warcinfo({"software": "x"})
    archived = writer.write_exchange(exchange())
    data = stream.getvalue()
    assert info.offset == 0
    assert archived.response.offset == info.length
    assert archived.request.offset == archived.response.offset + archived.response.length
    assert archived.request.offset + archived.request.length == len(data)
    member = data[archived.response.offset : archived.request.offset]
    assert gzip.decompress(member).startswith(b"WARC/1.1\r\n")


def test_response_read_back_by_offset_holds_the_exact_plain_body() -> None:
    stream = io.BytesIO()
    writer = WarcRecordWriter(stream, "t.warc.gz")
    writer.write_warcinfo({"software": "x"})
    archived = writer.write_exchange(exchange())
    record = read_record_at(stream, archived.response.offset)
    assert record.record_type == "response"
    assert record.payload == BODY
    assert record.http_status == 200
    assert record.warc_header("WARC-Record-ID") == archived.response.record_id


def test_gzip_encoded_body_is_stored_still_encoded_without_transfer_encoding() -> None:
    served = gzip.compress(BODY * 50, mtime=0)
    headers = (
        ("Content-Type", "text/html"),
        ("Content-Encoding", "gzip"),
        ("Transfer-Encoding", "chunked"),
    )
    stream = io.BytesIO()
    writer = WarcRecordWriter(stream, "t.warc.gz")
    archived = writer.write_exchange(exchange(served, headers))
    record = read_record_at(stream, archived.response.offset)
    assert record.payload == served
    assert record.http_header("Content-Encoding") == "gzip"
    assert record.http_header("Transfer-Encoding") is None
    assert archived.payload_digest == sha1_b32(served)


def test_file_names_follow_the_contract() -> None:
    moment = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    name = warc_filename("morgue", moment, 7, "crawler-1.example", 4242)
    assert name == "morgue-20260102030405678-00007-crawler-1.example-4242.warc.gz"
    assert warc_filename("a/../b", moment, 1, "../../etc", 1).count("/") == 0


@pytest.mark.integration
def test_files_rotate_at_the_size_limit_and_lose_open_suffix_when_closed(tmp_path: Path) -> None:
    ticks = itertools.count()
    start = datetime(2026, 11, 29, tzinfo=UTC)
    files = RotatingWarcFiles(
        tmp_path,
        max_size=2_000,
        warcinfo={"software": "morgue-test"},
        clock=lambda: start + timedelta(milliseconds=next(ticks)),
        host="testhost",
        pid=99,
    )
    body = random.Random(1).randbytes(3_000)  # incompressible: each exchange fills a file
    locations = [files.write_exchange(exchange(body)).response for _ in range(4)]
    assert files.current_path is not None
    assert files.current_path.name.endswith(".warc.gz.open")
    files.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 4
    assert all(re.fullmatch(r"morgue-\d{17}-\d{5}-testhost-99\.warc\.gz", n) for n in names)
    for location in locations:
        with (tmp_path / location.filename).open("rb") as handle:
            assert read_record_at(handle, location.offset).payload == body
    for name in names:
        with (tmp_path / name).open("rb") as handle:
            types = [r.record_type for r in iter_records(handle)]
        assert types == ["warcinfo", "response", "request"]
    check = subprocess.run(
        [str(Path(sys.executable).parent / "warcio"), "check", *(str(tmp_path / n) for n in names)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
