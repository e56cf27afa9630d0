"""Which URL an image element shows: the largest responsive candidate, else its lazy or plain
source. Captions and the page's requisites read it the same way, so a caption names the very
file the crawl archived."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

# Candidate lists (`<img srcset>`, `<source srcset>` inside a `<picture>`), lazy-loading ones first.
SRCSET_ATTRIBUTES = ("data-srcset", "srcset")
# Single URLs, lazy-loading ones first: a lazy image's `src` is usually a placeholder.
SOURCE_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "src")
# Any of them makes an element an image.
IMAGE_ATTRIBUTES = SRCSET_ATTRIBUTES + SOURCE_ATTRIBUTES
# Lazy loaders' own attribute names ("data-flickity-lazyload-srcset", "data-lazyload"), read
# after the known ones: any data- attribute naming a srcset, or a lazy or original source.
_LAZY_SRCSET = re.compile(r"^data-[\w-]*srcset$")
_LAZY_SOURCE = re.compile(r"^data-[\w-]*(?:lazy|src|original)[\w-]*$")
# A single URL: no spaces, a slash or a dot ("sizes" and flags are neither).
_URL_LIKE = re.compile(r"^[^\s]*[/.][^\s]*$")
# A srcset candidate's descriptor: a width (`800w`) or a pixel density (`2x`).
_DESCRIPTOR = re.compile(r"^(\d+(?:\.\d+)?)([wx])$", re.IGNORECASE)


def srcset_candidates(srcset: str) -> list[tuple[str, float]]:
    """The URLs of a srcset with their size: the width, or density x 1000 when none is given
    (so `800w` outranks `2x`, and a bare URL counts as `1x`)."""
    candidates = []
    for part in re.split(r",\s+|,(?=\S+\s)", srcset.strip()):
        words = part.strip().split()
        if not words:
            continue
        size = 1000.0
        if len(words) > 1 and (match := _DESCRIPTOR.match(words[1])):
            value = float(match[1])
            size = value if match[2].lower() == "w" else value * 1000
        candidates.append((words[0], size))
    return candidates


def largest_candidate(element: HtmlElement) -> str | None:
    """The largest srcset candidate of an image and of the `<source>`s of its `<picture>`."""
    elements = [element]
    parent = element.getparent()
    while parent is not None and parent.tag == "source":  # libxml2 nests an unclosed <source>
        parent = parent.getparent()
    if parent is not None and parent.tag == "picture":
        elements = list(parent.iter("source", "img"))
    best: tuple[float, str] | None = None
    for candidate_element in elements:
        for attribute in srcset_attributes(candidate_element):
            for url, size in srcset_candidates(candidate_element.get(attribute) or ""):
                if not url.startswith("data:") and (best is None or size > best[0]):
                    best = (size, url)
    return best[1] if best else None


def image_source(element: HtmlElement) -> str | None:
    """The URL (as written, maybe relative) an `<img>` shows at its best, or None."""
    largest = largest_candidate(element)
    if largest:
        return largest
    for attribute in source_attributes(element):
        value = (element.get(attribute) or "").strip()
        if value and not value.startswith("data:") and _URL_LIKE.match(value):
            return value
    return None


def srcset_attributes(element: HtmlElement) -> list[str]:
    """The element's srcset attributes: the known ones, then lazy loaders' own."""
    found = [name for name in element.attrib if _LAZY_SRCSET.match(name)]
    return [*SRCSET_ATTRIBUTES, *(n for n in found if n not in SRCSET_ATTRIBUTES)]


def source_attributes(element: HtmlElement) -> list[str]:
    """The element's single-URL attributes: known lazy ones, lazy loaders' own, then src."""
    found = [
        name for name in element.attrib if _LAZY_SOURCE.match(name) and not _LAZY_SRCSET.match(name)
    ]
    lazy = [n for n in found if n not in SOURCE_ATTRIBUTES]
    return [*SOURCE_ATTRIBUTES[:-1], *lazy, SOURCE_ATTRIBUTES[-1]]


def has_source(element: HtmlElement) -> bool:
    """True when the element names an image file in any source or srcset attribute."""
    return any(element.get(a) for a in (*srcset_attributes(element), *source_attributes(element)))
