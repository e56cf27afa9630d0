"""What the status rules read from a page, gathered in one tolerant parse."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from lxml import etree
from lxml.html import HtmlElement
from w3lib.encoding import http_content_type_encoding

from archive.extraction.article import ParsedPage
from archive.extraction.charset import decode_html, looks_binary
from archive.extraction.html_tree import collapse, parse_html
from archive.extraction.jsonld import JsonObject, jsonld_objects
from archive.extraction.page import meta_tags
from archive.extraction.words import text_size
from archive.pages.kind import declares_article
from archive.pages.status.patterns import CUT_ENDING, LOCKED_TIERS
from archive.records import Article

# Elements whose text and attributes no reader sees; dropped once JSON-LD has been read.
_UNSEEN = ("script", "style", "template")
# The main headings, which may announce an error page (not h2: listings use it for headlines).
_HEADINGS = "(//h1)[position() <= 3]"
# Links whose text is read (for "Read the full story"); longer texts are not such links.
MAX_LINK_TEXT = 80
_SHORT_LINKS = f"//a[string-length(normalize-space()) <= {MAX_LINK_TEXT}]"
# At most this many headings or links are read.
MAX_ELEMENTS = 2000
# Plain strings: lxml's default "smart" strings (which know their element) cost twice as much.
_CLASS_ID = tuple(etree.XPath(path, smart_strings=False) for path in ("//@class", "//@id"))
_SEPARATOR = "\x00"  # joins texts read in one pass; no page text keeps it
_CONTENT_TIER_KEYS = ("article:content_tier", "content_tier")
_WORD_COUNT_KEYS = ("wordCount", "wordcount")
_FALSE = frozenset({"false", "0", "no"})


@dataclass(frozen=True)
class Body:
    """The extracted article body: its size in words (dense scripts counted by characters) and
    its text before the last paragraph, where a phrase is the article quoting it, not the page
    showing it (a paywall notice ends the visible text, so the last paragraph is not included).
    """

    words: int
    paragraphs: int
    leading: tuple[str, ...] = ()  # the paragraphs before the last
    trails_off: bool = False  # the last paragraph ends in an ellipsis

    @cached_property
    def quoting(self) -> str:
        """The paragraphs before the last, lower-cased and whitespace-collapsed (read only when
        a phrase is found on the page)."""
        return collapse(" ".join(self.leading)).lower()

    def describe(self) -> str:
        """Human-readable size, e.g. '2 paragraphs (87 words)'."""
        noun = "paragraph" if self.paragraphs == 1 else "paragraphs"
        return f"{self.paragraphs} {noun} ({self.words} words)"


class PageFacts:
    """The page's title, headings, visible text, links, source and paywall metadata.

    Each fact is read when a rule first asks for it: most pages hold a body long enough that
    the rules never look at the page text, so the page is only parsed for the pages that need
    it. Texts are whitespace-collapsed and lower-cased, as the patterns expect them.
    """

    def __init__(self, html: bytes, page: ParsedPage | None = None) -> None:
        self._html = b"" if not html or looks_binary(html) else html
        self._page = page

    @cached_property
    def source(self) -> bytes:
        """The page bytes, lower-cased (ASCII letters only)."""
        return self._html.lower()

    @cached_property
    def is_article(self) -> bool:
        """Whether the page's metadata calls it an article."""
        return bool(self._html) and declares_article(self._html)

    @cached_property
    def _parsed(self) -> _Parsed:
        """The parse every tree-based fact shares: extraction's, when it read the same text."""
        if self._html and self._page is not None and _same_text(self._html, self._page):
            return _from_tree(self._page.tree, self._page.jsonld, self._page.meta)
        return _parse(self._html)

    @cached_property
    def title(self) -> str:
        """The page's <title>."""
        tree = self._parsed.tree
        return "" if tree is None else _lower_text([tree.findtext(".//title") or ""])

    @cached_property
    def headings(self) -> tuple[str, ...]:
        """The first main headings (h1) of the page."""
        return _lower_texts([h.text_content() for h in _elements(self._parsed.tree, _HEADINGS)])

    @cached_property
    def text(self) -> str:
        """Everything a reader sees in the page's body."""
        tree = self._parsed.tree
        if tree is None:
            return ""
        body = tree.find("body")
        return _lower_text(list((body if body is not None else tree).itertext()))

    @cached_property
    def text_words(self) -> int:
        """The size of the page text in words."""
        return text_size(self.text)

    @cached_property
    def links(self) -> tuple[str, ...]:
        """The texts of the page's short links."""
        return _lower_texts([a.text_content() for a in _elements(self._parsed.tree, _SHORT_LINKS)])

    @cached_property
    def class_words(self) -> frozenset[str]:
        """Every word of the page's class and id attributes."""
        tree = self._parsed.tree
        if tree is None:
            return frozenset()
        values = [value for xpath in _CLASS_ID for value in _strings(tree, xpath)]
        return frozenset(_lower_text(values).split())

    @property
    def locked(self) -> str | None:
        """How the page declares itself not free, if it does."""
        return self._parsed.locked

    @property
    def declared_words(self) -> int | None:
        """The article's word count as its JSON-LD declares it."""
        return self._parsed.declared_words


