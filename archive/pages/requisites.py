"""What a page needs to be seen again (its requisites): its photos, or everything it loads.

`photos` is every image of the article (caption images, the lead image of `og:image` and
JSON-LD, the story's own `<img>`s, each at its largest responsive candidate); `page` is what a
browser loads to render the page, like `wget --page-requisites`: stylesheets and what they
import, scripts, fonts and every image. Pure functions over bytes, shared by crawl and tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin

from lxml.html import HtmlElement

from archive.extraction.captions.figures import find_captions, is_foreign_image
from archive.extraction.html_tree import load_tree
from archive.extraction.images import (
    IMAGE_ATTRIBUTES,
    SOURCE_ATTRIBUTES,
    SRCSET_ATTRIBUTES,
    image_source,
    srcset_candidates,
)
from archive.extraction.lead_image import LEAD_IMAGE_META, jsonld_images
from archive.extraction.page import Page, read_page
from archive.extraction.regions import story_containers
from archive.records import REQUISITE_MODES

PHOTOS, PAGE, NONE = REQUISITE_MODES
DEFAULT_MODE = PHOTOS

# What a requisite is (the `captures.resource_type` column and the WARC-Resource-Type header;
# the names browsertrix-crawler writes).
IMAGE, STYLESHEET, SCRIPT, FONT = "image", "stylesheet", "script", "font"
FONT_EXTENSIONS = re.compile(r"\.(?:woff2?|ttf|otf|eot)(?:$|[?#])", re.IGNORECASE)
# `<link rel>` values whose target a browser loads to render the page.
LINK_RELS = {"stylesheet": STYLESHEET, "icon": IMAGE, "apple-touch-icon": IMAGE}
PRELOAD_AS = {"style": STYLESHEET, "script": SCRIPT, "font": FONT, "image": IMAGE}
# CSS is read for two things only, `@import` and `url()`; a tokenizer would add a dependency
# for what these two patterns find (comments are removed first).
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_IMPORT = re.compile(
    r"""@import\s+(?:url\(\s*)?(?:"([^"]+)"|'([^']+)'|([^\s'")]+))""", re.IGNORECASE
)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^\s'")]*))\s*\)""", re.IGNORECASE)


@dataclass(frozen=True)
class Requisite:
    """A resource a page needs: its absolute URL and what it is."""

    url: str
    resource_type: str


def page_requisites(html: bytes, url: str, mode: str = DEFAULT_MODE) -> list[Requisite]:
    """The requisites of an HTML page under `mode`, each URL once, in page order."""
    if mode not in (PHOTOS, PAGE):
        return []
    tree = load_tree(html)
    if tree is None:
        return []
    page = read_page(tree, url)
    found = _photos(page) if mode == PHOTOS else _everything(page)
    return _unique(found, url)


def stylesheet_requisites(css: bytes, url: str) -> list[Requisite]:
    """What a stylesheet loads: the stylesheets it `@import`s, its fonts and images."""
    text = CSS_COMMENT.sub("", css.decode("utf-8", "replace"))
    return _unique(_css_urls(text), url)


def _photos(page: Page) -> list[Requisite]:
    tree = page.tree
    sources = [page.meta_first(*LEAD_IMAGE_META), *jsonld_images(page)]
    sources += [image_source(f.image) for f in find_captions(tree) if f.image is not None]
    story = story_containers(tree)
    for element in tree.iter("img", "amp-img"):
        if not is_foreign_image(element, story):
            sources.append(image_source(element))
    return [Requisite(s, IMAGE) for s in sources if s]


def _everything(page: Page) -> list[Requisite]:
    tree = page.tree
    found = _photos(page)
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag in ("img", "amp-img", "source") and any(element.get(a) for a in IMAGE_ATTRIBUTES):
            found += [Requisite(u, IMAGE) for u in _all_image_urls(element)]
        elif tag == "link":
            found += _link(element)
        elif tag == "script" and element.get("src"):
            found.append(Requisite(element.get("src", ""), SCRIPT))
        elif tag == "video" and element.get("poster"):
            found.append(Requisite(element.get("poster", ""), IMAGE))
        elif tag == "style":
            found += _css_urls(CSS_COMMENT.sub("", element.text or ""))
        if element.get("style"):
            found += _css_urls(element.get("style", ""))
    return found


def _all_image_urls(element: HtmlElement) -> list[str]:
    """Every candidate of an image, so a browser of any size finds the one it picks."""
    urls = [u for a in SRCSET_ATTRIBUTES for u, _ in srcset_candidates(element.get(a) or "")]
    urls += [element.get(a, "").strip() for a in SOURCE_ATTRIBUTES]
    return [u for u in urls if u and not u.startswith("data:")]


def _link(element: HtmlElement) -> list[Requisite]:
    href = element.get("href")
    rels = (element.get("rel") or "").lower().split()
    if not href:
        return []
    if "preload" in rels or "modulepreload" in rels:
        kind = PRELOAD_AS.get((element.get("as") or "").lower(), SCRIPT)
        return [Requisite(href, kind)]
    return [Requisite(href, LINK_RELS[rel]) for rel in rels if rel in LINK_RELS][:1]


def _css_urls(text: str) -> list[Requisite]:
    found = []
    imports = set()
    for match in CSS_IMPORT.finditer(text):
        target = next(g for g in match.groups() if g)
        imports.add(target)
        found.append(Requisite(target, STYLESHEET))
    for match in CSS_URL.finditer(text):
        target = next((g for g in match.groups() if g), "")
        if target and target not in imports:
            found.append(Requisite(target, FONT if FONT_EXTENSIONS.search(target) else IMAGE))
    return found


def _unique(found: list[Requisite], base: str) -> list[Requisite]:
    """Absolute http(s) URLs without fragments, the first mention of each."""
    seen: set[str] = set()
    unique = []
    for requisite in found:
        raw = requisite.url.strip()
        if not raw or raw.startswith(("data:", "javascript:", "blob:", "about:")):
            continue
        absolute = urldefrag(urljoin(base, raw))[0]
        if absolute.startswith(("http://", "https://")) and absolute not in seen:
            seen.add(absolute)
            unique.append(Requisite(absolute, requisite.resource_type))
    return unique
