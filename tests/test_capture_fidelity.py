"""What the WARC keeps of a real HTTP exchange: body bytes as sent, chunked framing removed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from archive.warc.reader import read_record_at
from crawler.site_server import serving
from tests.conftest import LOCAL_CRAWL, run_morgue

pytestmark = pytest.mark.integration

# Latin-1 bytes that are not valid UTF-8, sent in three chunks: the archive must keep them as-is.
CHUNKS = [b"<html><body><p>Caf\xe9 ", b"cr\xe8me ", b"br\xfbl\xe9e</p></body></html>"]


class ChunkedHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        if self.path != "/chunked.html":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=iso-8859-1")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("X-Archive-Test", "kept")
        self.end_headers()
        for chunk in CHUNKS:
            self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def chunked_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), ChunkedHandler)
    with serving(server, "chunked"):
        yield f"http://127.0.0.1:{server.server_address[1]}"


def test_chunked_plain_body_is_archived_dechunked_byte_for_byte(
    tmp_path: Path, chunked_server: str
) -> None:
    url = chunked_server + "/chunked.html"
    result = run_morgue("crawl", url, "--depth", "0", *LOCAL_CRAWL, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    with sqlite3.connect(tmp_path / "morgue.db") as conn:
        filename, offset = conn.execute(
            "SELECT warc_filename, warc_offset FROM captures WHERE url = ?", (url,)
        ).fetchone()
    with (tmp_path / "warc" / filename).open("rb") as handle:
        record = read_record_at(handle, offset)
    assert record.payload == b"".join(CHUNKS)
    assert record.http_header("Transfer-Encoding") is None
    assert record.http_header("X-Archive-Test") == "kept"
    assert record.http_header("Content-Type") == "text/html; charset=iso-8859-1"