@dataclass(frozen=True)
class _Parsed:
    """The page's tree with unseen elements removed, and what was read before removing them."""

    tree: HtmlElement | None
    locked: str | None = None
    declared_words: int | None = None


def _parse(html: bytes) -> _Parsed:
    """One tolerant parse: JSON-LD and meta read, then scripts, styles and templates dropped."""
    if not html:
        return _Parsed(None)
    tree = parse_html(decode_html(html))
    if tree is None:
        return _Parsed(None)
    return _from_tree(tree, _jsonld(tree), meta_tags(tree))


def _from_tree(tree: HtmlElement, objects: list[JsonObject], meta: dict[str, list[str]]) -> _Parsed:
    """The facts' parse from a tree (changed in place) and its JSON-LD and meta tags."""
    locked = _locked_declaration(objects, meta)
    etree.strip_elements(tree, *_UNSEEN, with_tail=False)
    return _Parsed(tree, locked, _declared_words(objects))


def _same_text(html: bytes, page: ParsedPage) -> bool:
    """Whether extraction decoded the page as the facts do (without the HTTP header): a
    charset in the header can only change the text when there is one."""
    if http_content_type_encoding(page.content_type) is None:
        return True
    return decode_html(html) == page.text


def body_of(article: Article | None) -> Body:
    """The size of the article's body; an absent article has an empty body."""
    if article is None:
        return Body(0, 0)
    paragraphs = article.paragraphs
    trails_off = bool(paragraphs) and CUT_ENDING.search(paragraphs[-1]) is not None
    return Body(text_size(article.body), len(paragraphs), tuple(paragraphs[:-1]), trails_off)


def read_facts(html: bytes, page: ParsedPage | None = None) -> PageFacts:
    """The page's facts, read as the rules ask for them; empty for binary or unparseable bytes.
    With `page` (extraction's parse of `html`), the page is not parsed again."""
    return PageFacts(html, page)


def _jsonld(tree: HtmlElement) -> list[JsonObject]:
    """The page's JSON-LD objects; none when a script nests too deeply for the JSON parser."""
    try:
        return jsonld_objects(tree)
    except RecursionError:
        return []


def _lower_text(pieces: Any) -> str:
    """XPath string results joined, whitespace-collapsed, lower-cased, apostrophes plain."""
    if not isinstance(pieces, list):
        return ""
    text = collapse(" ".join(map(str, pieces))).lower()
    return text.replace("\u2019", "'").replace("\u02bc", "'")  # apostrophes plain


def _lower_texts(texts: list[str]) -> tuple[str, ...]:
    """`_lower_text` of each text, done on all of them at once (pages have hundreds of links)."""
    if not texts:
        return ()
    joined = _lower_text([_SEPARATOR.join(text.replace(_SEPARATOR, " ") for text in texts)])
    return tuple(part.strip() for part in joined.split(_SEPARATOR))


def _strings(tree: HtmlElement, xpath: etree.XPath) -> list[str]:
    """The strings an XPath selects (attribute values)."""
    found = xpath(tree)
    return [str(value) for value in found] if isinstance(found, list) else []


def _elements(tree: HtmlElement | None, xpath: str) -> list[HtmlElement]:
    """The elements an XPath selects, at most MAX_ELEMENTS of them."""
    if tree is None:
        return []
    found = tree.xpath(xpath)
    items = found if isinstance(found, list) else []
    return [e for e in items[:MAX_ELEMENTS] if isinstance(e, HtmlElement)]


def _locked_declaration(objects: list[JsonObject], meta: dict[str, list[str]]) -> str | None:
    """How the page declares itself not free (JSON-LD or content tier), if it does."""
    for obj in objects:
        if _is_false(obj.get("isAccessibleForFree")):
            return "JSON-LD isAccessibleForFree=false"
        parts = obj.get("hasPart")
        for part in parts if isinstance(parts, list) else [parts]:
            if isinstance(part, dict) and _is_false(part.get("isAccessibleForFree")):
                return "JSON-LD hasPart isAccessibleForFree=false"
    for key in _CONTENT_TIER_KEYS:
        for tier in meta.get(key, []):
            if tier.lower() in LOCKED_TIERS:
                return f"content tier {tier.lower()}"
    return None


def _is_false(value: Any) -> bool:
    """A JSON-LD boolean that is false (schema.org pages write False, "false" and "False")."""
    return value is False or (isinstance(value, str) and value.strip().lower() in _FALSE)


def _declared_words(objects: list[JsonObject]) -> int | None:
    """The article's word count as its JSON-LD declares it."""
    for obj in objects:
        for key in _WORD_COUNT_KEYS:
            value = obj.get(key)
            if isinstance(value, str) and value.strip().isdigit():
                value = int(value)
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                return value
    return None
