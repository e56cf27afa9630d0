"""Who wrote it: byline as printed, authors (people) and organisations (agencies, publisher)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from archive.extraction.authors.elements import (
    byline_elements,
    element_credits,
    without_teaser_lists,
)
from archive.extraction.authors.names import (
    Credits,
    dedupe,
    looks_like_name,
    name_key,
    parse_byline,
    without_people,
)
from archive.extraction.authors.printed import closing_credits, printed_credits, signature_credits
from archive.extraction.authors.words import EMAIL_OR_LINK, EMPTY_BRACKETS
from archive.extraction.html_tree import collapse
from archive.extraction.jsonld import as_list, resolve, text_value, types_of
from archive.extraction.page import Page
from archive.extraction.titles import site_names

AUTHOR_META = (
    "dc:creator", "dcterms:creator", "author", "article:author", "article:author_name",
    "parsely-author", "dc.creator", "dcterms.creator", "sailthru.author", "byl",
    "cxenseparse:author", "og:article:author", "citation_author",
)  # fmt: skip
# A capitalised surname word, as a person's bio continues their first name.
SURNAME = r"[A-ZÄÖÜÀ-Þ][\w'’-]+"


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
        value = full_name(name, text_value(value.get("description")))
    if isinstance(value, str) and not value.startswith("http"):
        credits = parse_byline(value, strict=False, site_names=names)
        people.extend(credits.people)
        organisations.extend(credits.organisations)


def full_name(name: str, description: str | None) -> str:
    """A first name made whole by the bio that opens with it ("Jane" + "Jane Doe ist …")."""
    if " " in name or not description:
        return name
    found = re.match(rf"{re.escape(name)}(?:\s+{SURNAME}){{1,2}}(?=[\s,.:;–-]|$)", description)
    return found.group() if found and looks_like_name(found.group()) else name


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


def clean_printed(byline: str | None) -> str | None:
    """The byline as printed, minus e-mail addresses and links."""
    cleaned = collapse(EMPTY_BRACKETS.sub(" ", EMAIL_OR_LINK.sub(" ", byline or "")))
    cleaned = cleaned.strip(" |,;-–—")
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
    story_bylines = without_teaser_lists(bylines)
    element_byline, from_elements = element_credits(story_bylines, names)
    printed_byline, from_text = None, Credits()  # read only when needed: a walk of the page
    if element_byline is None or not (declared.people or from_elements.people):
        printed_byline, from_text, under_headline = printed_credits(page, title, names)
        if not (from_elements.people or (under_headline and from_text.people)):
            # on index pages the first teaser's byline is all there is
            teaser_byline, from_teasers = element_credits(bylines, names)
            if from_teasers.people:
                element_byline, from_elements = teaser_byline, from_teasers
    from_meta = meta_credits(page, names)
    signature, from_signature = None, Credits()
    closing, from_closing = None, Credits()
    if not (declared.people or from_elements.people or from_text.people or from_meta.people):
        signature, from_signature = signature_credits(page, names)
        if not from_signature.people:  # a closing byline, an editor's
            closing, from_closing = closing_credits(page, title, names)
    byline = clean_printed(element_byline or printed_byline or signature or closing)
    for credits in (declared, from_elements, from_text, from_meta, from_signature, from_closing):
        if credits.people:
            break
    else:
        credits = next(
            (c for c in (declared, from_elements, from_text, from_meta) if c.organisations),
            Credits(),
        )
    organisations = list(without_people(credits).organisations)
    if credits.people:  # the site's name adds nothing next to its journalists
        sites = {name_key(n) for n in names}
        organisations = [o for o in organisations if name_key(o) not in sites]
    return Authorship(byline, credits.people, tuple(dedupe(organisations)))
