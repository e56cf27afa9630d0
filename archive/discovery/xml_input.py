"""Untrusted discovery XML read safely: nothing expanded or fetched, broken markup recovered."""

from __future__ import annotations

import re

from lxml import etree

XML_DECLARATION = b"<?xml"
FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
# An `&` that starts no entity or character reference. CDATA sections are found with
# `bytes.find`: a lazy `<!\[CDATA\[.*?\]\]>` rescans to the end for every unclosed one, which
# made a page of repeated `<![CDATA[` take minutes (quadratic).
BARE_AMPERSAND = re.compile(rb"&(?!(?:[A-Za-z_][\w.-]*|#[0-9]+|#x[0-9A-Fa-f]+);)")
CDATA_START, CDATA_END = b"<![CDATA[", b"]]>"
ESCAPED_AMPERSAND = b"&amp;"


def safe_parser() -> etree.XMLParser:
    """A forgiving parser that expands no entities, loads no DTD and touches no network."""
    return etree.XMLParser(
        recover=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def xml_root(data: bytes) -> etree._Element | None:
    """The root element, bare `&` escaped and junk before the XML declaration skipped; or None."""
    data = escape_bare_ampersands(data)
    root = _root(data)
    start = data.find(XML_DECLARATION)
    if root is None and start > 0:
        root = _root(data[start:])
    return root


def _root(data: bytes) -> etree._Element | None:
    """The root element lxml recovers, or None."""
    try:
        root = etree.fromstring(data, safe_parser())
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root if root is not None and isinstance(root.tag, str) else None


def escape_bare_ampersands(data: bytes) -> bytes:
    """`?a=1&b=2` made `?a=1&amp;b=2`, which recovery would otherwise cut to `?a=1=2`.

    Only for ASCII-compatible encodings; CDATA sections are left as they are.
    """
    if b"\x00" in data[:4]:
        return data  # UTF-16 or UTF-32: bytes are not characters here
    parts, position = [], 0
    while (start := data.find(CDATA_START, position)) >= 0:
        end = data.find(CDATA_END, start + len(CDATA_START))
        if end < 0:
            break  # an unclosed CDATA section is text like any other
        end += len(CDATA_END)
        parts += [BARE_AMPERSAND.sub(ESCAPED_AMPERSAND, data[position:start]), data[start:end]]
        position = end
    parts.append(BARE_AMPERSAND.sub(ESCAPED_AMPERSAND, data[position:]))
    return b"".join(parts)


def declares_entities(data: bytes) -> bool:
    """Whether the prolog declares entities (as entity-expansion bombs do); UTF-16/32 too."""
    sample = data.replace(b"\x00", b"")
    first = FIRST_ELEMENT.search(sample)
    head = sample[: first.start()] if first else sample
    return ENTITY_DECLARATION.search(head) is not None


def local_name(element: etree._Element) -> str:
    """The tag without namespace or prefix, lower-cased: `{ns}urlset`, `news:title` -> `title`."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2].rpartition(":")[2].lower()


def children(element: etree._Element, name: str) -> list[etree._Element]:
    """Child elements with this local name, in document order."""
    return [child for child in element if local_name(child) == name]


def descendants(element: etree._Element, name: str) -> list[etree._Element]:
    """Elements below `element` with this local name, also where recovery nested them."""
    return [found for found in element.iterdescendants() if local_name(found) == name]


def child_value(element: etree._Element, name: str) -> str | None:
    """The first such child's own text, stripped (a URL or date, not text nested in it)."""
    for child in children(element, name):
        value = "".join([child.text or "", *(nested.tail or "" for nested in child)]).strip()
        return value or None
    return None


def child_text(element: etree._Element, name: str) -> str | None:
    """The first such child's text and its descendants', whitespace collapsed; None if empty."""
    for child in children(element, name):
        text = " ".join(str(child.xpath("string()")).split())
        return text or None
    return None
