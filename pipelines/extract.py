"""Item pipeline: works out what each fetched page is (article, feed, sitemap, status).

Extraction costs ~10x a fetch, so it runs in a pool of processes off the Twisted reactor
(`MORGUE_EXTRACT_WORKERS`, default: one per core; 0 runs it inline, with no time limit). Items
leave this pipeline in the order they entered it, so the store writes articles in capture order,
as rebuild does; a page still in extraction after `MORGUE_EXTRACT_TIMEOUT` seconds is stopped
with its worker, so the pages behind it wait no longer than that.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
from typing import TYPE_CHECKING, Any

from archive.pages.outcome import EXTRACTION_ERROR, OK, FetchedPage, PageOutcome
from archive.pages.pool import DEFAULT_TIMEOUT, ExtractionPool, TimedOut, time_limit
from archive.pages.processing import CrawlContext, process_page

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class ExtractPipeline:
    """Adds the `PageOutcome` of `archive.pages.processing` to every `FetchedPage`."""

    def __init__(self, crawler: Crawler, workers: int, timeout: float | None) -> None:
        self.crawler = crawler
        self.workers = workers
        self.timeout = time_limit(timeout)
        self.pool: ExtractionPool | None = None
        self._last_out: asyncio.Future[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        workers = crawler.settings.get("MORGUE_EXTRACT_WORKERS")
        count = os.cpu_count() or 1 if workers in (None, "") else int(workers)
        timeout = crawler.settings.getfloat("MORGUE_EXTRACT_TIMEOUT", DEFAULT_TIMEOUT)
        return cls(crawler, count, timeout)

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None
        return self.crawler.stats

    @property
    def context(self) -> CrawlContext:
        return getattr(self.crawler.spider, "crawl_context", CrawlContext())

    def open_spider(self) -> None:
        if self.workers > 0:
            self.pool = ExtractionPool(self.workers, self.timeout)

    def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        before, mine = self._last_out, asyncio.get_running_loop().create_future()
        self._last_out = mine
        try:
            outcome = await self._process(item)
            if before is not None:
                await before  # leave in arrival order
        finally:
            mine.set_result(None)
        self.stats.inc_value("morgue/pages_processed")
        if outcome.article is not None:
            self.stats.inc_value("morgue/articles_extracted")
        if outcome.status.status != "ok":
            self.stats.inc_value(f"morgue/page_status/{outcome.status.status}")
        if outcome.status.status == EXTRACTION_ERROR:  # a worker's own log goes nowhere
            logger.error("%s stays archived, not extracted: %s", item.url, outcome.status.evidence)
        return dataclasses.replace(item, outcome=outcome)

    async def _process(self, item: FetchedPage) -> PageOutcome:
        args = (
            item.url,
            item.status,
            item.content_type,
            item.body,
            self.context,
            item.content_encoding,
        )
        try:
            if self.pool is None:
                return process_page(*args)
            return await asyncio.wrap_future(self.pool.submit(process_page, *args))
        except TimeoutError:  # the pool stopped the page's worker and started another
            logger.warning("extraction of %s ran past %g s; stays archived", item.url, self.timeout)
            return TimedOut(self.timeout or 0.0).outcome()
        except Exception:  # a crashed worker must not lose the capture: it is in the WARC
            logger.exception("could not process %s; it stays archived, uncatalogued", item.url)
            self.stats.inc_value("morgue/processing_errors")
            return PageOutcome(OK)
