"""Fuzzing what the crawl runs on every page: extraction, page processing, link finding and
feed discovery. On mutated real pages nothing raises, and each page is bounded in time; the
run as a whole in memory."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.discovery import feed_links, parse_discovery
from archive.extraction import extract_article
from archive.pages.processing import CrawlContext, process_page
from crawler.link_finder import find_links
from tests.fuzzing import (
    FUZZ_SETTINGS,
    HOSTILE,
    MEMORY_GROWTH,
    mutated,
    peak_rss,
    seed_pages,
    timed,
)
from tests.pattern_text import APPLIERS, VOCABULARY, pattern_texts

# A failing example may be a whole page: let Hypothesis print it without warning.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

SEEDS = seed_pages()
URL = "http://127.0.0.1:8000/news/2026/11/story.html"
CONTEXT = CrawlContext()


@pytest.fixture(scope="module", autouse=True)
def memory_is_bounded() -> object:
    before = peak_rss()
    yield
    grown = peak_rss() - before
    assert grown < MEMORY_GROWTH, f"peak memory grew by {grown // 2**20} MB"


@FUZZ_SETTINGS
@given(mutated(SEEDS))
def test_extract_article_never_raises(page: bytes) -> None:
    article = timed(extract_article, page, URL)
    json.dumps(article.to_dict())


@FUZZ_SETTINGS
@given(mutated(SEEDS))
def test_process_page_never_raises(page: bytes) -> None:
    outcome = timed(process_page, URL, 200, "text/html", page, CONTEXT)
    assert outcome.status.status


@FUZZ_SETTINGS
@given(mutated(SEEDS, max_ops=10))
def test_link_and_feed_finding_never_raise_and_stay_on_http(page: bytes) -> None:
    links = timed(find_links, page, URL)
    assert all(link.startswith(("http://", "https://")) for link in links)
    timed(feed_links, page, URL)
    timed(parse_discovery, page, URL, "text/html")


@pytest.mark.parametrize("token", HOSTILE, ids=repr)
def test_pathological_markup_takes_linear_time(token: bytes) -> None:
    """Tokens repeated without their end are where regex-based finders go quadratic (found
    here: `<a ` and `<!--` in the link finder, `<![CDATA[` in discovery; minutes per page)."""
    page = token * (1_000_000 // len(token))
    for function, args in (
        (find_links, (page, URL)),
        (feed_links, (page, URL)),
        (parse_discovery, (page, URL, "text/html")),
    ):
        started = time.process_time()  # CPU time: a loaded machine can't fail it
        function(*args)
        elapsed = time.process_time() - started
        assert elapsed < 3.0, f"{function.__name__} took {elapsed:.1f}s on 1 MB of {token!r}"


# Texts from a pattern family's own words: a second per example is ~100x what linear work costs.
# No wall-clock deadline: on a loaded machine it fails healthy examples; `timed` bounds each
# example's CPU time instead.
PATTERN_DEADLINE = settings(FUZZ_SETTINGS, deadline=None)


@pytest.mark.parametrize("family", sorted(VOCABULARY))
def test_pattern_families_take_bounded_time_on_their_own_words(family: str) -> None:
    """The byline, credit, dateline, boilerplate and page-status patterns on texts glued from
    every word of their alternations (found here: repeated credit labels, exponential)."""

    @PATTERN_DEADLINE
    @given(pattern_texts(family))
    def check(text: str) -> None:
        for apply in APPLIERS[family]:
            timed(apply, text)

    check()


def _page_with(place: str, text: str) -> bytes:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    story = "<p>" + "The council met on Tuesday to discuss the budget for next year. " * 6
    head = f'<meta name="author" content="{text}">' if place == "meta" else ""
    byline = f'<div class="byline">{text}</div>' if place == "byline" else ""
    caption = f"<figure><img src=a.jpg><figcaption>{text}</figcaption></figure>"
    return (
        f"<html><head><title>Budget talks</title>{head}</head><body><article><h1>Budget talks"
        f"</h1>{byline}{story}</p><p>{text}</p>{caption if place == 'caption' else ''}"
        "</article></body></html>"
    ).encode()


@PATTERN_DEADLINE
@given(
    st.sampled_from(sorted(VOCABULARY)).flatmap(pattern_texts),
    st.sampled_from(["meta", "byline", "caption", "paragraph"]),
)
def test_process_page_takes_bounded_time_on_pattern_words(text: str, place: str) -> None:
    timed(process_page, URL, 200, "text/html", _page_with(place, text), CONTEXT)
