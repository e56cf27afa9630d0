"""The article text as paragraphs: trafilatura on a pruned copy, then caption/byline filtering."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from lxml import etree
from lxml.html import HtmlElement
from trafilatura import bare_extraction

from archive.extraction.authors import PRINTED_BYLINE
from archive.extraction.boilerplate import is_boilerplate, is_listed_headline, is_related_heading
from archive.extraction.dates import is_dateline
from archive.extraction.html_tree import collapse, text_key

LOGGER = logging.getLogger(__name__)

# Elements of trafilatura's XML output that end a paragraph.
PARAGRAPH_TAGS = frozenset(
    {"p", "head", "item", "list", "quote", "table", "row", "div", "lb", "main"}
)
# Settings passed to trafilatura for the main-text search.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "with_metadata": False,
    "deduplicate": False,
}
MAX_BYLINE_PARAGRAPH_WORDS = 12


def _key(text: str) -> str:
    """A loose comparison key: NFKC, case-folded, letters and digits only."""
    return text_key(text)


def main_text(tree: HtmlElement, url: str | None) -> list[str]:
    """Paragraphs of the main text as trafilatura finds it in a page pruned for it."""
    try:
        document = bare_extraction(tree, url=url, **TRAFILATURA_OPTIONS)
    except Exception:  # trafilatura is defensive but not total; a page never crashes morgue
        LOGGER.warning("main-text extraction failed for %s", url, exc_info=True)
        return []
    body = getattr(document, "body", None)
    return xml_paragraphs(body) if body is not None else []


def xml_paragraphs(body: etree._Element) -> list[str]:
    """Split trafilatura's XML body into paragraphs (table rows as one line each)."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = collapse("".join(current))
        if text:
            paragraphs.append(text)
        current.clear()

    def walk(node: etree._Element) -> None:
        block = node.tag in PARAGRAPH_TAGS
        if block:
            flush()
        if node.text:
            current.append(node.text)
        for child in node:
            walk(child)
            if child.tag == "cell":
                current.append(" ")
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    walk(body)
    flush()
    return paragraphs


def drop_related_lists(paragraphs: Iterable[str]) -> list[str]:
    """Drop "Related stories" headings and the headlines listed under them.

    A single short line between such a heading and more story text is kept: it is more
    likely the story's next subheading than a list of one.
    """
    items = list(paragraphs)
    kept: list[str] = []
    index = 0
    while index < len(items):
        if not is_related_heading(items[index]):
            kept.append(items[index])
            index += 1
            continue
        end = index + 1
        while end < len(items) and is_listed_headline(items[end]):
            end += 1
        one_before_story = end - index == 2 and end < len(items)
        index = index + 1 if one_before_story else end
    return kept


def filter_paragraphs(
    paragraphs: Iterable[str],
    title: str | None,
    byline: str | None,
    captions: Iterable[str],
    headlines: Iterable[str] = (),
) -> list[str]:
    """Drop paragraphs that repeat a headline, the byline or a caption, datelines and chrome."""
    dropped = {_key(t) for t in (title, byline, *captions, *headlines) if t}
    dropped.discard("")
    kept: list[str] = []
    for paragraph in drop_related_lists(paragraphs):
        key = _key(paragraph)
        if not key or key in dropped or is_dateline(paragraph) or is_boilerplate(paragraph):
            continue
        if len(paragraph.split()) <= MAX_BYLINE_PARAGRAPH_WORDS and PRINTED_BYLINE.match(paragraph):
            continue
        kept.append(paragraph)
    return kept


def extract_body(
    tree: HtmlElement,
    url: str | None,
    title: str | None,
    byline: str | None,
    captions: list[str],
    headlines: Iterable[str] = (),
) -> str:
    """The article body: clean paragraphs joined by one blank line.

    `tree` has been through `pruning.prepare_for_body` (or is a `prepared_copy`).
    """
    paragraphs = filter_paragraphs(main_text(tree, url), title, byline, captions, headlines)
    return "\n\n".join(paragraphs)
