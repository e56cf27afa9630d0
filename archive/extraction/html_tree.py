"""Bytes to one parsed lxml tree: robust decoding, tolerant parsing, text helpers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache

import charset_normalizer
from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    document_fromstring,
)
from w3lib.encoding import html_to_unicode, read_bom, resolve_encoding

# How much of the page the charset detector looks at (it is slow on whole pages).
DETECT_BYTES = 64_000
# Share of U+FFFD in the decoded text above which a declared charset is distrusted.
MAX_REPLACEMENT_SHARE = 0.001
# Characters lxml refuses (XML-incompatible control characters) and XML declarations.
CONTROL_CHARS = (*map(chr, (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20))), "\ufffe", "\uffff")
_CONTROL_CHARS = re.compile(f"[{''.join(CONTROL_CHARS)}]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Bytes below 0x20 other than tab and line breaks are rare in text and common in binary data.
BINARY_SAMPLE_BYTES = 4096
MAX_CONTROL_SHARE = 0.02
UTF_ENCODINGS = frozenset({"utf-8", "utf8", "utf-16", "utf-16-le", "utf-16-be", "utf-32"})
_WS = re.compile(r"\s+")
# Bytes no text has: C0 controls other than tab, line feed, vertical tab, form feed, return.
_CONTROL_BYTES = bytes(range(0x09)) + bytes(range(0x0E, 0x20))
_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is what str.isalnum() accepts, plus "_"
CLASS_CACHE_SIZE = 16_384
_PARSER = HTMLParser(remove_comments=True, remove_pis=True)
# lxml.html looks up each element's Python class in Python (form, input, label… get their own);
# one class for all, looked up in C, makes every tree walk cheaper.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)
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


def detect_encoding(data: bytes) -> str | None:
    """The encoding of undeclared bytes: strict UTF-8 first, then statistical detection."""
    sample = data[:DETECT_BYTES]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # not just a character cut at the sample's end
            best = charset_normalizer.from_bytes(sample).best()
            return resolve_encoding(best.encoding) if best is not None else "cp1252"
    return "utf-8"


def _valid_utf8(data: bytes) -> str | None:
    """The bytes as text when they are non-ASCII, well-formed UTF-8 (never chance in 8-bit text)."""
    if data.isascii():
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def decode_html(data: bytes) -> str:
    """Decode page bytes honouring BOM and meta charset, detecting when undeclared or wrong."""
    encoding, text = html_to_unicode(None, data, auto_detect_fun=detect_encoding)
    if encoding not in UTF_ENCODINGS and read_bom(data)[0] is None:
        utf8 = _valid_utf8(data)  # a page saved as UTF-8 that still declares its old charset
        if utf8 is not None:
            return utf8
    if text.count("\ufffd") > MAX_REPLACEMENT_SHARE * len(text) + 1:
        detected = detect_encoding(data)
        if detected and detected != encoding:
            text = data.decode(detected, errors="replace")
    return text


def parse_html(text: str) -> HtmlElement | None:
    """Parse decoded HTML into an lxml tree, or None when there is nothing to parse."""
    if text.lstrip()[:5].lower() == "<?xml":
        text = _XML_DECLARATION.sub("", text, count=1)
    if any(char in text for char in CONTROL_CHARS):  # memchr scans: far quicker than a regex
        text = _CONTROL_CHARS.sub("", text)
    if not text.strip():
        return None
    try:
        tree = document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None
    return tree if isinstance(tree, HtmlElement) else None


def looks_binary(data: bytes) -> bool:
    """True for bytes that are no text at all (images, PDFs, compressed or random data)."""
    sample = data[:BINARY_SAMPLE_BYTES]
    if read_bom(sample)[0] is not None or not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > MAX_CONTROL_SHARE * len(sample)


def load_tree(data: bytes) -> HtmlElement | None:
    """Decode and parse page bytes once; None for empty, binary or unparseable input."""
    return None if looks_binary(data) else parse_html(decode_html(data))


def collapse(text: str | None) -> str:
    """Whitespace runs to single spaces, trimmed; None to ''."""
    return _WS.sub(" ", text or "").strip()


def node_text(element: HtmlElement) -> str:
    """The visible text of an element, whitespace collapsed, scripts and styles skipped."""
    return collapse("".join(_texts(element)))


def _texts(element: HtmlElement) -> Iterator[str]:
    """Text pieces of an element in document order; block elements and <br> add a space."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in NON_TEXT_TAGS or not tag:
        return
    block = " " if tag in BLOCK_TAGS else ""
    yield block
    if element.text:
        yield element.text
    for child in element:
        yield from _texts(child)
        if child.tail:
            yield child.tail
    yield block


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


def elements_by_attribute(
    tree: HtmlElement, test: Callable[[str], bool], attributes: tuple[str, ...] = ("class", "id")
) -> list[HtmlElement]:
    """Elements with an attribute value passing `test`, in document order, each once.

    Reading attribute values (strings) and making element proxies only for the hits is much
    cheaper than visiting every classed element.
    """
    found: list[HtmlElement] = []
    seen: set[HtmlElement] = set()
    for value in tree.xpath(" | ".join(f"//@{name}" for name in attributes)):
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
