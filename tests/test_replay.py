"""Replay and packaging: CDXJ index, a validated WACZ, and pywb serving a crawled article."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, crawl_seed, free_port, run_morgue

pytestmark = pytest.mark.integration

# pywb pins redis 2.x and brotlipy, which clash with morgue's own dependencies, so `make test`
# installs it in a venv of its own.
PYWB_BIN = REPO / ".venv-pywb" / "bin"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    work = tmp_path_factory.mktemp("replay")
    return work, crawl_seed(work)


def test_cdxj_index_lists_the_article_response(crawled: tuple[Path, str]) -> None:
    work, url = crawled
    result = run_morgue("index", "-o", "index.cdxj", cwd=work)
    assert result.returncode == 0, result.stderr
    lines = (work / "index.cdxj").read_text().splitlines()
    assert lines == sorted(lines)
    entries = [json.loads(line.split(" ", 2)[2]) for line in lines]
    article = [e for e in entries if e.get("url") == url]
    assert len(article) == 1
    assert article[0]["status"] == "200"


def test_wacz_export_is_valid_and_lists_the_articles_as_pages(crawled: tuple[Path, str]) -> None:
    work, url = crawled
    result = run_morgue("export-wacz", "-o", "a.wacz", cwd=work)
    assert result.returncode == 0, result.stderr
    validate = subprocess.run(
        [str(Path(sys.executable).parent / "wacz"), "validate", "-f", str(work / "a.wacz")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert validate.returncode == 0, validate.stdout + validate.stderr
    with zipfile.ZipFile(work / "a.wacz") as wacz:
        pages = [json.loads(line) for line in wacz.read("pages/pages.jsonl").splitlines()]
        assert any(name.startswith("archive/") for name in wacz.namelist())
    assert [p["url"] for p in pages[1:]] == [url]


def test_pywb_replays_the_archived_article_byte_for_byte(
    crawled: tuple[Path, str], tmp_path: Path, seed_html: bytes
) -> None:
    if not (PYWB_BIN / "wayback").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("pywb is not installed in .venv-pywb (make test installs it)")
        pytest.skip("pywb is not installed in .venv-pywb; run `make test` to install it")
    work, url = crawled
    subprocess.run([str(PYWB_BIN / "wb-manager"), "init", "morgue"], cwd=tmp_path, check=True)
    warcs = [str(p) for p in (work / "warc").glob("*.warc.gz")]
    subprocess.run(
        [str(PYWB_BIN / "wb-manager"), "add", "morgue", *warcs], cwd=tmp_path, check=True
    )
    port = free_port()
    server = subprocess.Popen(
        [str(PYWB_BIN / "wayback"), "-b", "127.0.0.1", "-p", str(port)],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        body, headers = fetch_when_up(f"http://127.0.0.1:{port}/morgue/2026id_/{url}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    if headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    assert headers.get("X-Archive-Orig-Content-Encoding") == "gzip"
    assert body == seed_html


def fetch_when_up(address: str, attempts: int = 60) -> tuple[bytes, dict[str, str]]:
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(address, timeout=5) as response:
                return response.read(), dict(response.headers)
        except OSError:
            time.sleep(0.25)
    raise AssertionError(f"pywb did not answer {address}")
