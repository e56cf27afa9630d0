"""Re-extraction: a newer extractor's different result becomes a version, old values stay."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from archive.catalogue import Catalogue, open_database
from archive.errors import ExtractionError
from archive.extraction import extract_article
from archive.rebuild.reextract import reextract_catalogue
from archive.records import Article
from tests.conftest import crawl_seed, run_morgue


@pytest.fixture
def crawled(tmp_path: Path) -> Path:
    crawl_seed(tmp_path)
    return tmp_path


def newer_extractor(html: bytes, url: str | None, content_type: str | None) -> Article:
    article = extract_article(html, url, content_type)
    return dataclasses.replace(
        article, title=article.title.upper() if article.title else None, extractor="morgue/9.9"
    )


@pytest.mark.integration
def test_a_changed_result_adds_a_version_with_provenance_and_keeps_the_old_one(
    crawled: Path, seed_expected: dict[str, Any]
) -> None:
    catalogue = Catalogue(open_database(crawled / "morgue.db"))
    report = reextract_catalogue(catalogue, crawled / "warc", newer_extractor)
    assert (report.articles, report.changed, report.problems) == (1, 1, [])
    with sqlite3.connect(crawled / "morgue.db") as conn:
        versions = conn.execute(
            "SELECT version, title, extractor, changed_fields, capture_id FROM article_versions "
            "ORDER BY version"
        ).fetchall()
        article = conn.execute(
            "SELECT title, extractor, latest_version_id FROM articles"
        ).fetchone()
    (v1, old_title, old_extractor, _, capture_1), (v2, title, extractor, changed, capture_2) = (
        versions
    )
    assert (v1, v2) == (1, 2)
    assert old_title == seed_expected["title"]
    assert old_extractor.startswith("morgue/")
    assert old_extractor != "morgue/9.9"
    assert (title, extractor, json.loads(changed)) == (
        seed_expected["title"].upper(), "morgue/9.9", ["title"],
    )  # fmt: skip
    assert capture_1 == capture_2  # the same archived capture, read again
    assert article[:2] == (title, "morgue/9.9")


@pytest.mark.integration
def test_the_same_extractor_changes_nothing(crawled: Path) -> None:
    result = run_morgue("reextract", cwd=crawled)
    assert result.returncode == 0, result.stderr
    assert "1 articles, 0 changed" in result.stderr


def failing_extractor(html: bytes, url: str | None, content_type: str | None) -> Article:
    raise ExtractionError("extraction failed: ValueError: boom (archive/extraction/x.py:1 in f)")


@pytest.mark.integration
def test_a_failing_extraction_keeps_the_version_and_marks_the_capture(crawled: Path) -> None:
    catalogue = Catalogue(open_database(crawled / "morgue.db"))
    report = reextract_catalogue(catalogue, crawled / "warc", failing_extractor)
    assert (report.articles, report.changed) == (1, 0)
    assert len(report.problems) == 1
    assert "ValueError: boom" in report.problems[0]
    with sqlite3.connect(crawled / "morgue.db") as conn:
        versions = conn.execute("SELECT count(*) FROM article_versions").fetchone()[0]
        status = conn.execute(
            "SELECT capture_status, status_evidence FROM captures "
            "JOIN articles ON articles.id = captures.article_id"
        ).fetchone()
    assert versions == 1
    assert status == ("extraction_error", "extraction failed: ValueError: boom "
                      "(archive/extraction/x.py:1 in f)")  # fmt: skip
