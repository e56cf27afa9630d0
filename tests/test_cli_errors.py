"""One error path: every command turns a MorgueError into its message and exit code, never a
traceback (tried: a corrupt catalogue, an unwritable output, a bad option)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEED_DIR, run_morgue

pytestmark = pytest.mark.integration


@pytest.fixture
def corrupt_db(tmp_path: Path) -> Path:
    db = tmp_path / "morgue.db"
    db.write_bytes(b"this is not an SQLite database\n" * 100)
    return db


@pytest.fixture
def warc_file(tmp_path: Path) -> Path:
    """A small real WARC file, written by morgue's writer from the seed page."""
    from archive.records import HttpExchange
    from archive.warc.files import RotatingWarcFiles

    files = RotatingWarcFiles(tmp_path / "warc", prefix="morgue", warcinfo={})
    body = (SEED_DIR / "page.html").read_bytes()
    files.write_exchange(
        HttpExchange(
            url="http://news.example/a.html", method="GET", request_headers=(),
            request_body=b"", protocol="HTTP/1.1", status=200, reason="OK",
            response_headers=(("Content-Type", "text/html"),), body=body,
        )
    )  # fmt: skip
    files.close()
    (path,) = (tmp_path / "warc").glob("*.warc.gz")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["reextract"],
        ["show", "http://news.example/a.html"],
        ["serve", "--port", "1"],
    ],
)
def test_a_corrupt_catalogue_is_exit_5_with_a_sentence(
    command: list[str], corrupt_db: Path, tmp_path: Path
) -> None:
    result = run_morgue(*command, "--db", str(corrupt_db), cwd=tmp_path)
    assert result.returncode == 5, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("morgue: ")


def test_export_wacz_with_a_corrupt_catalogue_is_exit_5(
    corrupt_db: Path, warc_file: Path, tmp_path: Path
) -> None:
    result = run_morgue(
        "export-wacz", str(warc_file), "--db", str(corrupt_db), "-o", "out.wacz", cwd=tmp_path
    )
    assert result.returncode == 5, result.stderr
    assert "Traceback" not in result.stderr


def test_an_index_that_cannot_be_written_is_exit_5(warc_file: Path, tmp_path: Path) -> None:
    result = run_morgue("index", str(warc_file), "-o", "missing/dir/index.cdxj", cwd=tmp_path)
    assert result.returncode == 5, result.stderr
    assert "cannot write the index" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_usage_error_is_exit_2(tmp_path: Path) -> None:
    result = run_morgue("crawl", "ftp://news.example/", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
