"""Item pipeline: extracts the article from each fetched HTML page."""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING, Any

from archive.extraction import extract_article
from archive.page_kind import looks_like_article
from archive.records import FetchedPage

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


class ExtractPipeline:
    """Adds an `Article` to every `FetchedPage` that is an article page."""

    def __init__(self, stats: StatsCollector, min_words: int) -> None:
        self.stats = stats
        self.min_words = min_words

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        assert crawler.stats is not None
        return cls(crawler.stats, crawler.settings.getint("MORGUE_ARTICLE_MIN_WORDS", 120))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage) or not _is_html(item.content_type):
            return item
        article = extract_article(item.body, item.url)
        self.stats.inc_value("morgue/pages_extracted")
        if not looks_like_article(article, item.body, self.min_words):
            return item
        self.stats.inc_value("morgue/articles_extracted")
        return dataclasses.replace(item, article=article)


def _is_html(content_type: str | None) -> bool:
    return content_type is None or content_type.split(";")[0].strip().lower() in HTML_TYPES
