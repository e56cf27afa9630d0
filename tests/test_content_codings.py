"""Every content coding a server may send: archived as sent, checked, decoded alike by the crawl
and every reader, and bounded in memory (a 1 GiB brotli bomb stays under 300 MB everywhere)."""

from __future__ import annotations

import gzip
import os
import sqlite3
import subprocess
import sys
import time
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import brotli

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd
import pytest

from archive.warc.encoding import MAX_DECODED_SIZE, UndecodableBodyError, decode_body
from archive.warc.reader import read_record_at
from tests.coding_server import CODINGS, PARAGRAPHS, article_page, brotli_bomb, serve_codings
from tests.conftest import LOCAL_CRAWL, free_port, morgue_executable, run_morgue
from tests.peak_memory import launcher, peak_mib
from tests.test_rebuild import COMPARED_TABLES, table_rows
from tests.test_serve import http

PAGE = article_page("decoders")
LAST_PARAGRAPH = PARAGRAPHS[-1]
# Peak resident memory allowed to any one process reading a 1 GiB bomb (the limit is 50 MiB).
MAX_PEAK_MIB = 300
NO_PROXIES = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
EXCEEDS = f"decoded body exceeds {MAX_DECODED_SIZE} bytes"


@pytest.mark.parametrize("name", sorted(set(CODINGS) - {"unknown"}))
def test_each_coding_decodes_to_the_whole_page(name: str) -> None:
    coding, encode = CODINGS[name]
    assert decode_body(encode(PAGE), coding) == PAGE


def test_several_zstd_frames_and_identity_decode_whole() -> None:
    assert decode_body(zstd.compress(PAGE[:100]) + zstd.compress(PAGE[100:]), "zstd") == PAGE
    assert decode_body(gzip.compress(PAGE), "identity, gzip") == PAGE


def test_an_unknown_or_broken_coding_is_named_in_the_error() -> None:
    with pytest.raises(UndecodableBodyError, match="unsupported Content-Encoding 'x-bogus'"):
        decode_body(PAGE, "gzip, x-bogus")
    with pytest.raises(UndecodableBodyError, match="invalid zstd body"):
        decode_body(PAGE, "zstd")
    with pytest.raises(UndecodableBodyError, match="invalid gzip body"):
        decode_body(PAGE, "gzip")


def _deflated(data: bytes, wbits: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return compressor.compress(data) + compressor.flush()


BOMBS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": lambda zeros: _deflated(zeros, zlib.MAX_WBITS | 16) * 2,  # two members
    "deflate": lambda zeros: _deflated(zeros, -zlib.MAX_WBITS),
    "br": lambda zeros: brotli.compress(zeros, quality=1),
    "zstd": zstd.compress,
}


@pytest.mark.parametrize("coding", sorted(BOMBS))
def test_every_decoder_stops_at_the_limit_in_bounded_memory(coding: str) -> None:
    bomb = BOMBS[coding](bytes(64 * 2**20))
    limit = 2**20
    tracemalloc.start()
    try:
        with pytest.raises(UndecodableBodyError, match=f"exceeds {limit} bytes"):
            decode_body(bomb, coding, limit)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * limit  # not the 64 MiB the bomb holds


