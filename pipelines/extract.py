"""Item pipeline: extracts the article from each fetched HTML page."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from archive.page_extraction import DEFAULT_MIN_WORDS, article_of_page, is_extractable
from archive.records import FetchedPage

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class ExtractPipeline:
    """Adds an `Article` to every `FetchedPage` that is an article page."""

    def __init__(self, stats: StatsCollector, min_words: int) -> None:
        self.stats = stats
        self.min_words = min_words

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        assert crawler.stats is not None
        min_words = crawler.settings.getint("MORGUE_ARTICLE_MIN_WORDS", DEFAULT_MIN_WORDS)
        return cls(crawler.stats, min_words)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        if not is_extractable(item.url, item.status, item.content_type):
            return item
        self.stats.inc_value("morgue/pages_extracted")
        article = article_of_page(item.body, item.url, self.min_words)
        if article is None:
            return item
        self.stats.inc_value("morgue/articles_extracted")
        return dataclasses.replace(item, article=article)
