"""The pictures a page's JSON-LD describes (`ImageObject`): caption, credit, URL, and which
printed caption each belongs to."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from archive.extraction.captions.credits import clean_credit, split_credit
from archive.extraction.html_tree import text_key
from archive.extraction.jsonld import JsonObject, as_list, resolve, text_value, types_of
from archive.extraction.page import Page
from archive.records import Caption

# Properties of any object that hold its pictures.
IMAGE_PROPERTIES = ("image", "associatedMedia", "primaryImageOfPage")
# ImageObject properties naming who to credit, best first ("creditText" is the printed credit).
CREDIT_PROPERTIES = ("creditText", "copyrightHolder", "author", "creator")
# Types of a rights holder that is the publisher itself, not the picture's source.
PUBLISHER_TYPES = frozenset({"NewsMediaOrganization", "WebSite", "WebPage"})
# Size and format variants of one picture's file name ("quay-1024x683.jpg", "quay@2x.webp").
MAX_NAME_CHARS = 200
_VARIANT = re.compile(r"(?:[-_@]\d+(?:x\d*)?|\.\w{2,5})+$")


def image_objects(page: Page) -> list[JsonObject]:
    """Every ImageObject the page's JSON-LD holds, top level or as an object's picture."""
    found: list[JsonObject] = []
    for obj in page.jsonld:
        candidates = [obj] + [v for p in IMAGE_PROPERTIES for v in as_list(obj.get(p))]
        for candidate in candidates:
            image = resolve(candidate, page.jsonld)
            if _is_image(image) and all(image is not f for f in found):
                found.append(image)
    return found


def _is_image(value: object) -> bool:
    """True for a JSON-LD ImageObject."""
    return isinstance(value, dict) and "ImageObject" in types_of(value)


def image_url(image: JsonObject) -> str | None:
    """The picture's URL as written (url, else contentUrl)."""
    return text_value(image.get("url")) or text_value(image.get("contentUrl"))


def image_credit(image: JsonObject, publisher: str | None) -> str | None:
    """Who the ImageObject credits: its creditText, a rights holder other than the publisher,
    else its author or creator."""
    for prop in CREDIT_PROPERTIES:
        for value in as_list(image.get(prop)):
            if isinstance(value, dict) and (set(types_of(value)) & PUBLISHER_TYPES):
                continue
            name = text_value(value)
            if name and text_key(name) != text_key(publisher or ""):
                return clean_credit(name)
    return None


def file_key(url: str | None) -> str:
    """A picture's file name without size or format variants, for matching copies of it."""
    name = urlsplit(url or "").path.rsplit("/", 1)[-1][:MAX_NAME_CHARS]
    return _VARIANT.sub("", name).lower()


def publisher_name(page: Page) -> str | None:
    """The article's publisher name from its JSON-LD, to tell a rights holder from it."""
    publisher = resolve(page.article.get("publisher"), page.jsonld) if page.article else None
    return text_value(publisher)


def credit_for(page: Page, url: str | None, text: str, images: list[JsonObject]) -> str | None:
    """The credit the JSON-LD gives the picture at `url`, or the one captioned `text`."""
    key, caption = file_key(url), text_key(text)
    publisher = publisher_name(page)
    for image in images:
        same_file = bool(key) and file_key(page.absolute(image_url(image))) == key
        same_caption = bool(caption) and text_key(text_value(image.get("caption")) or "") == caption
        if same_file or same_caption:
            return image_credit(image, publisher)
    return None


def jsonld_captions(page: Page) -> list[Caption]:
    """Captions declared on the JSON-LD article's ImageObjects (a fallback)."""
    captions: list[Caption] = []
    publisher = publisher_name(page)
    for image in as_list(page.article.get("image") if page.article else None):
        if not _is_image(image):
            continue
        caption = text_value(image.get("caption")) or text_value(image.get("description"))
        if caption:
            text, credit = split_credit(caption)
            credit = credit or image_credit(image, publisher)
            url = page.absolute(image_url(image))
            captions.append(Caption(len(captions), url, text, credit))
    return captions
