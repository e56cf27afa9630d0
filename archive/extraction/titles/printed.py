"""The printed headline: the story's <h1> as read on the page, its kicker set apart.

Left out: the site-title <h1> of blog themes, a link to the front page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import deepcopy
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from archive.extraction.html_tree import BLOCK_TAGS, NON_TEXT_TAGS, collapse, node_text, text_key
from archive.extraction.page import Page
from archive.extraction.titles.site_names import TITLE_SEPARATORS, is_site_name
from archive.extraction.titles.wording import agrees
from archive.extraction.words import text_size

# Headline-like elements other than h1: where a story prints its headline when the h1 is not it.
HEADLINE_XPATH = (
    "//*[contains(@class, 'headline') or contains(@class, 'title') "
    "or @itemprop='headline'][self::h2 or self::div or self::span or self::p]"
)
MIN_HEADLINE_WORDS = 2
# A kicker ("Climate crisis" printed above "Drilling until it gets hot") is at most this many
# letters and digits; a longer first line is part of the headline. What is left must be this long.
MAX_KICKER_CHARS = 80
MIN_REST_CHARS = 8
# What may stand between a kicker and its headline: separators, often in a visually hidden span
# so that copied text reads "Topic: Headline".
_SEPARATORS = " \t\r\n:|-–—·•/"
_ENDS_WITH_SEPARATOR = re.compile(r"[:|\-–—·•/]\s*$")
# A link to a site's front page: no path beyond "/" (a query such as "?locale=de" may follow).
_HOME_PATHS = frozenset({"", "/"})
# The original address inside an archived link (web.archive.org/web/2008…/http://site.example/).
_ARCHIVED_ORIGINAL = re.compile(r"/(https?://.*)$")


def printed_headline(page: Page, name_keys: set[str], titles: list[str]) -> str | None:
    """The story's printed headline, or None when the page prints none.

    `titles` are the metadata titles: they pick among several h1, find a headline printed
    without one, and tell whether a kicker belongs to the headline.
    """
    leads = _site_titled(titles, name_keys)
    h1s = [
        h
        for h in map(without_ruby, page.tree.iter("h1"))
        if not is_site_title(h, page.url)
        and (is_headline(node_text(h), name_keys) or text_key(node_text(h)) in leads)
    ]
    chosen = next((h for h in h1s if agrees(node_text(h), titles)), h1s[0] if h1s else None)
    if chosen is None:
        chosen = next(
            (
                e
                for e in page.tree.xpath(HEADLINE_XPATH)
                if is_headline(node_text(e), name_keys) and agrees(node_text(e), titles)
            ),
            None,
        )
    return None if chosen is None else headline_text(chosen, titles)


def without_ruby(heading: HtmlElement) -> HtmlElement:
    """The heading without ruby readings (<rt>, <rp>): a copy, when it has any."""
    if next(heading.iter("rt", "rp"), None) is None:
        return heading
    copy = deepcopy(heading)
    for reading in list(copy.iter("rt", "rp")):
        reading.drop_tree()  # keeps its tail
    return copy


def _site_titled(titles: list[str], name_keys: set[str]) -> set[str]:
    """Keys of what titles give before the site's name ("Winterpike | Angler's Weekly"): a
    one-word h1 reading so is the headline."""
    parts = [[p for p in TITLE_SEPARATORS.split(t, maxsplit=2) if p.strip()] for t in titles]
    return {text_key(p[0]) for p in parts if len(p) > 1 and is_site_name(p[1], name_keys)}


def is_headline(text: str, name_keys: set[str]) -> bool:
    """True for text long enough to be a headline and not just the site's name."""
    return text_size(text) >= MIN_HEADLINE_WORDS and text_key(text) not in name_keys


def headline_text(heading: HtmlElement, titles: Sequence[str] = ()) -> str:
    """The heading's text without a kicker printed apart before the headline, unless a
    metadata title gives the two as one headline ("Topic: Headline").

    A kicker is the heading's first piece of text when it is an element of its own that the
    page sets apart: a block ("<div class=topic>"), a styled span ("<span class=kicker>"), or
    one followed by a line break, a separator or another element.
    """
    whole = node_text(heading)
    kicker = _leading_kicker(heading)
    if kicker is None:
        return whole
    rest = collapse("".join(_texts_after(kicker))).lstrip(_SEPARATORS).strip()
    if len(text_key(rest)) < MIN_REST_CHARS or _joined(node_text(kicker), titles):
        return whole
    return rest


def _joined(kicker: str, titles: Sequence[str]) -> bool:
    """True when a title starts with the kicker and a colon: one headline to the publisher."""
    start = re.compile(re.escape(kicker.rstrip(_SEPARATORS)) + r"\s*:", re.IGNORECASE)
    return any(start.match(title) for title in titles)


def _leading_kicker(heading: HtmlElement) -> HtmlElement | None:
    """The element holding the heading's first text when it is set apart as a kicker; a lone
    wrapper ("<h1><span itemprop=headline>…</span></h1>") is looked into."""
    element = heading
    while True:
        if (element.text or "").strip():
            return None
        children = list(element)
        shown = [c for c in children if _shows_text(c)]
        if not shown:
            return None
        first = shown[0]
        at = children.index(first)
        if any((c.tail or "").strip() for c in children[:at]):
            return None
        if len(shown) > 1 or any((c.tail or "").strip() for c in children[at:]):
            break
        element = first  # a wrapper: look inside
    kicker = node_text(first)
    if len(text_key(kicker)) > MAX_KICKER_CHARS or not _set_apart(first, kicker):
        return None
    return first


def _shows_text(element: HtmlElement) -> bool:
    """True for an element with text a reader sees."""
    return (
        isinstance(element.tag, str)
        and element.tag not in NON_TEXT_TAGS
        and bool(node_text(element))
    )


def _set_apart(element: HtmlElement, text: str) -> bool:
    """True when the page prints the element on a line of its own before what follows."""
    following = element.getnext()
    broken = following is not None and following.tag == "br"
    block = element.tag in BLOCK_TAGS
    if not (block or broken or element.get("class") or element.get("style")):
        return False
    tail = element.tail or ""
    return (
        block
        or broken
        or not tail.strip()  # the headline is an element of its own
        or "\n" in tail[: len(tail) - len(tail.lstrip())]  # or starts on a new source line
        or bool(_ENDS_WITH_SEPARATOR.search(text))
    )


def _texts_after(element: HtmlElement) -> list[str]:
    """The visible text following an element inside its parent, with separating spaces."""
    pieces = [element.tail or ""]
    for sibling in element.itersiblings():
        if isinstance(sibling.tag, str) and sibling.tag not in NON_TEXT_TAGS:
            pieces += [" ", node_text(sibling), " "]
        pieces.append(sibling.tail or "")
    return pieces


def is_site_title(h1: HtmlElement, page_url: str | None) -> bool:
    """True for an h1 that is only a link to a front page: a theme's site title, not a story's
    headline ("<h1><a href="/">Four Years Remaining</a></h1>")."""
    links = h1.xpath(".//a[@href]")
    if len(links) != 1 or node_text(links[0]) != node_text(h1):
        return False
    href = links[0].get("href", "").strip()
    try:
        target = urljoin(page_url, href) if page_url else href
        archived = _ARCHIVED_ORIGINAL.search(urlsplit(target).path)
        return urlsplit(archived.group(1) if archived else target).path in _HOME_PATHS
    except ValueError:  # a malformed address ("http://[::1")
        return False
