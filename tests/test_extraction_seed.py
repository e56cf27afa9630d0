"""The seed article (a 2018 Korea Times page) extracts to its hand-checked expected values."""

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
SEED_DIRS = (
    REPO / "tests" / "fixtures" / "seed-article",
    REPO.parent / "shared" / "fixtures" / "seed-article",
)
SEED_URL = "http://127.0.0.1:8000/www/nation/2018/03/103_246280.html"


def _seed_dir() -> Path:
    for folder in SEED_DIRS:
        if (folder / "page.html").exists():
            return folder
    pytest.skip("seed article fixture not found")


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return json.loads((_seed_dir() / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def article() -> Article:
    return extract_article((_seed_dir() / "page.html").read_bytes(), SEED_URL)


def test_title_byline_authors(article: Article, expected: dict[str, Any]) -> None:
    assert article.title == expected["title"]
    assert article.byline == expected["byline"]
    assert list(article.authors) == expected["authors"]


def test_dates(article: Article, expected: dict[str, Any]) -> None:
    assert article.date_published is not None
    assert article.date_modified is not None
    assert article.date_published[:10] == expected["date_published"]
    assert article.date_modified[:10] == expected["date_modified"]
    # The page prints times without a zone, so only the day may be given.
    assert article.date_published == "2018-03-27"


def test_body_paragraphs(article: Article, expected: dict[str, Any]) -> None:
    got = [_collapse(p) for p in article.body.split("\n\n")]
    assert got == [_collapse(p) for p in expected["body_paragraphs"]]


def test_body_has_no_chrome_or_captions(article: Article, expected: dict[str, Any]) -> None:
    for unwanted in expected["must_not_contain_in_body"]:
        assert unwanted not in article.body


def test_captions(article: Article, expected: dict[str, Any]) -> None:
    assert len(article.captions) == len(expected["captions"])
    for position, (caption, want) in enumerate(
        zip(article.captions, expected["captions"], strict=True)
    ):
        assert caption.position == position
        assert _collapse(caption.text) == _collapse(want["text"])
        assert caption.credit == want["credit"]
        assert caption.image_url is not None
        assert caption.image_url.startswith("http://127.0.0.1:8000/")
        assert urlsplit(caption.image_url).path == want["image_path"]
        assert caption.alt is None  # alt="" on the page


def test_metadata(article: Article) -> None:
    assert article.language == "en"
    assert article.site_name == "The Korea Times"
    assert article.canonical_url == SEED_URL
    assert article.description is not None


def test_to_dict_matches_the_contract(article: Article) -> None:
    data = article.to_dict()
    json.dumps(data)  # JSON-ready
    assert isinstance(data["authors"], list)
    assert isinstance(data["tags"], list)
    assert isinstance(data["body"], str)
    assert set(data["captions"][0]) == {"position", "image_url", "text", "credit", "alt"}
    assert re.fullmatch(r"morgue/\S+ trafilatura/\S+", data["extractor"])


def test_without_url_links_stay_relative(expected: dict[str, Any]) -> None:
    article = extract_article((_seed_dir() / "page.html").read_bytes())
    assert article.url is None
    assert [c.image_url for c in article.captions] == [
        c["image_path"] for c in expected["captions"]
    ]
