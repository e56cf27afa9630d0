"""Image captions in page order, with the photo credit split off and image URLs made absolute."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml.html import HtmlElement

from archive.extraction.captions.credits import clean_credit, remove_credit, split_credit
from archive.extraction.captions.jsonld_images import credit_for, image_objects, jsonld_captions
from archive.extraction.captions.markup import (
    attribute_credit,
    credit_element,
    first_line_credit,
    only_credits,
    visible_text,
)
from archive.extraction.html_tree import (
    AttributeValues,
    class_matches,
    collapse,
    elements_by_attribute,
    node_text,
    value_test,
)
from archive.extraction.images import has_source, image_source
from archive.extraction.lexicon import alternatives, chrome
from archive.extraction.page import Page
from archive.extraction.regions import container_matches, story_containers
from archive.records import Caption

CAPTION_CLASSES = re.compile(
    r"(?<!text-)caption|cutline|bildunterschrift|bildtext|img_?desc|photo_?desc|image_?desc|media_?desc|"
    r"photo-?text|pic-?text|legende|légende|leyenda|didascalia|"
    r"(?:slide|carousel|gallery|lightbox)\w*?[-_]?info[-_]?desc|"
    r"(?:media|image|photo|img|picture|bild)[-_]?sub-?title"
)
# Containers whose images are teasers for other pages, not part of the article.
TEASER_IMAGE_WORDS = (
    *chrome.RECOMMENDATIONS, *chrome.TEASERS, *chrome.SIDEBARS, *chrome.PROMOTIONS,
    *chrome.COMMENTS, *chrome.ADVERTS, *chrome.BYLINES,
)  # fmt: skip
FOREIGN_CONTAINERS = re.compile(alternatives(TEASER_IMAGE_WORDS))
FOREIGN_TAGS = frozenset({"nav", "footer", "aside", "header"})
# Links that open the image itself (a lightbox) rather than another page.
IMAGE_LINK = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:$|\?)|#", re.IGNORECASE)
# What makes a <figure> a picture: an image, a video, an embed, a drawing.
MEDIA_XPATH = (
    ".//*[self::img or self::picture or self::source or self::amp-img or self::video "
    "or self::iframe or self::svg or self::object or self::embed or self::audio "
    "or self::amp-video or self::noscript or self::canvas or @data-src or @style]"
)
# Markup of a byline: a "caption" holding it is an author portrait's, not a photo's.
BYLINE_MARKUP_XPATH = "descendant-or-self::*[self::address or @rel='author']"
# How far up from a caption element to look for its image.
MAX_CAPTION_DEPTH = 4
MAX_CAPTION_CHARS = 1500
# A gallery slide's counter printed before its caption ("2/6 The harbour at dawn").
SLIDE_COUNTER = re.compile(r"^\d{1,3}\s?/\s?\d{1,3}\s+(?=\D)")
NOT_CAPTIONS = frozenset({"html", "body", "figure"})


@dataclass(frozen=True)
class FoundCaption:
    """A caption element, the element holding its image and caption, and the image."""

    container: HtmlElement
    caption: HtmlElement
    image: HtmlElement | None


def find_captions(tree: HtmlElement, values: AttributeValues | None = None) -> list[FoundCaption]:
    """Captioned figures and caption-classed elements, in page order, outside teaser areas;
    `values` are the tree's attribute values when the caller has read them already."""
    found: dict[HtmlElement, FoundCaption] = {}
    for figure in tree.iter("figure"):
        if any(a.tag == "figure" for a in figure.iterancestors()):
            continue
        captions = figure.xpath(".//figcaption") or [
            e for e in figure.iter() if e is not figure and _has_caption_class(e)
        ]
        if captions and figure.xpath(MEDIA_XPATH):  # a figure of text is a byline or quote
            found[figure] = FoundCaption(figure, captions[0], _first_image(figure))
    claimed = set(found)
    classed = elements_by_attribute(tree, value_test(CAPTION_CLASSES), values=values)
    candidates = [*tree.iter("figcaption"), *(e for e in classed if e.tag not in NOT_CAPTIONS)]
    for element in sorted(set(candidates), key=document_position):
        if not node_text(element):  # "withoutCaption" placeholders claim nothing
            continue
        if any(a in claimed for a in element.iterancestors()):
            continue
        container, image = _image_container(element)
        if image is None or container in found:
            continue
        found[container] = FoundCaption(container, element, image)
        claimed.add(container)
    ordered = sorted(found.values(), key=lambda f: document_position(f.container))
    story = story_containers(tree)
    return [
        f
        for f in ordered
        if _caption_text(f)
        and not f.caption.xpath(BYLINE_MARKUP_XPATH)
        and not is_foreign_image(f.container, story)
        and not _links_away(f.caption, f.container)
    ]


