"""Image captions in page order, with the photo credit split off and image URLs made absolute."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from archive.extraction.html_tree import class_id, collapse, node_text
from archive.extraction.jsonld import as_list, text_value, types_of
from archive.extraction.page import Page
from archive.extraction.photo_credits import (
    CREDIT_WORDS,
    MAX_CREDIT_WORDS,
    clean_credit,
    remove_credit,
    split_credit,
)
from archive.records import Caption

CAPTION_CLASSES = re.compile(
    r"caption|cutline|bildunterschrift|bildtext|img_?desc|photo_?desc|image_?desc|media_?desc|"
    r"photo-?text|pic-?text|legende|légende|leyenda|didascalia"
)
CREDIT_CLASSES = re.compile(
    r"credit|copyright|photographer|fotograf|urheber|quelle|source|byline|author|autor|rights|"
    r"courtesy|attribution"
)
# Containers whose images are teasers for other pages, not part of the article.
FOREIGN_CONTAINERS = re.compile(
    r"related|teaser|recommend|sidebar|most-?read|popular|newsletter|promo|trending|"
    r"more-?stories|outbrain|taboola|comment|advert|sponsor|author|byline"
)
FOREIGN_TAGS = frozenset({"nav", "footer", "aside", "header"})
IMAGE_ATTRIBUTES = ("src", "data-src", "data-lazy-src", "data-original", "data-srcset", "srcset")
# How far up from a caption element to look for its image.
MAX_CAPTION_DEPTH = 4
MAX_CAPTION_CHARS = 1500
_CAPTION_XPATH = "//figcaption | //*[@class or @id][not(self::html or self::body or self::figure)]"


@dataclass(frozen=True)
class FoundCaption:
    """A caption element, the element holding its image and caption, and the image."""

    container: HtmlElement
    caption: HtmlElement
    image: HtmlElement | None


def find_captions(tree: HtmlElement) -> list[FoundCaption]:
    """Captioned figures and caption-classed elements, in page order, outside teaser areas."""
    found: dict[HtmlElement, FoundCaption] = {}
    for figure in tree.iter("figure"):
        if any(a.tag == "figure" for a in figure.iterancestors()):
            continue
        captions = figure.xpath(".//figcaption") or [
            e for e in figure.iter() if e is not figure and CAPTION_CLASSES.search(class_id(e))
        ]
        if captions:
            found[figure] = FoundCaption(figure, captions[0], _first_image(figure))
    claimed = set(found)
    for element in tree.xpath(_CAPTION_XPATH):
        if element.tag != "figcaption" and not CAPTION_CLASSES.search(class_id(element)):
            continue
        if any(a in claimed for a in element.iterancestors()):
            continue
        container, image = _image_container(element)
        if image is None or container in found:
            continue
        found[container] = FoundCaption(container, element, image)
        claimed.add(container)
    order = {element: index for index, element in enumerate(tree.iter())}
    ordered = sorted(found.values(), key=lambda f: order.get(f.container, 0))
    return [f for f in ordered if _caption_text(f) and not _is_foreign(f.container)]


def _image_container(element: HtmlElement) -> tuple[HtmlElement, HtmlElement | None]:
    """The nearest ancestor (a few levels up) holding an image, and that image."""
    node = element
    for _ in range(MAX_CAPTION_DEPTH):
        parent = node.getparent()
        if parent is None or parent.tag in {"body", "article", "main"}:
            break
        node = parent
        image = _first_image(node)
        if image is not None:
            return node, image
    return element, None


def _first_image(element: HtmlElement) -> HtmlElement | None:
    """The first <img> (or <picture> source) under an element."""
    for image in element.iter("img", "source", "amp-img"):
        if any(image.get(a) for a in IMAGE_ATTRIBUTES):
            return image
    return None


def _is_foreign(element: HtmlElement) -> bool:
    """True when the element sits in navigation, teasers, comments, ads or an author box."""
    in_article = False
    for ancestor in reversed(list(element.iterancestors())):  # from <html> down
        if ancestor.tag in {"article", "main"}:
            in_article = True
        if ancestor.tag == "header" and in_article:
            continue  # an article's own header holds its lead image
        if ancestor.tag in FOREIGN_TAGS or FOREIGN_CONTAINERS.search(class_id(ancestor)):
            return True
    return False


def _caption_text(found: FoundCaption) -> str:
    """The caption element's text, unless it is too long to be a caption."""
    text = node_text(found.caption)
    return text if len(text) <= MAX_CAPTION_CHARS else ""


