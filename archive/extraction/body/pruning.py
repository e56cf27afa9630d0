"""The tree made ready for main-text search: captions, bylines, chrome gone; <br><br> to <p>."""

from __future__ import annotations

import re
from copy import deepcopy
from itertools import pairwise

from lxml.html import HtmlElement

from archive.extraction.authors.elements import byline_elements
from archive.extraction.body.boilerplate import CHROME_CLASSES, MAX_CHROME_CHARS, PAYWALLED_TEXT
from archive.extraction.captions.figures import FoundCaption, find_captions
from archive.extraction.html_tree import (
    BLOCK_TAGS,
    AttributeValues,
    attribute_values,
    elements_by_attribute,
    node_text,
    value_test,
)
from archive.extraction.regions import TAXONOMY_TOKEN, container_matches

# A caption container is removed whole only when it holds little besides the caption.
CONTAINER_SLACK_CHARS = 200
KEEP_TAGS = frozenset({"html", "body", "article", "main"})
# Candidates for the Python-side tests (XPath narrows the walk to elements that can match).
# (from the attributes up: testing every element's attributes costs twice as much)
HIDDEN_XPATH = "//@hidden/.. | //@style[contains(., 'none') or contains(., 'hidden')]/.."
DOUBLE_BR_PARENTS_XPATH = "//br[following-sibling::*[1][self::br]]/.."
HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
# A hidden container with at least this many story paragraphs is kept (see prune_hidden).
MIN_HIDDEN_STORY_PARAGRAPHS = 2


def remove(element: HtmlElement) -> None:
    """Remove an element but keep its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def prune_captions(found_captions: list[FoundCaption]) -> None:
    """Remove captioned figures (or just the caption when its container is big)."""
    for found in found_captions:
        caption_chars = len(node_text(found.caption))
        small = len(node_text(found.container)) <= caption_chars + CONTAINER_SLACK_CHARS
        if small and not _holds_text(found):
            remove(found.container)
        else:
            remove(found.caption)
            if found.image is not None and found.image.getparent() is not None:
                remove(found.image)


def _holds_text(found: FoundCaption) -> bool:
    """True when the caption's container also holds a paragraph of story text."""
    inside = set(found.caption.iter())
    return any(p not in inside and node_text(p) for p in found.container.iter("p"))


def prune_bylines(bylines: list[HtmlElement]) -> None:
    """Remove byline elements (they are not body text)."""
    for element in bylines:
        if element.tag not in KEEP_TAGS:
            remove(element)


def prune_chrome(tree: HtmlElement, values: AttributeValues | None = None) -> None:
    """Remove small share bars, related-links boxes, newsletter prompts and copyright lines;
    `values` may be read before captions and bylines went (what they name is out of the tree)."""
    test = value_test(CHROME_CLASSES, TAXONOMY_TOKEN)
    for element in elements_by_attribute(tree, test, values=values):
        if element.tag in KEEP_TAGS or element.getparent() is None:
            continue
        if element.tag == "p" and container_matches(element, PAYWALLED_TEXT):
            continue
        if len(node_text(element)) <= MAX_CHROME_CHARS:
            remove(element)


def prune_hidden(tree: HtmlElement) -> None:
    """Remove what no reader sees: `hidden` elements and inline `display: none` or
    `visibility: hidden`, except a hidden container of story paragraphs."""
    for element in tree.xpath(HIDDEN_XPATH):
        if not isinstance(element, HtmlElement) or element.tag in KEEP_TAGS:
            continue
        if element.getparent() is None:
            continue
        if element.get("hidden") is None and not HIDDEN_STYLE.search(element.get("style", "")):
            continue
        # Streamed server rendering (React) parks whole stories in hidden containers until a
        # script moves them into place: a hidden container of several paragraphs stays.
        if sum(1 for p in element.iter("p") if node_text(p)) < MIN_HIDDEN_STORY_PARAGRAPHS:
            remove(element)


def _is_br(element: HtmlElement) -> bool:
    """True for a <br> element."""
    return bool(element.tag == "br")


def split_br_paragraphs(tree: HtmlElement) -> None:
    """Turn runs of text separated by two or more <br> into <p> elements (old CMS markup)."""
    for parent in tree.xpath(DOUBLE_BR_PARENTS_XPATH):
        if parent.tag in {"p", "pre", "td", "th", "li"}:
            continue
        children = list(parent)
        if not any(
            _is_br(a) and _is_br(b) and not (a.tail or "").strip() for a, b in pairwise(children)
        ):
            continue
        _rebuild(parent, children)


def _rebuild(parent: HtmlElement, children: list[HtmlElement]) -> None:
    """Regroup a parent's inline content into <p> runs split at <br><br> and block children."""
    groups: list[HtmlElement] = []
    current = parent.makeelement("p", {})
    current.text = parent.text

    def close() -> None:
        nonlocal current
        if len(current) or (current.text or "").strip():
            groups.append(current)
        current = parent.makeelement("p", {})

    index = 0
    while index < len(children):
        child = children[index]
        following = children[index + 1] if index + 1 < len(children) else None
        tail = child.tail
        if (
            _is_br(child)
            and following is not None
            and _is_br(following)
            and not (tail or "").strip()
        ):
            while (
                index + 1 < len(children)
                and _is_br(children[index + 1])
                and not (children[index].tail or "").strip()
            ):
                index += 1
            close()
            current.text = children[index].tail
        elif isinstance(child.tag, str) and child.tag in BLOCK_TAGS and not _is_br(child):
            close()
            child.tail = None
            groups.append(child)
            current.text = tail
        else:
            current.append(child)
        index += 1
    close()
    parent.text = None
    for child in list(parent):
        parent.remove(child)
    parent.extend(groups)


def prepare_for_body(
    tree: HtmlElement,
    found_captions: list[FoundCaption],
    bylines: list[HtmlElement],
    values: AttributeValues | None = None,
) -> None:
    """Prune the page in place for trafilatura: captions, bylines and chrome go; `values` are
    the tree's attribute values read before (see `prune_chrome`)."""
    prune_captions(found_captions)
    prune_bylines(bylines)
    prune_chrome(tree, values)
    prune_hidden(tree)
    split_br_paragraphs(tree)


def prepared_copy(tree: HtmlElement) -> HtmlElement:
    """A pruned copy of the page for trafilatura, the original left as it was."""
    copy = deepcopy(tree)
    values = attribute_values(copy)
    prepare_for_body(copy, find_captions(copy, values), byline_elements(copy, values), values)
    return copy