def _has_caption_class(element: HtmlElement) -> bool:
    """True for caption-like class names ("text-caption" only styles type, in Tailwind)."""
    return class_matches(element, CAPTION_CLASSES)


def document_position(element: HtmlElement) -> tuple[int, ...]:
    """A key that sorts elements in document order: child indexes from the root down."""
    path: list[int] = []
    node = element
    while (parent := node.getparent()) is not None:
        path.append(parent.index(node))
        node = parent
    return tuple(reversed(path))


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
        if has_source(image):
            return image
    return None


def is_foreign_image(element: HtmlElement, story: frozenset[HtmlElement]) -> bool:
    """True when the element sits in navigation, teasers, comments, ads or an author box.

    Containers around the headline (`story`) are layout, whatever their class says.
    """
    in_article = False
    for ancestor in reversed(list(element.iterancestors())):  # from <html> down
        if ancestor.tag in {"html", "body"} or ancestor in story:
            continue
        if ancestor.tag in {"article", "main"}:
            in_article = True
        if ancestor.tag == "header" and in_article:
            continue  # an article's own header holds its lead image
        if ancestor.tag == "a" and not IMAGE_LINK.search(ancestor.get("href") or ".jpg"):
            return True  # an image inside a link to another page is a teaser
        if ancestor.tag in FOREIGN_TAGS or container_matches(ancestor, FOREIGN_CONTAINERS):
            return True
    return False


def _links_away(caption: HtmlElement, container: HtmlElement) -> bool:
    """True when the caption sits in, or is only, a link to another page: a teaser's headline."""
    links = [a for a in caption.iter("a") if not IMAGE_LINK.search(a.get("href") or ".jpg")]
    if links and sum(len(node_text(a)) for a in links) >= len(node_text(caption)):
        return True
    for ancestor in caption.iterancestors():
        if ancestor.tag == "a" and not IMAGE_LINK.search(ancestor.get("href") or ".jpg"):
            return True
        if ancestor is container:
            return False
    return False


def _caption_text(found: FoundCaption) -> str:
    """The caption element's visible text, unless it is too long to be a caption."""
    text = visible_text(found.caption)
    return text if len(text) <= MAX_CAPTION_CHARS else ""


def _image_url(page: Page, image: HtmlElement | None) -> str | None:
    """The absolute URL of an image: its largest srcset candidate, else its lazy or plain src."""
    return page.absolute(image_source(image)) if image is not None else None


def build_caption(page: Page, found: FoundCaption, position: int) -> Caption:
    """A Caption record: text and credit split, image URL absolute, empty alt as None."""
    text = _caption_text(found)
    element = credit_element(found.caption, found.container)
    printed = visible_text(element) if element is not None else ""
    credit = clean_credit(printed) if printed else None
    if credit:
        text = remove_credit(text, printed)
    else:
        text, credit = split_credit(text)
    if not credit and (line := first_line_credit(found.caption)):
        text, credit = collapse(text.removeprefix(line)), clean_credit(line)
    if not credit:
        credit = clean_credit(attribute_credit(found.image, found.container, found.caption))
    if credit and only_credits(text):  # "Getty Images/iStockphoto" over a photographer's name
        text, credit = "", f"{text}; {credit}"
    text = SLIDE_COUNTER.sub("", text)
    alt = collapse(found.image.get("alt")) if found.image is not None else ""
    return Caption(position, _image_url(page, found.image), text, credit, alt or None)


def extract_captions(
    page: Page, found_captions: list[FoundCaption] | None = None
) -> tuple[Caption, ...]:
    """The page's image captions in order; JSON-LD image captions when the page shows none.

    `found_captions` are the page's caption elements when the caller has found them already.
    """
    captions: list[Caption] = []
    seen: set[str] = set()
    if found_captions is None:
        found_captions = find_captions(page.tree)
    images = image_objects(page)
    for found in found_captions:
        caption = build_caption(page, found, len(captions))
        if not caption.credit and images:
            credit = credit_for(page, caption.image_url, caption.text, images)
            caption = replace(caption, credit=credit)
        key = caption.text or f"{caption.image_url} {caption.credit}"
        if (caption.text or caption.credit) and key not in seen:
            seen.add(key)
            captions.append(caption)
    return tuple(captions) or tuple(jsonld_captions(page))
