"""Which fetched pages are extracted, and the extraction itself: shared by crawl and rebuild."""

from __future__ import annotations

from urllib.parse import urlsplit

from archive.extraction import extract_article
from archive.page_kind import looks_like_article
from archive.records import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")
DEFAULT_MIN_WORDS = 120
# warcinfo field recording the crawl's MORGUE_ARTICLE_MIN_WORDS, so rebuild decides alike.
MIN_WORDS_FIELD = "morgue-article-min-words"


def is_html(content_type: str | None) -> bool:
    """Whether a Content-Type names an HTML document (a missing one is taken as HTML)."""
    return content_type is None or content_type.split(";")[0].strip().lower() in HTML_TYPES


def is_extractable(url: str, status: int | None, content_type: str | None) -> bool:
    """A successful HTML response of a page (robots.txt is not a page)."""
    if status is None or not 200 <= status < 300:
        return False
    return is_html(content_type) and urlsplit(url).path != "/robots.txt"


def article_of_page(body: bytes, url: str, min_words: int = DEFAULT_MIN_WORDS) -> Article | None:
    """The page's article, or None when the page is not an article (listing, home page…)."""
    article = extract_article(body, url)
    return article if looks_like_article(article, body, min_words) else None
