"""Pattern families cost linear time: 8x the input costs well under 64x (quadratic) the CPU.

No regex is timed against a threshold: each case grows its input until one call costs a few
milliseconds of CPU, then compares that with eight times the input. Linear work gives about 8,
quadratic 64, exponential never returns; the bound of 16 leaves room for noise.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable

import pytest

from archive.extraction.authors.datelines import dated_name, posted_by
from archive.extraction.authors.names import parse_byline
from archive.extraction.authors.words import BYLINE_PREFIX, clean_byline
from archive.extraction.body.boilerplate import is_boilerplate, is_reader_prompt
from archive.extraction.captions.credits import clean_credit, remove_credit, split_credit
from archive.extraction.dates import is_dateline, normalise_date
from archive.extraction.html_tree import collapse
from archive.extraction.titles import strip_site_name
from archive.pages.processing import CrawlContext, process_page
from archive.pages.status import patterns
from crawler.link_finder import find_links

# Each case grows its input until the cost rises above noise: minutes in all, not the edit loop.
pytestmark = pytest.mark.slow

MAX_GROWTH = 16
# A call must cost at least this much CPU (seconds) before its growth is read.
MIN_COST = 0.004
# Inputs stop growing here: functions that refuse long texts never reach MIN_COST.
MAX_CHARS = 100_000
REPEATS = 3

# Repeated pieces of the shapes that were slow, from the patterns' own vocabularies.
UNITS = (
    "1", "a", " ", ", ", "Text und ", "Von Jane Doe und ", "a@", "Redakteur, ", "Jan 12 ",
    "1.", " | ", "(", "Kontakt: Jane Doe Telefon: 0123 4567 E-Mail: jane@example.org ",
    "Themen: Lokalpolitik, Wirtschaftsförderung, ", "© ", "email ",
)  # fmt: skip


def _cost(call: Callable[[str], object], text: str) -> float:
    """Least CPU seconds of a few calls on the text."""
    best = float("inf")
    for _ in range(REPEATS):
        started = time.process_time()
        call(text)
        best = min(best, time.process_time() - started)
    return best


def growth(
    call: Callable[[str], object], unit: str, tail: str = "", min_cost: float = MIN_COST
) -> float:
    """What the call costs on 8n repeats of `unit` over n repeats, beyond its cost on nothing
    (a page around the repeats costs the same at any n)."""
    fixed = _cost(call, tail)
    units = 64
    while _cost(call, unit * units + tail) - fixed < min_cost and len(unit) * units < MAX_CHARS:
        units *= 2
    small = _cost(call, unit * units + tail) - fixed
    if small < min_cost:
        return 1.0  # the cost never grew with the input: the function reads a bounded part
    return (_cost(call, unit * 8 * units + tail) - fixed) / max(small, 1e-9)


def _status_patterns(text: str) -> None:
    """Every page-status text pattern over a text, as the rules run them."""
    for name in dir(patterns):
        value = getattr(patterns, name)
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
            for _ in value.finditer(text):
                pass


FAMILIES: dict[str, Callable[[str], object]] = {
    "byline": lambda text: parse_byline(text, strict=False),
    "byline-clean": clean_byline,
    "byline-label": BYLINE_PREFIX.match,
    "caption-credit": split_credit,
    "caption-credit-clean": clean_credit,
    "caption-credit-remove": lambda text: remove_credit(text, "dpa"),
    "dateline": dated_name,
    "dateline-posted": lambda text: posted_by(text, ()),
    "boilerplate": is_boilerplate,
    "boilerplate-prompt": is_reader_prompt,
    "page-status": _status_patterns,
    "dates": normalise_date,
    "dates-line": is_dateline,
    "titles": lambda text: strip_site_name(collapse(text), ["Example News"]),  # as read
    "link-finder": lambda text: find_links(text.encode(), "https://example.org/"),
}


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("tail", ["", "!x"])
def test_pattern_family_grows_linearly(family: str, tail: str) -> None:
    call = FAMILIES[family]
    slow = {unit: g for unit in UNITS if (g := growth(call, unit, tail)) >= MAX_GROWTH}
    assert not slow, f"{family}: 8x input costs {slow} times as much"


def _page(head: str = "", body: str = "") -> bytes:
    story = "<p>" + "Der Gemeinderat hat am Dienstag über den Haushalt beraten. " * 8 + "</p>"
    return (
        f"<html lang=de><head><title>Haushalt beraten</title>{head}</head><body><article>"
        f"<h1>Haushalt beraten</h1>{story * 4}{body}</article></body></html>"
    ).encode()


def _processed(html: bytes) -> object:
    return process_page("https://example.org/a/b", 200, "text/html", html, CrawlContext())


PAGES: dict[str, Callable[[str], bytes]] = {
    "digit paragraph": lambda run: _page(body=f"<p>{run}</p>"),
    "author of separators": lambda run: _page(head=f'<meta name="author" content="{run}">'),
    "author of labels": lambda run: _page(head=f'<meta name="author" content="{run}x">'),
    "json-ld author of labels": lambda run: _page(
        head='<script type="application/ld+json">'
        + json.dumps({"@type": "NewsArticle", "author": {"@type": "Person", "name": run + "x"}})
        + "</script>"
    ),
    "contact line": lambda run: _page(body=f"<p>{run}</p>"),
    "topic line": lambda run: _page(body=f"<p>Themen: {run}</p>"),
}
PAGE_UNITS = {
    "digit paragraph": "1",
    "author of separators": ", ",
    "author of labels": "Text ",
    "json-ld author of labels": "Fotos ",
    "contact line": "Kontakt: Jane Doe Telefon: 0123 4567 E-Mail: jane@example.org ",
    "topic line": "Lokalpolitik, Wirtschaftsförderung, ",
}


@pytest.mark.parametrize("shape", PAGES)
def test_process_page_grows_linearly(shape: str) -> None:
    """The pages the issues reported (a 2 MB digit paragraph took over 120 s) cost linear time."""
    build = PAGES[shape]
    ratio = growth(lambda run: _processed(build(run)), PAGE_UNITS[shape], min_cost=0.02)
    assert ratio < MAX_GROWTH, f"{shape}: 8x input costs {ratio:.1f} times as much"
