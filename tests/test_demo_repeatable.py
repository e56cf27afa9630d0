"""`make demo` twice leaves the same 28 articles: each demo run starts a fresh catalogue."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archive.catalogue import open_database
from tests.conftest import run_morgue

pytestmark = pytest.mark.integration

DEMO_ARTICLES = 28


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_a_second_demo_run_leaves_the_same_articles(tmp_path: Path) -> None:
    db = tmp_path / "out" / "morgue.db"
    for _ in range(2):
        result = run_morgue("demo", "--dir", "out", cwd=tmp_path, timeout=300)
        assert result.returncode == 0, result.stderr[-3000:]
        assert "each demo run starts from an empty one" in result.stdout
        assert f"articles      : {DEMO_ARTICLES}" in result.stdout
        assert "pages fetched : 41" in result.stdout
        assert count(db, "articles") == DEMO_ARTICLES
        assert count(db, "crawl_runs") == 1
        assert len(list((tmp_path / "out" / "warc").glob("*.warc.gz"))) == 1


def test_the_demo_refuses_to_reset_a_catalogue_of_other_sites(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    db = open_database(tmp_path / "out" / "morgue.db")
    db["captures"].insert({"url": "https://news.example/story.html", "record_type": "response"})
    db.close()
    result = run_morgue("demo", "--dir", "out", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "holds captures of other sites than the demo's" in result.stderr
    assert count(tmp_path / "out" / "morgue.db", "captures") == 1
