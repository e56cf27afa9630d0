"""What a caption's markup says: its visible text, and a credit marked up apart from it
(a credit class or microdata, `small`/`cite`/`footer`, a second figcaption, a data attribute)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from archive.extraction.captions.credits import CREDIT_WORDS, LEADING_CREDIT, MAX_CREDIT_WORDS
from archive.extraction.html_tree import (
    BLOCK_TAGS,
    NON_TEXT_TAGS,
    class_matches,
    collapse,
    text_lines,
)

CREDIT_CLASSES = re.compile(
    r"credit|copyright|photographer|fotograf|urheber|quelle|source|byline|author|autor|rights|"
    r"courtesy|attribution|legal"
)
# Schema.org microdata naming a picture's rights holder or author.
CREDIT_ITEMPROPS = frozenset(
    {"creditText", "copyrightHolder", "copyrightNotice", "author", "creator", "sourceOrganization"}
)
# Longer than this, a credit-classed element holds something else (notes, a caption).
MAX_MARKED_CREDIT_WORDS = 25
# Elements icon fonts draw in.
ICON_TAGS = frozenset({"i", "span", "svg"})
# Elements a figure prints its credit in when the credit has no class of its own.
CREDIT_TAGS = frozenset({"small", "cite", "footer"})
# Attributes holding the credit on the image, the figure or the caption (IPTC-style fields).
CREDIT_ATTRIBUTES = (
    "data-credit", "data-image-credit", "data-photo-credit", "data-copyright",
    "data-photographer", "data-credits",
)  # fmt: skip
# Elements whose text a reader never sees: "show more" toggles, hidden duplicates.
HIDDEN_TAGS = frozenset({"button"})


def visible_text(element: HtmlElement) -> str:
    """The element's rendered text, without hidden parts and buttons, whitespace collapsed."""
    return collapse("".join(_texts(element)))


def _texts(element: HtmlElement) -> Iterator[str]:
    """Text pieces in document order; block elements add a space, hidden elements nothing."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag or tag in NON_TEXT_TAGS or _hidden(element):
        return
    block = " " if tag in BLOCK_TAGS else ""
    yield block
    yield element.text or ""
    for child in element:
        yield from _texts(child)
        yield child.tail or ""
    yield block


def is_credit_text(text: str) -> bool:
    """True for a short text that reads like a photo credit ("Image Credits: X", "© X")."""
    credit_like = CREDIT_WORDS.search(text) or "/" in text or text.startswith(("©", "ⓒ"))
    return bool(credit_like) and 0 < len(text.split()) <= MAX_CREDIT_WORDS


def credit_element(caption: HtmlElement, container: HtmlElement) -> HtmlElement | None:
    """A separately marked-up credit inside the caption or its container."""
    around = {caption, *caption.iterancestors()}  # a wrapper of caption and credit is neither
    for scope in (caption, container):
        for element in scope.iter():
            if element is scope or element in around:
                continue
            if not visible_text(element):  # an icon ("fa-copyright") marks its parent
                element = element.getparent() if _is_credit_icon(element) else None
                if element is None or element in around or not visible_text(element):
                    continue
            if _marked_as_credit(element, icon_checked=True):
                return element
    for element in container.iter(*CREDIT_TAGS):
        if _is_credit_tag(element, caption):
            return element
    for other in container.iter("figcaption"):  # a second figcaption holding the credit
        if other is not caption and is_credit_text(visible_text(other)):
            return other
    return _trailing_credit_part(caption)


def _marked_as_credit(element: HtmlElement, icon_checked: bool = False) -> bool:
    """True for an element whose class or microdata says it holds a credit (or, once icons
    are checked, that holds a credit icon), short enough to be one (not an "author-note")."""
    marked = class_matches(element, CREDIT_CLASSES) or element.get("itemprop") in CREDIT_ITEMPROPS
    if not marked and icon_checked:
        marked = any(_is_credit_icon(child) for child in element.iterchildren())
    return marked and len(visible_text(element).split()) <= MAX_MARKED_CREDIT_WORDS


def _is_credit_icon(element: HtmlElement) -> bool:
    """True for an empty icon element with a credit class (`<i class="fa-copyright">`)."""
    return (
        element.tag in ICON_TAGS
        and class_matches(element, CREDIT_CLASSES)
        and not visible_text(element)
    )


def _is_credit_tag(element: HtmlElement, caption: HtmlElement) -> bool:
    """True for a short `small`/`cite`/`footer` credit: beside the caption, or ending it."""
    text = visible_text(element)
    if not 0 < len(text.split()) <= MAX_CREDIT_WORDS or element is caption:
        return False
    if element in caption.iterancestors():
        return False
    return _ends(element, caption) if caption in element.iterancestors() else True


def _ends(element: HtmlElement, caption: HtmlElement) -> bool:
    """True when nothing but whitespace follows the element inside the caption."""
    node = element
    while node is not caption:
        if (node.tail or "").strip() or any(visible_text(s) for s in node.itersiblings()):
            return False
        parent = node.getparent()
        if parent is None:
            return False
        node = parent
    return True


def _trailing_credit_part(caption: HtmlElement) -> HtmlElement | None:
    """The caption's last child when it is a short, credit-like part of its own (unclassed)."""
    parts = [child for child in caption if isinstance(child.tag, str) and visible_text(child)]
    if len(parts) < 2 or (caption.text or "").strip() or (parts[-1].tail or "").strip():
        return None
    last = visible_text(parts[-1])
    credit_like = CREDIT_WORDS.search(last) or "/" in last or last.startswith(("©", "ⓒ"))
    short = len(last.split()) <= MAX_CREDIT_WORDS < len(visible_text(caption).split())
    return parts[-1] if credit_like and short else None


def first_line_credit(caption: HtmlElement) -> str | None:
    """The caption's first rendered line when it is a credit printed before the caption text
    ("© Jane Doe" in a line of its own above it)."""
    lines = text_lines(caption, skip=_hidden)
    if len(lines) < 2 or not 0 < len(lines[0].split()) <= MAX_CREDIT_WORDS:
        return None
    return lines[0] if LEADING_CREDIT.match(lines[0]) else None


def _hidden(element: HtmlElement) -> bool:
    """True for an element a reader never sees."""
    return element.tag in HIDDEN_TAGS or element.get("hidden") is not None


def only_credits(text: str) -> bool:
    """True for a text made only of credit words and agencies ("Getty Images/iStockphoto")."""
    words = [w for w in re.split(r"[\s/|,;+&-]+", text) if w]
    return bool(words) and all(CREDIT_WORDS.fullmatch(w) for w in words)


def attribute_credit(*elements: HtmlElement | None) -> str:
    """A credit written in a data attribute of the image, its figure or its caption."""
    for element in elements:
        if element is None:
            continue
        for attribute in CREDIT_ATTRIBUTES:
            value = collapse(element.get(attribute))
            if value:
                return value
    return ""