def _image_url(page: Page, image: HtmlElement | None) -> str | None:
    """The absolute URL of an image, taking lazy-loading attributes and srcset into account."""
    if image is None:
        return None
    for attribute in IMAGE_ATTRIBUTES:
        value = (image.get(attribute) or "").strip()
        if value:
            if "srcset" in attribute:
                value = value.split(",")[0].strip().split(" ")[0]
            return page.absolute(value)
    return None


def _credit_element(found: FoundCaption) -> HtmlElement | None:
    """A separately marked-up credit inside the caption or its container."""
    for scope in (found.caption, found.container):
        for element in scope.iter():
            credit_like = element is not scope and CREDIT_CLASSES.search(class_id(element))
            if credit_like and node_text(element) and element is not found.caption:
                return element
    return _trailing_credit_part(found.caption)


def _trailing_credit_part(caption: HtmlElement) -> HtmlElement | None:
    """The caption's last child when it is a short, credit-like part of its own (unclassed)."""
    parts = [child for child in caption if isinstance(child.tag, str) and node_text(child)]
    if len(parts) < 2 or (caption.text or "").strip() or (parts[-1].tail or "").strip():
        return None
    last = node_text(parts[-1])
    credit_like = CREDIT_WORDS.search(last) or "/" in last or last.startswith(("©", "ⓒ"))
    short = len(last.split()) <= MAX_CREDIT_WORDS < len(node_text(caption).split())
    return parts[-1] if credit_like and short else None


def build_caption(page: Page, found: FoundCaption, position: int) -> Caption:
    """A Caption record: text and credit split, image URL absolute, empty alt as None."""
    text = _caption_text(found)
    credit_element = _credit_element(found)
    credit = clean_credit(node_text(credit_element)) if credit_element is not None else None
    if credit:
        text = remove_credit(text, node_text(credit_element) if credit_element is not None else "")
    else:
        text, credit = split_credit(text)
    alt = collapse(found.image.get("alt")) if found.image is not None else ""
    return Caption(position, _image_url(page, found.image), text, credit, alt or None)


def jsonld_captions(page: Page) -> list[Caption]:
    """Captions declared on the JSON-LD article's ImageObjects (a fallback)."""
    captions: list[Caption] = []
    for image in as_list(page.article.get("image") if page.article else None):
        if not isinstance(image, dict) or "ImageObject" not in types_of(image):
            continue
        caption = text_value(image.get("caption")) or text_value(image.get("description"))
        if caption:
            text, credit = split_credit(caption)
            credit = (
                credit or text_value(image.get("creditText")) or text_value(image.get("author"))
            )
            url = text_value(image.get("url")) or text_value(image.get("contentUrl"))
            captions.append(Caption(len(captions), page.absolute(url), text, credit))
    return captions


def extract_captions(page: Page) -> tuple[Caption, ...]:
    """The page's image captions in order; JSON-LD image captions when the page shows none."""
    captions: list[Caption] = []
    seen: set[str] = set()
    for found in find_captions(page.tree):
        caption = build_caption(page, found, len(captions))
        key = caption.text or f"{caption.image_url} {caption.credit}"
        if (caption.text or caption.credit) and key not in seen:
            seen.add(key)
            captions.append(caption)
    return tuple(captions) or tuple(jsonld_captions(page))
