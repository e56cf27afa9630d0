"""`morgue extract` reads what `morgue show --body` writes, and extracts from the archive."""

from __future__ import annotations

import gzip
import json
import subprocess
import zlib
from pathlib import Path
from typing import Any

import brotli
import pytest

from archive.warc.sniffing import decode_saved_body, sniff_content_encoding
from tests.conftest import SEED_DIR, crawl_seed, morgue_executable, run_morgue

SEED_PAGE = (SEED_DIR / "page.html").read_bytes()

ENCODED = {
    "gzip": gzip.compress(SEED_PAGE),
    "deflate": zlib.compress(SEED_PAGE),
    "br": brotli.compress(SEED_PAGE),
}


@pytest.mark.parametrize("coding", sorted(ENCODED))
def test_a_compressed_body_is_told_from_its_bytes(coding: str) -> None:
    assert sniff_content_encoding(ENCODED[coding]) == coding
    assert decode_saved_body(ENCODED[coding]) == SEED_PAGE


@pytest.mark.parametrize(
    "body",
    [
        SEED_PAGE,
        "<html><body>café, naïve</body></html>".encode("cp1252"),
        b"x\x9c looks like a zlib header but is text",
        b"",
    ],
)
def test_text_is_left_as_it_is(body: bytes) -> None:
    assert sniff_content_encoding(body) is None
    assert decode_saved_body(body) == body


def test_raw_deflate_is_decoded_when_named() -> None:
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw = compressor.compress(SEED_PAGE) + compressor.flush()
    assert decode_saved_body(raw, "deflate") == SEED_PAGE


@pytest.mark.integration
def test_extract_reads_what_show_body_wrote(tmp_path: Path, seed_expected: dict[str, Any]) -> None:
    url = crawl_seed(tmp_path)
    shown = run_morgue("show", url, "--headers", cwd=tmp_path)
    assert "Content-Encoding: gzip" in shown.stdout  # the site sends gzip: the body is kept so
    saved = tmp_path / "p.html"
    with saved.open("wb") as out:  # as `morgue show URL --body > p.html` does
        subprocess.run(
            [morgue_executable(), "show", url, "--body"], cwd=tmp_path, stdout=out, check=True
        )
    assert saved.read_bytes().startswith(b"\x1f\x8b")
    result = run_morgue("extract", str(saved), "--url", url, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == seed_expected["title"]
    wrong = run_morgue("extract", str(saved), "--content-encoding", "br", cwd=tmp_path)
    assert wrong.returncode == 2
    assert "can't be decoded as br" in wrong.stderr


@pytest.mark.integration
@pytest.mark.parametrize("coding", ["deflate", "br"])
def test_extract_decodes_deflate_and_brotli_files(
    tmp_path: Path, coding: str, seed_expected: dict[str, Any]
) -> None:
    saved = tmp_path / f"page.{coding}"
    saved.write_bytes(ENCODED[coding])
    sniffed = run_morgue("extract", str(saved), cwd=tmp_path)
    named = run_morgue("extract", str(saved), "--content-encoding", coding, cwd=tmp_path)
    for result in (sniffed, named):
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["title"] == seed_expected["title"]


@pytest.mark.integration
def test_extract_capture_reads_the_archive(tmp_path: Path, seed_expected: dict[str, Any]) -> None:
    url = crawl_seed(tmp_path)
    result = run_morgue("extract", "--capture", url, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["title"] == seed_expected["title"]
    assert len(article["captions"]) == 4
    missing = run_morgue("extract", "--capture", url + "?nope", cwd=tmp_path)
    assert missing.returncode == 1
    assert "no archived capture" in missing.stderr
    neither = run_morgue("extract", cwd=tmp_path)
    assert neither.returncode == 2
