"""The article's lead image: what the page names as its picture (`og:image`, else the JSON-LD
article's `image`), as an absolute URL. The crawl archives it with the photos, and the catalogue
links the article to that capture."""

from __future__ import annotations

from urllib.parse import urljoin

from archive.extraction.jsonld import as_list, text_value
from archive.extraction.page import Page

LEAD_IMAGE_META = ("og:image", "og:image:url", "og:image:secure_url")


def jsonld_images(page: Page) -> list[str | None]:
    """The URLs of the JSON-LD article's `image` (a URL, an ImageObject or a list of them)."""
    images = []
    for image in as_list(page.article.get("image") if page.article else None):
        if isinstance(image, dict):
            images.append(text_value(image.get("url")) or text_value(image.get("contentUrl")))
        else:
            images.append(text_value(image))
    return images


def extract_lead_image(page: Page, url: str | None) -> str | None:
    """The lead image's absolute http(s) URL, or None when the page names none."""
    for found in (page.meta_first(*LEAD_IMAGE_META), *jsonld_images(page)):
        if found and not found.startswith("data:"):
            absolute = urljoin(url, found.strip()) if url else found.strip()
            if absolute.startswith(("http://", "https://")):
                return absolute
    return None
