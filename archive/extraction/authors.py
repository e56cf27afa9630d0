"""Who wrote it: byline as printed, authors (people) and organisations (agencies, publisher)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from archive.extraction.html_tree import class_id, collapse, node_text, text_lines
from archive.extraction.jsonld import as_list, resolve, text_value, types_of
from archive.extraction.names import Credits, dedupe, name_key, parse_byline
from archive.extraction.page import Page
from archive.extraction.titles import site_names

AUTHOR_META = (
    "author", "article:author", "parsely-author", "dc.creator", "dcterms.creator",
    "sailthru.author", "byl", "cxenseparse:author", "og:article:author", "citation_author",
)  # fmt: skip
BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or contains(@class, 'byline') "
    "or contains(@class, 'Byline') or contains(@class, 'author') or contains(@class, 'Author') "
    "or contains(@id, 'byline') or contains(@id, 'author') or contains(@class, 'writer') "
    "or contains(@class, 'reporter') or contains(@class, 'autor')]"
)
# Containers whose bylines belong to other articles or to readers.
FOREIGN_CONTAINERS = re.compile(
    r"comment|related|teaser|recommend|sidebar|footer|\bnav|most-?read|popular|newsletter|"
    r"promo|trending|more-?stories|outbrain|taboola|widget|card|list-?item|author-?bio|"
    r"about-?the-?author|caption|credit|copyright"
)
FOREIGN_TAGS = frozenset({"nav", "footer", "aside", "figure", "figcaption"})
MAX_BYLINE_CHARS = 200
SKIPPED_TAGS = frozenset({"html", "body", "article", "main", "meta", "link", "script", "style"})
# Printed bylines ("By A and B", "Von A", "홍길동 기자", "A | Staff Writer").
PRINTED_BYLINE = re.compile(
    r"^(?:by|von|par|por|door|av|af|text|texto|written by)\s*:?\s+\S.{1,120}$"
    r"|^[가-힣]{2,4}\s*(?:기자|특파원)(?:\s|$|=).{0,60}$"
    r"|^[^|,]{3,60}\s*[|,]\s*(?:staff|senior|chief)?\s*(?:writer|reporter|correspondent)\b.{0,30}$",
    re.IGNORECASE,
)
LINES_AFTER_TITLE = 40
EMAIL_OR_LINK = re.compile(r"\S+@\S+\.\w+|https?://\S+")


@dataclass(frozen=True)
class Authorship:
    """The byline as printed and the names it was resolved into."""

    byline: str | None = None
    authors: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()


def jsonld_credits(page: Page, names: tuple[str, ...]) -> Credits:
    """People and organisations from the JSON-LD article's author (and creator) values."""
    if not page.article:
        return Credits()
    people: list[str] = []
    organisations: list[str] = []
    for value in as_list(page.article.get("author")) or as_list(page.article.get("creator")):
        _add_declared(resolve(value, page.jsonld), people, organisations, names)
    return Credits(tuple(dedupe(people)), tuple(dedupe(organisations)))


def _add_declared(
    value: Any, people: list[str], organisations: list[str], names: tuple[str, ...]
) -> None:
    """File one declared author (object or string) under people or organisations."""
    if isinstance(value, dict):
        name = text_value(value)
        if not name:
            return
        if "Organization" in types_of(value) or "NewsMediaOrganization" in types_of(value):
            organisations.append(name)
            return
        value = name
    if isinstance(value, str) and not value.startswith("http"):
        credits = parse_byline(value, strict=False, site_names=names)
        people.extend(credits.people)
        organisations.extend(credits.organisations)


def meta_credits(page: Page, names: tuple[str, ...]) -> Credits:
    """People and organisations from author meta tags (URLs and handles skipped)."""
    for key in AUTHOR_META:
        people: list[str] = []
        organisations: list[str] = []
        for value in page.meta.get(key, []):
            if value and not value.startswith(("http", "@")):
                _add_declared(value, people, organisations, names)
        if people or organisations:
            return Credits(tuple(dedupe(people)), tuple(dedupe(organisations)))
    return Credits()


def _is_foreign(element: HtmlElement) -> bool:
    """True inside a comment, teaser, sidebar, navigation or image-caption container."""
    for ancestor in [element, *element.iterancestors()]:
        if ancestor.tag in {"body", "html"}:
            break
        if ancestor.tag in FOREIGN_TAGS or FOREIGN_CONTAINERS.search(class_id(ancestor)):
            return True
    return False


