"""Parts of a page that belong to other content: comments, teasers, navigation, captions."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml.html import HtmlElement

from archive.extraction.html_tree import CLASS_CACHE_SIZE
from archive.extraction.lexicon import alternatives, chrome

# Class/id words of containers whose bylines and dates belong to other articles or to readers.
FOREIGN_WORDS = (
    *chrome.COMMENTS, *chrome.RECOMMENDATIONS, *chrome.TEASERS, *chrome.SIDEBARS,
    *chrome.NAVIGATION, *chrome.PROMOTIONS, *chrome.CARDS, *chrome.AUTHOR_BOXES,
    *chrome.PICTURE_NOTES,
)  # fmt: skip
FOREIGN_CONTAINERS = re.compile(alternatives(FOREIGN_WORDS))
# An <article> is a teaser or a comment only by these words ("card" may style the story itself).
FOREIGN_ARTICLE_WORDS = (
    *chrome.COMMENTS, "related", "recommend", *chrome.TEASERS, "promo", *chrome.SIDEBARS,
)  # fmt: skip
FOREIGN_ARTICLES = re.compile(alternatives(FOREIGN_ARTICLE_WORDS))
FOREIGN_TAGS = frozenset({"nav", "footer", "aside", "figure", "figcaption"})
PAGE_TAGS = frozenset({"body", "html"})
# Class tokens naming the story's own taxonomy (WordPress "tag-comments", "category-related").
TAXONOMY_TOKEN = re.compile(r"(?:^|\s)(?:tag|category|categories|post|type|format|status)-\S*")


def container_matches(element: HtmlElement, pattern: re.Pattern[str]) -> bool:
    """True when the pattern occurs in the element's class and id, taxonomy tokens aside."""
    return _container_matches(pattern, element.get("class") or "", element.get("id") or "")


@lru_cache(maxsize=CLASS_CACHE_SIZE)
def _container_matches(pattern: re.Pattern[str], class_attr: str, id_attr: str) -> bool:
    """The pattern test on one class/id pair, remembered (pages repeat their classes)."""
    return bool(pattern.search(TAXONOMY_TOKEN.sub(" ", f"{class_attr} {id_attr}".lower())))


def is_foreign_container(element: HtmlElement, allowed_tags: frozenset[str] = frozenset()) -> bool:
    """True for a comment, teaser, sidebar, navigation or caption container itself."""
    if element.tag in FOREIGN_TAGS and element.tag not in allowed_tags:
        return True
    pattern = FOREIGN_ARTICLES if element.tag == "article" else FOREIGN_CONTAINERS
    return container_matches(element, pattern)


def in_foreign_container(
    element: HtmlElement,
    allowed_tags: frozenset[str] = frozenset(),
    story: frozenset[HtmlElement] = frozenset(),
) -> bool:
    """True for an element in (or being) a comment, teaser, sidebar or caption container.

    Containers in `story` (those holding the headline) are the story's own, whatever their
    class says ("content-area sidebar", "sticky-sidebar-parent").
    """
    for ancestor in [element, *element.iterancestors()]:
        if ancestor.tag in PAGE_TAGS:
            break
        if ancestor not in story and is_foreign_container(ancestor, allowed_tags):
            return True
    return False


def story_containers(tree: HtmlElement) -> frozenset[HtmlElement]:
    """The elements that hold a headline (<h1>): layout around the story, never a teaser."""
    return frozenset(a for h1 in tree.iter("h1") for a in h1.iterancestors())
