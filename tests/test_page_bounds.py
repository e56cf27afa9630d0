"""Big tables' whole-table pages come without facets, searches for a word most rows hold
without a count or facets; other pages with both."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from archive.catalogue import open_database
from crawler.datasette import page_bounds
from crawler.datasette.app import build_datasette
from crawler.datasette.plugin import MorguePlugin, registered


@pytest.fixture
def catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Five articles about a harbour, one about its lighthouse; more than 3 matches is many, a
    table of more than 10 rows big."""
    monkeypatch.setattr(page_bounds, "COUNTED_MATCHES", 3)
    monkeypatch.setattr(page_bounds, "FACETED_ROWS", 10)
    path = tmp_path / "cat.db"
    db = open_database(path)
    for n in range(1, 6):
        body = "The harbour at dawn." + (" The lighthouse." if n == 1 else "")
        db.table("articles").insert(
            {"id": n, "url": f"https://news.example/{n}", "title": f"Story {n}", "body": body,
             "site": "news.example", "date_published": f"2024-01-0{n}"}
        )  # fmt: skip
    db.close()
    return path


def _json(db: Path, path: str) -> dict[str, Any]:
    async def fetch() -> dict[str, Any]:
        with registered(MorguePlugin(db.stem, db.parent)):
            response = await build_datasette(db).client.get(path)
            assert response.status_code == 200, response.text
            found: dict[str, Any] = response.json()
            return found

    return asyncio.run(fetch())


def _ids(page: dict[str, Any]) -> list[int]:
    return [row[page["columns"].index("id")] for row in page["rows"]]


def test_a_search_with_many_matches_has_rows_without_count_or_facets(catalogue: Path) -> None:
    page = _json(catalogue, "/cat/articles.json?_search=harbour")
    assert _ids(page) == [5, 4, 3, 2, 1]  # newest archived first
    assert page["filtered_table_rows_count"] is None
    assert page["facet_results"] == {}
    oldest = _json(catalogue, "/cat/articles.json?_search=harbour&_sort=date_published")
    assert _ids(oldest) == [1, 2, 3, 4, 5]


def test_a_big_table_has_facets_once_filtered(
    catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "site" in _json(catalogue, "/cat/articles.json")["facet_results"]
    monkeypatch.setattr(page_bounds, "FACETED_ROWS", 4)
    whole = _json(catalogue, "/cat/articles.json?_sort=title")
    assert whole["facet_results"] == {}
    assert whole["filtered_table_rows_count"] == 5
    assert "site" in _json(catalogue, "/cat/articles.json?site=news.example")["facet_results"]
    assert "site" in _json(catalogue, "/cat/articles.json?_facet=section")["facet_results"]


def test_a_search_with_few_matches_is_counted_and_faceted(catalogue: Path) -> None:
    page = _json(catalogue, "/cat/articles.json?_search=lighthouse")
    assert _ids(page) == [1]
    assert page["filtered_table_rows_count"] == 1
    assert "site" in page["facet_results"]


def test_a_search_asking_for_a_facet_gets_count_and_facets(catalogue: Path) -> None:
    page = _json(catalogue, "/cat/articles.json?_search=harbour&_facet=language")
    assert page["filtered_table_rows_count"] == 5
    assert "site" in page["facet_results"]


def test_raw_searches_are_bounded_too(catalogue: Path) -> None:
    many = _json(catalogue, "/cat/articles.json?_search=harb*&_searchmode=raw")
    assert many["filtered_table_rows_count"] is None
    few = _json(catalogue, "/cat/articles.json?_search=light*&_searchmode=raw")
    assert few["filtered_table_rows_count"] == 1


def test_the_versions_view_is_bounded_by_its_stored_rows(
    catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """article_versions is a view (no rowid): its size is read from article_version_rows."""
    db = sqlite3.connect(catalogue)
    with db:
        db.executemany(
            "insert into article_version_rows (id, article_id, version, changed_fields) "
            "values (?, ?, 1, '[]')",
            [(n, n) for n in range(1, 6)],
        )
    db.close()
    monkeypatch.setattr(page_bounds, "FACETED_ROWS", 4)
    assert _json(catalogue, "/cat/article_versions.json")["facet_results"] == {}
    monkeypatch.setattr(page_bounds, "FACETED_ROWS", 10)
    assert "changed_fields" in _json(catalogue, "/cat/article_versions.json")["facet_results"]