def _is_foreign_container(element: HtmlElement) -> bool:
    """True for a comment, teaser, sidebar, navigation or caption container itself."""
    return element.tag in FOREIGN_TAGS or bool(FOREIGN_CONTAINERS.search(class_id(element)))


def byline_elements(tree: HtmlElement) -> list[HtmlElement]:
    """Byline-like elements (byline/author classes, rel/itemprop author), outermost only."""
    found: list[HtmlElement] = []
    kept: set[HtmlElement] = set()
    for element in tree.xpath(BYLINE_XPATH):
        if element.tag in SKIPPED_TAGS or any(a in kept for a in element.iterancestors()):
            continue
        text = node_text(element)
        if text and len(text) <= MAX_BYLINE_CHARS and not _is_foreign(element):
            found.append(element)
            kept.add(element)
    return found


def parse_element(element: HtmlElement, names: tuple[str, ...]) -> Credits:
    """Names in a byline element, read whole and piece by piece (names in separate tags)."""
    whole = parse_byline(node_text(element), strict=True, site_names=names)
    pieces = [collapse(t) for t in element.itertext() if collapse(t)]
    if len(pieces) < 2:
        return whole
    piecewise = parse_byline(", ".join(pieces), strict=True, site_names=names)
    return piecewise if len(piecewise.people) > len(whole.people) else whole


def element_credits(page: Page, names: tuple[str, ...]) -> tuple[str | None, Credits]:
    """The first byline element that names people, with its neighbours (multi-author bylines)."""
    elements = byline_elements(page.tree)
    for index, element in enumerate(elements):
        credits = parse_element(element, names)
        if not credits.people:
            continue
        people, organisations = list(credits.people), list(credits.organisations)
        scope = element.getparent()
        scope = scope.getparent() if scope is not None and scope.getparent() is not None else scope
        texts = [node_text(element)]
        inside = set(scope.iterdescendants()) if scope is not None else set()
        for other in elements[index + 1 :]:
            if other in inside:
                more = parse_element(other, names)
                people += more.people
                organisations += more.organisations
                texts.append(node_text(other))
        byline = node_text(scope) if scope is not None and len(texts) > 1 else texts[0]
        if len(byline) > MAX_BYLINE_CHARS:
            byline = " ".join(texts)
        return byline, Credits(tuple(dedupe(people)), tuple(dedupe(organisations)))
    return None, Credits()


def printed_credits(
    page: Page, title: str | None, names: tuple[str, ...]
) -> tuple[str | None, Credits]:
    """A byline printed as a line of text ("By A and B") near the headline."""
    lines = text_lines(page.tree, skip=_is_foreign_container)
    start = 0
    if title:
        start = next((i for i, line in enumerate(lines) if title in line), 0)
    for line in lines[start : start + LINES_AFTER_TITLE]:
        if PRINTED_BYLINE.match(line):
            credits = parse_byline(line, strict=True, site_names=names)
            if credits.people or credits.organisations:
                return line, credits
    return None, Credits()


def clean_printed(byline: str | None) -> str | None:
    """The byline as printed, minus e-mail addresses and links."""
    cleaned = collapse(EMAIL_OR_LINK.sub(" ", byline or "")).strip(" |,;-–—")
    return cleaned or None


def extract_authorship(page: Page, title: str | None) -> Authorship:
    """Byline, authors and organisations from structured data first, then the printed page."""
    names = tuple(site_names(page))
    declared = jsonld_credits(page, names)
    element_byline, from_elements = element_credits(page, names)
    printed_byline, from_text = printed_credits(page, title, names)
    from_meta = meta_credits(page, names)
    byline = clean_printed(element_byline or printed_byline)
    for credits in (declared, from_elements, from_text, from_meta):
        if credits.people:
            break
    else:
        credits = next(
            (c for c in (declared, from_elements, from_text, from_meta) if c.organisations),
            Credits(),
        )
    organisations = list(credits.organisations)
    if credits.people:  # the site's own name adds nothing next to its journalists
        sites = {name_key(n) for n in names}
        organisations = [o for o in organisations if name_key(o) not in sites]
    return Authorship(byline, credits.people, tuple(dedupe(organisations)))
