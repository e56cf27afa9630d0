"""Assemble an Article from one parse of the page and the field extractors."""

from __future__ import annotations

import traceback
from copy import deepcopy
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version

import trafilatura
from lxml.html import HtmlElement

from archive.errors import ExtractionError
from archive.extraction.authors.authorship import Authorship, extract_authorship
from archive.extraction.authors.elements import byline_elements
from archive.extraction.body.pruning import prepare_for_body
from archive.extraction.body.text import extract_body
from archive.extraction.captions.figures import extract_captions, find_captions
from archive.extraction.charset import decode_html, looks_binary
from archive.extraction.dates import extract_dates
from archive.extraction.html_tree import attribute_values, node_text, parse_html
from archive.extraction.jsonld import JsonObject
from archive.extraction.lead_image import extract_lead_image
from archive.extraction.metadata import extract_metadata
from archive.extraction.page import Page, read_page
from archive.extraction.titles import extract_title
from archive.records import Article

FALLBACK_VERSION = "0.1.0"
# Where morgue's own code sits in a traceback's file names.
_PACKAGE_PATH = "/archive/"


@cache
def extractor_name() -> str:
    """The extractor and its version, e.g. "morgue/0.1.0 trafilatura/2.3.1"."""
    try:
        morgue_version = version("morgue")
    except PackageNotFoundError:
        morgue_version = FALLBACK_VERSION
    return f"morgue/{morgue_version} trafilatura/{trafilatura.__version__}"


def empty_article(url: str | None) -> Article:
    """The Article of a page with nothing to extract."""
    return Article(
        url=url, title=None, byline=None, authors=(), date_published=None, date_modified=None,
        body="", captions=(), language=None, canonical_url=None, site_name=None,
        description=None, section=None, tags=(), extractor=extractor_name(),
    )  # fmt: skip


@dataclass(frozen=True)
class ParsedPage:
    """The page as extraction parsed it, before extraction pruned it: for other readers of the
    page (the status rules), so the page is parsed once."""

    text: str  # the page decoded with `content_type`
    content_type: str | None
    tree: HtmlElement  # a copy: extraction prunes its own
    meta: dict[str, list[str]]
    jsonld: list[JsonObject]


def extract_article(
    html: bytes, url: str | None = None, content_type: str | None = None
) -> Article:
    """Extract an Article from page bytes; garbage (binary, empty, unparseable) gives an empty
    Article.

    `content_type` is the HTTP header, whose charset decides decoding as in browsers. A layer
    that fails raises `ExtractionError`, naming the error and where it happened.
    """
    return extract_article_and_page(html, url, content_type, keep_page=False)[0]


def extract_article_and_page(
    html: bytes, url: str | None = None, content_type: str | None = None, keep_page: bool = True
) -> tuple[Article, ParsedPage | None]:
    """`extract_article`, and (with `keep_page`) the page as parsed, untouched by extraction;
    None when there was nothing to parse. Raises `ExtractionError` as `extract_article` does."""
    try:
        text = "" if looks_binary(html) else decode_html(html, content_type)
        tree = parse_html(text) if text else None
        if tree is None:
            return empty_article(url), None
        page = read_page(tree, url)
        parsed = (
            ParsedPage(text, content_type, deepcopy(tree), page.meta, page.jsonld)
            if keep_page
            else None
        )
        return _extract(page, url), parsed
    except Exception as exc:  # any layer's bug: the caller records it, the page stays archived
        raise ExtractionError(f"extraction failed: {describe_error(exc)}") from exc


def describe_error(exc: BaseException) -> str:
    """The error and the innermost line of morgue it passed through, e.g.
    "KeyError: 'name' (archive/extraction/jsonld.py:57 in text_value)"."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if _PACKAGE_PATH in f.filename.replace("\\", "/")] or frames
    where = ""
    if ours:
        frame = ours[-1]
        path = frame.filename.replace("\\", "/")
        path = path[path.rfind(_PACKAGE_PATH) + 1 :] if _PACKAGE_PATH in path else path
        where = f" ({path}:{frame.lineno} in {frame.name})"
    return f"{type(exc).__name__}: {exc}{where}"


def _extract(page: Page, url: str | None) -> Article:
    """Run every field extractor over the parsed page; the body last, as it prunes the tree."""
    title = extract_title(page)
    headlines = [node_text(h1) for h1 in page.tree.iter("h1")]  # repeated in text, not body
    values = attribute_values(page.tree)  # read once for the byline, caption and chrome searches
    bylines = byline_elements(page.tree, values)
    # Bylines are looked for under the headline as printed, its kicker included.
    printed = (
        title if title in headlines else next((h for h in headlines if title and title in h), title)
    )
    authorship: Authorship = extract_authorship(page, printed, bylines)
    published, modified = extract_dates(page)
    found_captions = find_captions(page.tree, values)
    captions = extract_captions(page, found_captions)
    meta = extract_metadata(page)
    image_url = extract_lead_image(page, url)
    caption_texts = [c.text for c in captions] + [
        f"{c.text} {c.credit}" for c in captions if c.credit
    ]
    prepare_for_body(page.tree, found_captions, bylines, values)
    body = extract_body(page.tree, url, title, authorship.byline, caption_texts, headlines)
    return Article(
        url=url,
        title=title,
        byline=authorship.byline,
        authors=authorship.authors,
        organisations=authorship.organisations,
        date_published=published,
        date_modified=modified,
        body=body,
        captions=captions,
        language=meta.language,
        canonical_url=meta.canonical_url,
        site_name=meta.site_name,
        description=meta.description,
        section=meta.section,
        tags=meta.tags,
        image_url=image_url,
        extractor=extractor_name(),
    )
