"""Bytes to one parsed lxml tree: robust decoding, tolerant parsing, text helpers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    document_fromstring,
)

from archive.extraction.charset import decode_html, looks_binary

if TYPE_CHECKING:
    from lxml.etree import _ElementUnicodeResult

# Characters lxml refuses (XML-incompatible control characters) and XML declarations.
CONTROL_CHARS = (*map(chr, (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20))), "\ufffe", "\uffff")
_CONTROL_CHARS = re.compile(f"[{''.join(CONTROL_CHARS)}]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is what str.isalnum() accepts, plus "_"
CLASS_CACHE_SIZE = 16_384
# huge_tree lifts libxml2's depth cut from 256 to 2048 levels; a page whose story sits deeper
# (thousands of unclosed <font>/<b>/<span> from a legacy CMS, tables in tables) is parsed again
# without its wrapper, table and inline tags: their text stays, the nesting goes.
_PARSER = HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
# Trees deeper than this are flattened; the tree walks recurse once per level (limit 1000).
MAX_TREE_DEPTH = 250
_DEEPER_THAN_MAX = "*/" * (MAX_TREE_DEPTH - 1) + "*"  # one pass over the tree, in C
# Wrappers (and layout tables) end a line: each becomes a space.
_WRAPPER_TAGS = re.compile(
    r"</?(?:div|center|table|tbody|thead|tfoot|tr|td|th)\b[^>]*>", re.IGNORECASE
)
_INLINE_TAGS = re.compile(
    r"</?(?:span|font|b|i|u|em|strong|small|big|tt|s|strike|ins|del)\b[^>]*>", re.IGNORECASE
)
# lxml.html looks up each element's Python class in Python (form, input, label… get their own);
# one class for all, looked up in C, makes every tree walk cheaper.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)
# Attributes whose values name what an element is (byline, caption, chrome); read in one pass.
SEARCHED_ATTRIBUTES = ("class", "id", "rel", "itemprop")
_SEARCHED_VALUES = etree.XPath(" | ".join(f"//@{name}" for name in SEARCHED_ATTRIBUTES))
# Elements whose text is never page content.
NON_TEXT_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe"})
# Elements that end a line of text when rendered.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br", "html", "head", "title",
    }
)  # fmt: skip


def parse_html(text: str) -> HtmlElement | None:
    """Parse decoded HTML into an lxml tree, or None when there is nothing to parse."""
    if text.lstrip()[:5].lower() == "<?xml":
        text = _XML_DECLARATION.sub("", text, count=1)
    if any(char in text for char in CONTROL_CHARS):  # memchr scans: far quicker than a regex
        text = _CONTROL_CHARS.sub("", text)
    if not text.strip():
        return None
    tree = _parse(text)
    if tree is not None and tree.xpath(_DEEPER_THAN_MAX):
        flat = _parse(_INLINE_TAGS.sub("", _WRAPPER_TAGS.sub(" ", text)))
        tree = flat if flat is not None else tree
        # Still too deep (tables in tables): below the limit the text stays, the nesting goes.
        for deepest in tree.xpath(_DEEPER_THAN_MAX):
            etree.strip_elements(deepest, *NON_TEXT_TAGS, with_tail=False)
            etree.strip_tags(deepest, "*")
    return tree


def _parse(text: str) -> HtmlElement | None:
    try:
        tree = document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None
    return tree if isinstance(tree, HtmlElement) else None


def load_tree(data: bytes, content_type: str | None = None) -> HtmlElement | None:
    """Decode and parse page bytes once; None for empty, binary or unparseable input."""
    return None if looks_binary(data) else parse_html(decode_html(data, content_type))


@dataclass(frozen=True)
class AttributeValues:
    """A tree's values of `SEARCHED_ATTRIBUTES` in document order; each knows its element and
    its attribute's name (lxml "smart strings")."""

    values: tuple[_ElementUnicodeResult, ...]
    _subsets: dict[frozenset[str], tuple[_ElementUnicodeResult, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def of(self, attributes: Iterable[str]) -> tuple[_ElementUnicodeResult, ...]:
        """The values of some of the attributes, in document order (each subset picked once)."""
        names = frozenset(attributes)
        if names >= frozenset(SEARCHED_ATTRIBUTES):
            return self.values
        if names not in self._subsets:
            self._subsets[names] = tuple(v for v in self.values if v.attrname in names)
        return self._subsets[names]


def collapse(text: str | None) -> str:
    """Whitespace runs to single spaces, trimmed; None to ''."""
    # str.split() and the regex \s agree on what is whitespace; splitting is several times faster
    return " ".join((text or "").split())


def node_text(element: HtmlElement) -> str:
    """The visible text of an element, whitespace collapsed, scripts and styles skipped."""
    pieces: list[str] = []
    _add_texts(element, pieces)
    return collapse("".join(pieces))


def _add_texts(element: HtmlElement, pieces: list[str]) -> None:
    """Add an element's text pieces in document order; block elements and <br> add a space.

    Appending to one list (not nested generators) keeps deep trees linear.
    """
    tag = element.tag
    if not isinstance(tag, str) or tag in NON_TEXT_TAGS:
        return
    block = tag in BLOCK_TAGS
    if block:
        pieces.append(" ")
    if element.text:
        pieces.append(element.text)
    for child in element:
        _add_texts(child, pieces)
        if child.tail:
            pieces.append(child.tail)
    if block:
        pieces.append(" ")


def following_elements(element: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after this one in document order, its own descendants aside (XPath's
    `following::*`), found lazily: readers usually stop after a few."""
    node: HtmlElement | None = element
    while node is not None:
        for sibling in node.itersiblings():
            for following in sibling.iter():
                if isinstance(following.tag, str):
                    yield following
        node = node.getparent()


def class_id(element: HtmlElement) -> str:
    """The element's class and id attributes as one lower-case string for pattern tests."""
    return f"{element.get('class', '')} {element.get('id', '')}".lower()


def class_matches(element: HtmlElement, pattern: re.Pattern[str]) -> bool:
    """True when the pattern occurs in the element's lower-cased class and id."""
    return _class_matches(pattern, element.get("class") or "", element.get("id") or "")


@lru_cache(maxsize=CLASS_CACHE_SIZE)
def _class_matches(pattern: re.Pattern[str], class_attr: str, id_attr: str) -> bool:
    """Pattern tests on class strings, remembered: pages repeat the same classes many times."""
    return bool(pattern.search(f"{class_attr} {id_attr}".lower()))


def value_test(
    pattern: re.Pattern[str], strip: re.Pattern[str] | None = None
) -> Callable[[str], bool]:
    """A remembered test of attribute values: lower-cased, `strip` removed, then searched."""
    return _value_test(pattern, strip)


@lru_cache(maxsize=64)
def _value_test(pattern: re.Pattern[str], strip: re.Pattern[str] | None) -> Callable[[str], bool]:
    @lru_cache(maxsize=CLASS_CACHE_SIZE)
    def test(value: str) -> bool:
        text = value.lower()
        return bool(pattern.search(strip.sub(" ", text) if strip else text))

    return test


def attribute_values(tree: HtmlElement) -> AttributeValues:
    """The tree's class, id, rel and itemprop values, read once for a page's several searches."""
    return AttributeValues(tuple(_SEARCHED_VALUES(tree)))  # type: ignore[arg-type]


def elements_by_attribute(
    tree: HtmlElement,
    test: Callable[[str], bool],
    attributes: tuple[str, ...] = ("class", "id"),
    values: AttributeValues | None = None,
) -> list[HtmlElement]:
    """Elements with an attribute value passing `test`, in document order, each once.

    Reading attribute values (strings) and making element proxies only for the hits is much
    cheaper than visiting every classed element. `values` (from `attribute_values`) saves
    reading them again; taken before elements were removed, it may also name removed ones.
    """
    found: list[HtmlElement] = []
    seen: set[HtmlElement] = set()
    if values is None or not set(attributes).issubset(SEARCHED_ATTRIBUTES):
        scanned: Iterable[_ElementUnicodeResult] = tree.xpath(
            " | ".join(f"//@{name}" for name in attributes)
        )
    else:
        scanned = values.of(attributes)
    for value in scanned:
        if test(str(value)):
            element = value.getparent()
            if element is not None and element not in seen:
                seen.add(element)
                found.append(element)
    return found


def text_key(text: str) -> str:
    """A loose comparison key: NFKC, case-folded, letters and digits only."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


def text_lines(
    element: HtmlElement, skip: Callable[[HtmlElement], bool] | None = None
) -> list[str]:
    """The element's text split into rendered lines (block elements and <br> break lines)."""
    return split_lines(element, skip)[1 if skip is not None else 0]


def split_lines(
    element: HtmlElement, skip: Callable[[HtmlElement], bool] | None = None
) -> tuple[list[str], list[str]]:
    """In one walk: all rendered lines, and the lines outside elements that `skip` rejects."""
    every: list[str] = []
    kept: list[str] = []
    current_every: list[str] = []
    current_kept: list[str] = []

    def flush(current: list[str], lines: list[str]) -> None:
        if not current:  # blocks follow blocks: most flushes find nothing
            return
        line = collapse(" ".join(current))
        if line:
            lines.append(line)
        current.clear()

    def walk(node: HtmlElement, skipped: bool) -> None:
        tag = node.tag
        if not isinstance(tag, str) or tag in NON_TEXT_TAGS:
            return
        skipped = skipped or (skip is not None and skip(node))
        block = tag in BLOCK_TAGS
        if block:
            flush(current_every, every)
            if not skipped:
                flush(current_kept, kept)
        if node.text:
            current_every.append(node.text)
            if not skipped:
                current_kept.append(node.text)
        for child in node:
            walk(child, skipped)
            if child.tail:
                current_every.append(child.tail)
                if not skipped:
                    current_kept.append(child.tail)
        if block:
            flush(current_every, every)
            if not skipped:
                flush(current_kept, kept)

    walk(element, False)
    flush(current_every, every)
    flush(current_kept, kept)
    return every, kept
