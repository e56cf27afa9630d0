"""What morgue makes of one fetched page: article, discovery document, status. Shared by the
crawl's pipelines and by rebuild, so both store the same rows for the same bytes.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from archive.discovery.detect import parse_discovery
from archive.errors import ExtractionError
from archive.extraction.article import extract_article_and_page
from archive.pages.context import (  # re-exported: the crawl imports them from here
    CONTEXT_FIELD as CONTEXT_FIELD,
)
from archive.pages.context import DEFAULT_MAX_EXTRACT_BYTES as DEFAULT_MAX_EXTRACT_BYTES
from archive.pages.context import DEFAULT_MIN_WORDS as DEFAULT_MIN_WORDS
from archive.pages.context import CrawlContext as CrawlContext
from archive.pages.context import SiteRule as SiteRule
from archive.pages.kind import looks_like_article
from archive.pages.outcome import EXTRACTION_ERROR, OK, TOO_LARGE, PageOutcome, PageStatus
from archive.pages.status import classify_page
from archive.records import Article
from archive.warc.encoding import UndecodableBodyError, decode_body

LOGGER = logging.getLogger(__name__)
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Capture status of a body its Content-Encoding can't undo (the reason is the evidence).
UNDECODABLE = "undecodable"


def is_html(content_type: str | None) -> bool:
    """Whether a Content-Type names an HTML document (a missing one is taken as HTML)."""
    return content_type is None or content_type.split(";")[0].strip().lower() in HTML_TYPES


def process_page(
    url: str,
    status: int,
    content_type: str | None,
    body: bytes,
    context: CrawlContext,
    content_encoding: str | None = None,
) -> PageOutcome:
    """Decide what a response body is and extract what it holds; `content_encoding` names the
    codings still on `body` (the crawl and rebuild both decode them here, so they agree)."""
    if status == 304:
        return PageOutcome(OK, not_modified=True)
    if not 200 <= status < 300 or urlsplit(url).path == "/robots.txt":
        return PageOutcome(OK)
    try:
        body = decode_body(body, content_encoding)
    except UndecodableBodyError as exc:
        return PageOutcome(PageStatus(UNDECODABLE, str(exc)))
    if not is_html(content_type):
        return PageOutcome(OK, discovery=parse_discovery(body, url, content_type))
    discovery = parse_discovery(body, url, content_type)
    if discovery is not None:
        return PageOutcome(OK, discovery=discovery)
    if 0 < context.max_extract_bytes < len(body):
        return _too_large(len(body), context.max_extract_bytes)
    try:
        article, parsed = extract_article_and_page(body, url, content_type)
    except ExtractionError as exc:
        LOGGER.error("%s: %s", url, exc, exc_info=exc.__cause__)
        return PageOutcome(PageStatus(EXTRACTION_ERROR, str(exc)))
    # The rules weigh (and the evidence reports) the body extraction found, article or not.
    page_status = classify_page(body, article, status, parsed)
    if not _is_article(article, body, url, context):
        return PageOutcome(page_status)
    return PageOutcome(page_status, article=article)


def _too_large(size: int, limit: int) -> PageOutcome:
    """A page archived but not extracted: more HTML than extraction is given."""
    evidence = f"{size:,} bytes of HTML, over the {limit:,}-byte cap (MORGUE_MAX_EXTRACT_BYTES)"
    return PageOutcome(PageStatus(TOO_LARGE, evidence))


def _is_article(article: Article, body: bytes, url: str, context: CrawlContext) -> bool:
    site = context.site_of(url)
    if site is not None and site.article_pattern is not None:
        return bool(article.body) and re.search(site.article_pattern, url) is not None
    return looks_like_article(article, body, context.min_words)
