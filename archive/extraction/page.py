"""One page read once: the parsed tree with its meta tags and JSON-LD, shared by every field."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urljoin

from lxml.html import HtmlElement

from archive.extraction.html_tree import collapse, split_lines
from archive.extraction.jsonld import JsonObject, article_object, jsonld_objects
from archive.extraction.regions import is_foreign_container

_META = "//meta[@content]"
_META_KEYS = ("name", "property", "itemprop", "http-equiv")


@dataclass(frozen=True)
class Page:
    """The parsed page and the structured data every field extractor reads."""

    tree: HtmlElement
    url: str | None
    meta: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[JsonObject] = field(default_factory=list)
    article: JsonObject | None = None

    @cached_property
    def _lines(self) -> tuple[list[str], list[str]]:
        """The page's rendered lines, all and outside foreign containers, from one walk."""
        return split_lines(self.tree, skip=is_foreign_container)

    @property
    def lines(self) -> list[str]:
        """Every rendered line of text on the page (block elements and <br> break lines)."""
        return self._lines[0]

    @property
    def own_lines(self) -> list[str]:
        """Rendered lines outside comments, teasers, navigation and captions."""
        return self._lines[1]

    def meta_first(self, *keys: str) -> str | None:
        """The first non-empty content among meta tags with these names, in key order."""
        for key in keys:
            for value in self.meta.get(key, []):
                if value:
                    return value
        return None

    def absolute(self, href: str | None) -> str | None:
        """A link resolved against the page URL (unchanged without one); None when empty."""
        href = (href or "").strip()
        if not href or href.startswith(("data:", "javascript:")):
            return None
        return urljoin(self.url, href) if self.url else href


def meta_tags(tree: HtmlElement) -> dict[str, list[str]]:
    """Meta tag contents keyed by lower-case name, property, itemprop or http-equiv."""
    found: dict[str, list[str]] = {}
    for meta in tree.xpath(_META):
        content = collapse(meta.get("content"))
        for attribute in _META_KEYS:
            # RDFa allows several space-separated properties on one tag ("dc:creator og:x")
            for key in (meta.get(attribute) or "").lower().split():
                found.setdefault(key, []).append(content)
    return found


def read_page(tree: HtmlElement, url: str | None) -> Page:
    """Collect the page's meta tags and JSON-LD once."""
    objects = jsonld_objects(tree)
    return Page(tree, url, meta_tags(tree), objects, article_object(objects))
