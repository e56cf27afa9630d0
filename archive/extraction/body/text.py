"""The article text as paragraphs: trafilatura on a pruned copy, then caption/byline filtering."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from itertools import islice
from typing import Any

from lxml import etree
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.settings import DEFAULT_CONFIG, use_config

from archive.extraction.authors.leads import without_wire_lead
from archive.extraction.authors.printed import PRINTED_BYLINE
from archive.extraction.body.boilerplate import (
    is_boilerplate,
    is_listed_headline,
    is_related_heading,
)
from archive.extraction.dates import is_dateline
from archive.extraction.html_tree import (
    BLOCK_TAGS,
    collapse,
    following_elements,
    node_text,
    text_key,
)
from archive.extraction.lexicon import alternatives, chrome
from archive.extraction.regions import FOREIGN_TAGS, container_matches
from archive.extraction.words import is_compact, text_size

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
# trafilatura dumps the whole page below MIN_EXTRACTED_SIZE characters of main text (250, some
# 40 words of English); stories in compact scripts say as much in fewer characters.
COMPACT_MIN_EXTRACTED_SIZE = 100
COMPACT_CONFIG = use_config()
COMPACT_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(COMPACT_MIN_EXTRACTED_SIZE))
MAX_BYLINE_PARAGRAPH_WORDS = 12
# The standfirst (lead under the headline) is found as the printed text of the page description.
DESCRIPTION_XPATH = (
    "//meta[@property='og:description' or @name='description' or @name='twitter:description']"
    "/@content"
)
# Text nodes holding the description's longest early word narrow the search cheaply; the
# whitespace-normalised test on the few left confirms.
STANDFIRST_XPATH = (
    "//body//text()[contains(., $probe)]"
    "[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"
)
MIN_STANDFIRST_CHARS = 40
STANDFIRST_KEY_CHARS = 40
# The printed lead may run a little longer than the description; more, and it is a paragraph
# that merely starts like it.
STANDFIRST_SLACK = 1.3
# Containers where the description shows as furniture, not as the story's lead ("teaser" and
# "card" are left out: leads often sit in boxes named so).
FURNITURE_WORDS = (
    *chrome.COMMENTS, *chrome.RECOMMENDATIONS, *chrome.SIDEBARS, *chrome.NAVIGATION,
    *chrome.MENUS, *chrome.PROMOTIONS, *chrome.SHARING,
)  # fmt: skip
FURNITURE = re.compile(alternatives(FURNITURE_WORDS))
# Without a printed description, the lead is a box named so, between the headline and the story.
LEAD_CLASSES = re.compile(
    r"(?:^|[\s_-])(?:intro|introtext|intro-?text|lead|lede|teaser|teaser-?text|article-?teaser|"
    r"chapo|summary|excerpt|abstract|standfirst|sub-?title|subheadline|hook|deck|dek)(?:$|[\s_-])"
)
MAX_FOLLOWING_ELEMENTS = 150
MAX_LEAD_CHARS = 800
MIN_STORY_PARAGRAPH_CHARS = 200


def _key(text: str) -> str:
    """A loose comparison key: NFKC, case-folded, letters and digits only."""
    return text_key(text)


def main_text(tree: HtmlElement, url: str | None, compact: bool = False) -> list[str]:
    """Paragraphs of the main text as trafilatura finds it in a page pruned for it; `compact`
    for a story in a compact script (Chinese, Japanese, Korean)."""
    config = COMPACT_CONFIG if compact else DEFAULT_CONFIG
    try:
        document = bare_extraction(tree, url=url, config=config, **TRAFILATURA_OPTIONS)
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
        paragraph = without_wire_lead(paragraph)
        key = _key(paragraph)
        if not key or key in dropped or is_dateline(paragraph) or is_boilerplate(paragraph):
            continue
        if text_size(paragraph) <= MAX_BYLINE_PARAGRAPH_WORDS and PRINTED_BYLINE.match(paragraph):
            continue
        kept.append(paragraph)
    return kept


def standfirst(tree: HtmlElement) -> str | None:
    """The lead printed under the headline: the page's description where it shows on the page.

    Main-text search often leaves it out, set apart from the story in its own box.
    """
    descriptions = [collapse(d) for d in tree.xpath(DESCRIPTION_XPATH)]
    description = next((d for d in descriptions if len(d) >= MIN_STANDFIRST_CHARS), None)
    if description is None:
        return None
    key = description[:STANDFIRST_KEY_CHARS]
    probe = max(key.split(), key=len)
    for node in tree.xpath(STANDFIRST_XPATH, probe=probe):
        if key not in collapse(node):
            continue
        block = _block_of(node.getparent())
        if block is None:
            continue
        text = node_text(block)
        if len(text) <= len(description) * STANDFIRST_SLACK + MIN_STANDFIRST_CHARS:
            return text
    return None


def lead_box(tree: HtmlElement) -> str | None:
    """The text of a lead box ("intro", "teaser-text", "chapo") after the first headline and
    before the first long story paragraph."""
    headline = next(tree.iter("h1"), None)
    if headline is None:
        return None
    for element in islice(following_elements(headline), MAX_FOLLOWING_ELEMENTS):
        if _is_lead_box(element):
            text = node_text(element)
            if MIN_STANDFIRST_CHARS <= len(text) <= MAX_LEAD_CHARS:
                return text
        if element.tag == "p" and len(node_text(element)) >= MIN_STORY_PARAGRAPH_CHARS:
            return None
    return None


def _is_lead_box(element: HtmlElement) -> bool:
    """True for a box named as the lead that holds text only (a "lead-media" box holds the
    picture and its credit) and is no page furniture."""
    return (
        container_matches(element, LEAD_CLASSES)
        and next(element.iter("img", "picture", "figure", "video"), None) is None
        and _block_of(element) is not None
    )


def _block_of(element: HtmlElement | None) -> HtmlElement | None:
    """The nearest block element holding an element, None inside page furniture."""
    block = None
    for ancestor in [element, *element.iterancestors()] if element is not None else []:
        if ancestor.tag in {"body", "html"}:
            break
        if ancestor.tag in FOREIGN_TAGS or container_matches(ancestor, FURNITURE):
            return None
        if block is None and ancestor.tag in BLOCK_TAGS:
            block = ancestor
    return block


def with_standfirst(paragraphs: list[str], lead: str | None) -> list[str]:
    """The paragraphs with the standfirst in front, unless the text already holds it."""
    if lead is None:
        return paragraphs
    key = _key(lead)[: STANDFIRST_KEY_CHARS // 2]
    if any(key in _key(p) for p in paragraphs):
        return paragraphs
    return [lead, *paragraphs]


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
    paragraphs = main_text(tree, url, compact=bool(title) and is_compact(title or ""))
    for lead in (lead_box(tree), standfirst(tree)):
        paragraphs = with_standfirst(paragraphs, lead)
    paragraphs = filter_paragraphs(paragraphs, title, byline, captions, headlines)
    return "\n\n".join(paragraphs)
