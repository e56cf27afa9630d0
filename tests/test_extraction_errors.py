"""A layer that fails is no longer swallowed: `extract_article` raises `ExtractionError` naming
the error and where it happened, and the page's capture is catalogued as `extraction_error`
with that as evidence (the crawl and rebuild alike, through `process_page`)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

import archive.extraction.article as article_module
from archive.catalogue import Catalogue, open_database
from archive.errors import ExtractionError, MorgueError
from archive.extraction import extract_article
from archive.pages.outcome import EXTRACTION_ERROR, FAILED_EXTRACTIONS, UNEXTRACTED
from archive.pages.processing import CrawlContext, process_page
from archive.records import Capture

URL = "https://news.example/2026/11/harbour.html"


def _broken_dates(*_: object) -> None:
    raise ValueError("day is out of range for month")


@pytest.fixture
def broken_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The date layer fails on every page, as a bug would."""
    monkeypatch.setattr(article_module, "extract_dates", _broken_dates)


def test_extract_article_raises_naming_the_error_and_its_line(
    broken_layer: None, seed_html: bytes
) -> None:
    with pytest.raises(ExtractionError) as raised:
        extract_article(seed_html, URL)
    message = str(raised.value)
    assert message.startswith("extraction failed: ValueError: day is out of range for month")
    assert "(archive/extraction/article.py:" in message  # morgue's innermost line: the caller
    assert message.endswith(" in _extract)")
    assert isinstance(raised.value, MorgueError)  # the CLI prints it and exits 1
    assert isinstance(raised.value.__cause__, ValueError)


def test_garbage_is_no_error() -> None:
    assert extract_article(b"\x00\x01\x02 not a page", URL).body == ""
    assert extract_article(b"", URL).title is None


def test_the_page_gets_status_extraction_error_with_the_error_as_evidence(
    broken_layer: None, seed_html: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="archive.pages.processing"):
        outcome = process_page(URL, 200, "text/html", seed_html, CrawlContext())
    assert outcome.status.status == EXTRACTION_ERROR
    assert outcome.article is None
    assert "ValueError: day is out of range for month" in str(outcome.status.evidence)
    assert any(URL in r.getMessage() and r.exc_info for r in caplog.records)  # logged, traced


def test_the_capture_is_catalogued_with_status_and_evidence(
    broken_layer: None, seed_html: bytes, tmp_path: Path
) -> None:
    catalogue = Catalogue(open_database(tmp_path / "m.db"))
    capture = Capture(URL, "2026-11-29T08:00:00.000000Z", 200, "text/html", "response",
                      "m.warc.gz", 0, 10, "<urn:uuid:1>", "sha1:1")  # fmt: skip
    capture_id = catalogue.add_capture(capture, None)
    outcome = process_page(URL, 200, "text/html", seed_html, CrawlContext())
    assert catalogue.store_page(capture_id, URL, capture.fetched_at, outcome) is None
    with sqlite3.connect(tmp_path / "m.db") as conn:
        row = conn.execute("SELECT capture_status, status_evidence FROM captures").fetchone()
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert row[0] == EXTRACTION_ERROR
    assert "ValueError" in row[1]
    assert articles == 0


def test_an_extraction_error_is_a_failed_and_settled_page() -> None:
    assert EXTRACTION_ERROR in FAILED_EXTRACTIONS  # counted in pages_failed: exit 1
    assert EXTRACTION_ERROR in UNEXTRACTED  # not fetched again; reextract --retry-failed does
