"""Item pipeline: works out what each fetched page is (article, feed, sitemap, status)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from archive.page_processing import CrawlContext, process_page
from archive.records import FetchedPage

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class ExtractPipeline:
    """Adds the `PageOutcome` of `archive.page_processing` to every `FetchedPage`."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler)

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None
        return self.crawler.stats

    @property
    def context(self) -> CrawlContext:
        return getattr(self.crawler.spider, "crawl_context", CrawlContext())

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        outcome = process_page(item.url, item.status, item.content_type, item.body, self.context)
        self.stats.inc_value("morgue/pages_processed")
        if outcome.article is not None:
            self.stats.inc_value("morgue/articles_extracted")
        if outcome.status.status != "ok":
            self.stats.inc_value(f"morgue/page_status/{outcome.status.status}")
        return dataclasses.replace(item, outcome=outcome)
