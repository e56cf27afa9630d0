"""Every article of the demo site extracts to the ground truth written with the site."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from archive.extraction import extract_article
from archive.records import Article

REPO = Path(__file__).parents[1]
SITE = REPO / "crawler" / "demo_site"
EXPECTED = REPO / "tests" / "fixtures" / "demo_expected.json"
BASE_URL = "http://127.0.0.1:8000"


def _articles() -> dict[str, dict[str, Any]]:
    if not EXPECTED.exists():
        return {}
    articles: dict[str, dict[str, Any]] = json.loads(EXPECTED.read_text(encoding="utf-8"))[
        "articles"
    ]
    return articles


ARTICLES = _articles()
pytestmark = pytest.mark.skipif(not ARTICLES, reason="demo site ground truth not present")


def _ws(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", " ", text).strip()


def _extract(path: str) -> Article:
    return extract_article((SITE / path.lstrip("/")).read_bytes(), BASE_URL + path)


@pytest.fixture(scope="module")
def extracted() -> dict[str, Article]:
    return {path: _extract(path) for path in ARTICLES}


@pytest.mark.parametrize("path", sorted(ARTICLES))
def test_title_and_credits(path: str, extracted: dict[str, Article]) -> None:
    want, got = ARTICLES[path], extracted[path]
    assert _ws(got.title) == _ws(want["title"])
    assert _ws(got.byline) == _ws(want["byline"])
    assert list(got.authors) == want["authors"]
    assert list(got.organisations) == want["organisations"]


@pytest.mark.parametrize("path", sorted(ARTICLES))
def test_dates_and_language(path: str, extracted: dict[str, Article]) -> None:
    want, got = ARTICLES[path], extracted[path]
    assert got.date_published == want["date_published"]
    assert got.date_modified == want["date_modified"]
    assert got.language == want["language"]


@pytest.mark.parametrize("path", sorted(ARTICLES))
def test_body(path: str, extracted: dict[str, Article]) -> None:
    want, got = ARTICLES[path], extracted[path]
    paragraphs = [_ws(p) for p in got.paragraphs]
    assert paragraphs == [_ws(p) for p in want["body_paragraphs"]]
    assert len(paragraphs) == want["paragraph_count"]
    assert paragraphs[0] == _ws(want["body_first"])
    assert paragraphs[-1] == _ws(want["body_last"])
    for unwanted in want["must_not_contain_in_body"]:
        assert unwanted not in got.body


@pytest.mark.parametrize("path", sorted(ARTICLES))
def test_captions(path: str, extracted: dict[str, Article]) -> None:
    want, got = ARTICLES[path], extracted[path]
    assert [(_ws(c.text), c.credit) for c in got.captions] == [
        (_ws(c["text"]), c["credit"]) for c in want["captions"]
    ]
    for position, (caption, expected) in enumerate(
        zip(got.captions, want["captions"], strict=True)
    ):
        assert caption.position == position
        assert caption.image_url is not None
        assert caption.image_url.startswith(BASE_URL + "/")
        assert urlsplit(caption.image_url).path == expected["image_path"]


def test_every_article_page_is_covered() -> None:
    pages = {"/" + str(p.relative_to(SITE)) for p in SITE.rglob("*.html")}
    non_articles = set(json.loads(EXPECTED.read_text(encoding="utf-8"))["non_articles"])
    assert pages - non_articles == set(ARTICLES)
