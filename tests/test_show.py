"""`morgue show`: a capture printed from its WARC record, the body exactly as served."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import pytest

from archive.catalogue.reader import parse_timestamp
from archive.errors import MorgueError
from tests.conftest import crawl_seed, morgue_executable, run_morgue


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    work = tmp_path_factory.mktemp("show")
    return work, crawl_seed(work, times=2)  # a response, then a revisit


def show(work: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [morgue_executable(), "show", *args], cwd=work, capture_output=True, check=False
    )


@pytest.mark.integration
def test_body_is_byte_identical_to_what_was_served(
    archive: tuple[Path, str], seed_html: bytes
) -> None:
    work, url = archive
    result = show(work, url, "--body")
    assert result.returncode == 0, result.stderr
    assert result.stdout == gzip.compress(seed_html, mtime=0)  # served gzip-encoded


@pytest.mark.integration
def test_an_earlier_capture_is_found_by_time_and_a_revisit_shows_the_original_body(
    archive: tuple[Path, str], seed_html: bytes
) -> None:
    work, url = archive
    captures = json.loads(show(work, url, "--json").stdout)["capture"]
    assert captures["record_type"] == "revisit"
    first = show(work, url, "--at", "2000-01-01T00:00:00Z", "--json")
    assert json.loads(first.stdout)["capture"]["record_type"] == "response"
    assert show(work, url, "--text").stdout.decode() == seed_html.decode() + "\n"


@pytest.mark.integration
def test_headers_and_json_describe_the_capture(archive: tuple[Path, str]) -> None:
    work, url = archive
    headers = show(work, url, "--headers").stdout.decode()
    assert headers.startswith("HTTP/1.1 200 OK\n")
    assert "Content-Encoding: gzip" in headers
    data = json.loads(show(work, url, "--json").stdout)
    assert data["article"]["authors"] == ["Lee Min-hyung"]
    assert data["warc_headers"]["WARC-Type"] == "revisit"


@pytest.mark.integration
def test_unknown_url_is_a_clear_error(archive: tuple[Path, str]) -> None:
    work, _ = archive
    result = run_morgue("show", "http://nowhere.test/", cwd=work)
    assert result.returncode == 1
    assert "no archived capture of http://nowhere.test/" in result.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20261129", "2026-11-29T00:00:00.000000Z"),
        ("20261129083015", "2026-11-29T08:30:15.000000Z"),
        ("2026-11-29T10:30:15+02:00", "2026-11-29T08:30:15.000000Z"),
        ("2026-11-29", "2026-11-29T00:00:00.000000Z"),
    ],
)
def test_timestamps_in_wayback_or_iso_form(text: str, expected: str) -> None:
    assert parse_timestamp(text) == expected


def test_unreadable_timestamp_says_what_to_use() -> None:
    with pytest.raises(MorgueError, match="ISO 8601"):
        parse_timestamp("yesterday")
