"""Byline elements in the markup: finding them, and reading the names they hold."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from archive.extraction.authors.names import (
    Credits,
    dedupe,
    looks_like_handle,
    looks_like_name,
    parse_byline,
)
from archive.extraction.authors.words import clean_byline
from archive.extraction.html_tree import (
    AttributeValues,
    collapse,
    elements_by_attribute,
    node_text,
    value_test,
)
from archive.extraction.lexicon import alternatives, chrome, gather
from archive.extraction.regions import in_foreign_container, story_containers

# Byline-like elements: these words in the class, id, rel or itemprop attribute.
BYLINE_ATTRIBUTES = ("class", "id", "rel", "itemprop")
BYLINE_WORDS = re.compile(alternatives(chrome.BYLINE_CLASSES))
# Who took or licensed a picture: class names read like a byline but credit photographers.
PICTURE_AUTHOR = re.compile(rf"{alternatives(chrome.PICTURE_AUTHORS)}[-_]?(?:author|autor)")
# Inside a byline, the elements that hold one name each (author-page links are checked below).
MARKED_NAMES_XPATH = (
    "descendant-or-self::*[@itemprop='author' or @rel='author']//*[@itemprop='name'] "
    "| descendant-or-self::*[@itemprop='author'][not(.//*[@itemprop='name'])] "
    "| descendant-or-self::a[@href or @rel='author']"
)
AUTHOR_PAGE = re.compile(
    rf"/{alternatives(gather('AUTHOR_PAGE_WORDS'))}(?:/|[-_]|\.html|$)|[?&]author=", re.IGNORECASE
)
MAX_BYLINE_CHARS = 200
# This many byline elements of one class, each in its own box, are a list of other stories.
MIN_TEASER_BYLINES = 3
# Where an itemprop/rel="author" element still names the story's author (article meta boxes).
DECLARED_AUTHOR_TAGS = frozenset({"aside", "footer"})
SKIPPED_TAGS = frozenset(
    {"html", "body", "article", "main", "meta", "link", "script", "style", "button", "input",
     "form", "label", "select", "option", "textarea", "img", "svg"}
)  # fmt: skip


def _is_foreign(element: HtmlElement, story: frozenset[HtmlElement]) -> bool:
    """True for bylines of other stories or of readers; declared authors may sit in an aside."""
    if element.get("itemprop") == "author" or element.get("rel") == "author":
        return in_foreign_container(element, DECLARED_AUTHOR_TAGS, story)
    return in_foreign_container(element, story=story)


def byline_elements(tree: HtmlElement, values: AttributeValues | None = None) -> list[HtmlElement]:
    """Byline-like elements (byline/author classes, rel/itemprop author), outermost only;
    `values` are the tree's attribute values when the caller has read them already."""
    found: list[HtmlElement] = []
    kept: set[HtmlElement] = set()
    story = story_containers(tree)
    test = value_test(BYLINE_WORDS, PICTURE_AUTHOR)
    candidates = elements_by_attribute(tree, test, BYLINE_ATTRIBUTES, values)
    for element in candidates:
        if element.tag in SKIPPED_TAGS:
            continue
        if any(a in kept for a in element.iterancestors()):
            continue
        text = node_text(element)
        if text and len(text) <= MAX_BYLINE_CHARS and not _is_foreign(element, story):
            found.append(element)
            kept.add(element)
    return found


def without_teaser_lists(elements: list[HtmlElement]) -> list[HtmlElement]:
    """Byline elements minus lists of teasers: the same class repeated in separate boxes."""
    groups: dict[tuple[str, str], list[HtmlElement]] = {}
    for element in elements:
        groups.setdefault((element.tag, element.get("class") or ""), []).append(element)
    teasers: set[HtmlElement] = set()
    for (_, class_name), members in groups.items():
        if class_name and len(members) >= MIN_TEASER_BYLINES:
            boxes = {_grandparent(m) for m in members}
            if len(boxes) == len(members):
                teasers.update(members)
    return [e for e in elements if e not in teasers] if teasers else elements


def _grandparent(element: HtmlElement) -> HtmlElement | None:
    """The element two levels up (the box holding one teaser), or None at the top."""
    parent = element.getparent()
    return parent.getparent() if parent is not None else None


def marked_names(element: HtmlElement) -> list[str]:
    """Texts the markup declares to be one author each: author-page links, rel/itemprop."""
    found: list[str] = []
    for node in element.xpath(MARKED_NAMES_XPATH):
        href = node.get("href") or ""
        if node.tag == "a" and not (node.get("rel") == "author" or AUTHOR_PAGE.search(href)):
            continue
        text = node_text(node)
        if text and text not in found:
            found.append(text)
    return found


def marked_credits(element: HtmlElement, names: tuple[str, ...]) -> Credits:
    """People named by the byline's markup; one-word names and handles count there."""
    people: list[str] = []
    organisations: list[str] = []
    for text in marked_names(element):
        credits = parse_byline(text, strict=False, site_names=names)
        organisations += credits.organisations
        if credits.people:
            people += credits.people
        elif not credits.organisations and looks_like_handle(text):
            people.append(text)
    return Credits(tuple(dedupe(people)), tuple(dedupe(organisations)))


def parse_element(element: HtmlElement, names: tuple[str, ...]) -> Credits:
    """Names in a byline element: as its markup marks them, else read whole and by pieces."""
    text = node_text(element)
    whole = parse_byline(text, True, names)
    marked = marked_credits(element, names)
    if marked.people:
        return Credits(marked.people, tuple(dedupe([*marked.organisations, *whole.organisations])))
    pieces = [collapse(t) for t in element.itertext() if collapse(t)]
    if len(pieces) >= 2:
        piecewise = parse_byline(", ".join(pieces), strict=True, site_names=names)
        if len(piecewise.people) > len(whole.people):
            return piecewise
    if whole.people or whole.organisations:
        return whole
    single = clean_byline(node_text(element))  # "von Janey", "Jane": a byline of one name
    if looks_like_name(single, strict=False):
        return Credits((single,), ())
    return whole


def element_credits(
    elements: list[HtmlElement], names: tuple[str, ...]
) -> tuple[str | None, Credits]:
    """The first byline element that names people, with its neighbours (multi-author bylines)."""
    for element in elements:
        credits = parse_element(element, names)
        if not credits.people:
            continue
        scope = element.getparent()
        scope = scope.getparent() if scope is not None and scope.getparent() is not None else scope
        inside = set(scope.iterdescendants()) if scope is not None else set()
        group = [e for e in elements if e is element or e in inside]
        people: list[str] = []
        organisations: list[str] = []
        for member in group:
            more = credits if member is element else parse_element(member, names)
            people += more.people
            organisations += more.organisations
        texts = [node_text(member) for member in group]
        byline = node_text(scope) if scope is not None and len(texts) > 1 else texts[0]
        if len(byline) > MAX_BYLINE_CHARS:
            byline = " ".join(texts)
        return byline, Credits(tuple(dedupe(people)), tuple(dedupe(organisations)))
    return None, Credits()