def rows(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def warcio_check(warc_dir: Path) -> subprocess.CompletedProcess[str]:
    warcio = str(Path(sys.executable).parent / "warcio")
    files = sorted(map(str, warc_dir.glob("*.warc.gz")))
    return subprocess.run([warcio, "check", *files], capture_output=True, text=True, check=False)


def assert_rebuild_agrees(work: Path, *extra: str) -> None:
    result = run_morgue("rebuild", "--warc-dir", "warc", "--db", "rebuilt.db", *extra, cwd=work)
    assert result.returncode == 0, result.stderr[-3000:]
    for table in COMPARED_TABLES:
        assert table_rows(work / "rebuilt.db", table) == table_rows(work / "morgue.db", table)


@pytest.mark.integration
def test_every_coding_is_archived_as_sent_and_read_alike_by_crawl_and_rebuild(
    tmp_path: Path,
) -> None:
    with serve_codings() as base:
        result = run_morgue("crawl", base + "/", "--depth", "1", *LOCAL_CRAWL, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    db = tmp_path / "morgue.db"
    for name, (coding, encode) in CODINGS.items():
        url = f"{base}/{name}.html"
        ((filename, offset, status, evidence, article_id),) = rows(
            db,
            "SELECT warc_filename, warc_offset, capture_status, status_evidence, article_id "
            "FROM captures WHERE url = ?",
            url,
        )
        with (tmp_path / "warc" / filename).open("rb") as handle:
            record = read_record_at(handle, offset)
        assert record.payload == encode(article_page(name)), name
        assert record.content_encoding == coding
        if name == "unknown":
            assert (status, evidence, article_id) == (
                "undecodable",
                "unsupported Content-Encoding 'x-bogus'",
                None,
            )
            continue
        assert status == "ok", name
        ((body,),) = rows(db, "SELECT body FROM articles WHERE id = ?", article_id)
        assert LAST_PARAGRAPH in body, name  # the second gzip member, the last zstd bytes
    check = warcio_check(tmp_path / "warc")
    assert check.returncode == 0, check.stdout + check.stderr
    wacz = run_morgue("export-wacz", "-o", "codings.wacz", cwd=tmp_path)
    assert wacz.returncode == 0, wacz.stderr
    assert_rebuild_agrees(tmp_path)


def run_measured(
    work: Path, name: str, *args: str
) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run the morgue CLI under the peak-memory launcher; the result and its peak in MiB."""
    out = work / f"peak-{name}"
    result = subprocess.run(
        launcher(out, [morgue_executable(), *args]),
        cwd=work,
        env=NO_PROXIES,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return result, peak_mib(out)


def serve_measured(work: Path, path: str) -> tuple[int, bytes, float]:
    """Ask `morgue serve` (under the launcher) for `path`; status, body and the server's peak."""
    out, port = work / "peak-serve", free_port()
    command = [morgue_executable(), "serve", "--db", "morgue.db", "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    with (work / "serve.log").open("wb") as log:
        process = subprocess.Popen(
            launcher(out, command), cwd=work, env=NO_PROXIES, stdout=log, stderr=log
        )
    try:
        deadline = time.monotonic() + 60
        while not _answers(base + "/-/versions.json"):
            assert process.poll() is None, (work / "serve.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "morgue serve did not answer in time"
            time.sleep(0.2)  # polling the server, not waiting for a fixed time
        status, _, body = http(base + path)
    finally:
        process.terminate()
        process.wait(timeout=30)
    return status, body, peak_mib(out)


def _answers(url: str) -> bool:
    try:
        return http(url)[0] == 200
    except OSError:
        return False


@pytest.mark.integration
def test_a_brotli_bomb_stays_bounded_in_crawl_show_rebuild_and_serve(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    bomb = brotli_bomb()
    with serve_codings({"bomb": (bomb, {"Content-Encoding": "br"})}) as base:
        url = base + "/bomb.html"
        crawl, crawl_peak = run_measured(
            tmp_path, "crawl", "crawl", url, "--depth", "0", *LOCAL_CRAWL
        )
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    db = tmp_path / "morgue.db"
    ((capture_id, status, evidence),) = rows(
        db, "SELECT id, capture_status, status_evidence FROM captures WHERE url = ?", url
    )
    assert (status, evidence) == ("undecodable", EXCEEDS)

    show, show_peak = run_measured(tmp_path, "show", "show", url, "--text")
    assert show.returncode != 0
    assert EXCEEDS in show.stderr

    rebuild, rebuild_peak = run_measured(
        tmp_path, "rebuild", "rebuild", "--warc-dir", "warc", "--db", "rebuilt.db"
    )
    assert rebuild.returncode == 0, rebuild.stderr[-3000:]
    for table in COMPARED_TABLES:
        assert table_rows(tmp_path / "rebuilt.db", table) == table_rows(db, table)

    answer, text, serve_peak = serve_measured(tmp_path, f"/-/morgue/capture/{capture_id}/page")
    assert answer == 415
    assert EXCEEDS.encode() in text

    peaks = {"crawl": crawl_peak, "show": show_peak, "rebuild": rebuild_peak, "serve": serve_peak}
    record_property("peak_mib", peaks)
    assert max(peaks.values()) < MAX_PEAK_MIB, peaks
