"""Who wrote it: byline as printed, authors (people) and organisations (agencies, publisher)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from archive.extraction.bylines import byline_elements, element_credits
from archive.extraction.html_tree import collapse, node_text
from archive.extraction.jsonld import as_list, resolve, text_value, types_of
from archive.extraction.names import (
    Credits,
    dedupe,
    name_key,
    parse_byline,
    without_people,
)
from archive.extraction.page import Page
from archive.extraction.regions import in_foreign_container
from archive.extraction.titles import site_names

AUTHOR_META = (
    "dc:creator", "dcterms:creator", "author", "article:author", "article:author_name",
    "parsely-author", "dc.creator", "dcterms.creator", "sailthru.author", "byl",
    "cxenseparse:author", "og:article:author", "citation_author",
)  # fmt: skip
# Printed bylines ("By A and B", "Von A", "홍길동 기자", "A | Staff Writer").
PRINTED_BYLINE = re.compile(
    r"^(?:by|von|par|por|door|av|af|text|texto|written by|posted by|published by|"
    r"geschrieben von|verfasst von|erstellt von|publié par|escrito por|scritto da)"
    r"\s*:?\s+\S.{1,120}$"
    r"|^(?:autor|autorin|autoren|author|authors|verfasser|verfasserin|auteur|autore)"
    r"\s*:\s*\S.{1,120}$"
    r"|^[가-힣]{2,4}\s*(?:기자|특파원)(?:\s|$|=).{0,60}$"
    r"|^[^|,]{3,60}\s*[|,]\s*(?:staff|senior|chief)?\s*(?:writer|reporter|correspondent)\b.{0,30}$",
    re.IGNORECASE,
)
LINES_AFTER_TITLE = 40
# "Jane Doe | 05.04.2025": a name, a separator, then something with a digit.
NAME_THEN_DATE = re.compile(r"^([^|·•]{3,60}?)\s*[|·•]\s*\S.*\d")
# A paragraph that is only a bold name, opening or closing the story's paragraphs.
SIGNATURE_XPATH = "//p[count(*) = 1][b or strong]"
MAX_SIGNATURE_WORDS = 5
MIN_SIGNATURE_SIBLINGS = 3
# Separators a printed byline may start with ("| By Jane Doe | May 3").
LEADING_PUNCTUATION = " |·•–—-:"
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


def printed_credits(
    page: Page, title: str | None, names: tuple[str, ...]
) -> tuple[str | None, Credits]:
    """A byline printed as a line of text ("By A and B") near the headline."""
    lines = page.own_lines
    start, end = 0, len(lines)  # the whole page unless the headline is found
    found = next((i for i, line in enumerate(lines) if title in line), None) if title else None
    if found is not None:
        start, end = found, found + LINES_AFTER_TITLE
    for line in lines[start:end]:
        line = line.lstrip(LEADING_PUNCTUATION)
        if PRINTED_BYLINE.match(line):
            credits = parse_byline(line, strict=True, site_names=names)
            if credits.people or credits.organisations:
                return line, credits
    if found is not None:  # "Jane Doe | 05.04.2025" right under the headline
        for line in lines[start + 1 : end]:
            match = NAME_THEN_DATE.match(line)
            if match:
                credits = parse_byline(match.group(1), strict=True, site_names=names)
                if credits.people and not credits.organisations:
                    return line, credits
    return None, Credits()


def signature_credits(page: Page, names: tuple[str, ...]) -> tuple[str | None, Credits]:
    """A name printed in bold as the first or last paragraph of the story ("**Jane Doe**")."""
    for paragraph in page.tree.xpath(SIGNATURE_XPATH):
        bold = paragraph[0]
        if (paragraph.text or "").strip() or (bold.tail or "").strip():
            continue
        text = node_text(paragraph)
        if len(text.split()) > MAX_SIGNATURE_WORDS or in_foreign_container(paragraph):
            continue
        parent = paragraph.getparent()
        siblings = (
            [p for p in parent if p.tag == "p" and node_text(p)] if parent is not None else []
        )
        if len(siblings) < MIN_SIGNATURE_SIBLINGS or paragraph not in (siblings[0], siblings[-1]):
            continue
        credits = parse_byline(text, strict=True, site_names=names)
        if credits.people and not credits.organisations:
            return text, credits
    return None, Credits()


def clean_printed(byline: str | None) -> str | None:
    """The byline as printed, minus e-mail addresses and links."""
    cleaned = collapse(EMAIL_OR_LINK.sub(" ", byline or "")).strip(" |,;-–—")
    return cleaned or None


def extract_authorship(
    page: Page, title: str | None, bylines: list[HtmlElement] | None = None
) -> Authorship:
    """Byline, authors and organisations from structured data first, then the printed page.

    `bylines` are the page's byline elements when the caller has found them already.
    """
    names = tuple(site_names(page))
    declared = jsonld_credits(page, names)
    if bylines is None:
        bylines = byline_elements(page.tree)
    element_byline, from_elements = element_credits(bylines, names)
    printed_byline, from_text = None, Credits()  # read only when needed: a walk of the page
    if element_byline is None or not (declared.people or from_elements.people):
        printed_byline, from_text = printed_credits(page, title, names)
    from_meta = meta_credits(page, names)
    signature, from_signature = None, Credits()
    if not (declared.people or from_elements.people or from_text.people or from_meta.people):
        signature, from_signature = signature_credits(page, names)
    byline = clean_printed(element_byline or printed_byline or signature)
    for credits in (declared, from_elements, from_text, from_meta, from_signature):
        if credits.people:
            break
    else:
        credits = next(
            (c for c in (declared, from_elements, from_text, from_meta) if c.organisations),
            Credits(),
        )
    organisations = list(without_people(credits).organisations)
    if credits.people:  # the site's own name adds nothing next to its journalists
        sites = {name_key(n) for n in names}
        organisations = [o for o in organisations if name_key(o) not in sites]
    return Authorship(byline, credits.people, tuple(dedupe(organisations)))
