"""Item pipeline: writes captures, articles and the run's bookkeeping into the catalogue.

Writes are committed together about once a second (COMMIT_WITHIN_SECONDS), not page by page: a
commit cost more than a page's writes. The WARC files are ahead of the catalogue meanwhile, so
a killed run loses no capture: the next start catalogues the records its files hold past the
last committed one (`archive.rebuild.warc_tails`), and catch-up processes the pages still
pending from the WARC files.
"""

from __future__ import annotations

import logging
import os
import socket
import sqlite3
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.defer import deferred_from_coro
from twisted.internet.task import LoopingCall

from archive.catalogue import Catalogue, RunTotals, open_database
from archive.errors import StorageError
from archive.pages.outcome import FAILED_EXTRACTIONS, FailedFetch, FetchedPage
from archive.pages.pool import DEFAULT_TIMEOUT
from archive.rebuild.catch_up import catch_up
from archive.rebuild.warc_tails import catalogue_killed_runs_tails
from archive.records import Capture
from archive.runs.outcome import STORAGE_ERROR_REASON, run_outcome
from archive.sites.limits import CUT_STATS
from archive.timestamps import now_text
from archive.warc.captures import CAPTURE_ARCHIVED, is_pending, unarchived_failure

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)
# Longest a write waits for its commit, so readers of the catalogue (`morgue serve`) see a page
# soon; a timer checks twice as often (for the quiet spells while a slow host is awaited).
COMMIT_WITHIN_SECONDS = 1.0


class StorePipeline:
    """Owns the catalogue connection for the crawl; captures arrive by signal, pages as items."""

    def __init__(
        self, crawler: Crawler, db_path: Path, warc_dir: Path, extract_timeout: float | None
    ) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.warc_dir = warc_dir
        self.extract_timeout = extract_timeout  # for the pages a killed run left pending
        self.catalogue: Catalogue | None = None
        self.run_id: int | None = None
        self.totals = RunTotals()
        self.failed = False  # the catalogue could not be written: the crawl is stopping
        self._held_since: float | None = None  # when uncommitted page writes began
        self._commit_timer = LoopingCall(self._commit_if_due)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        settings = crawler.settings
        pipeline = cls(
            crawler,
            Path(settings.get("MORGUE_DB", "morgue.db")),
            Path(settings.get("MORGUE_WARC_DIR", "warc")),
            settings.getfloat("MORGUE_EXTRACT_TIMEOUT", DEFAULT_TIMEOUT),
        )
        crawler.signals.connect(pipeline.capture_archived, signal=CAPTURE_ARCHIVED)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None
        return self.crawler.stats

    def open_spider(self) -> None:
        self.catalogue = Catalogue(open_database(self.db_path))
        # Before the killed run is marked interrupted: a start killed meanwhile does it again.
        tails = catalogue_killed_runs_tails(self.catalogue, self.warc_dir)
        if tails:
            self.stats.set_value("morgue/captures_recovered", tails)
        self.run_id = self.catalogue.start_run(
            now_text(), " ".join(sys.argv), socket.gethostname(), os.getpid()
        )
        self.stats.set_value("morgue/run_id", self.run_id)
        self._commit_timer.start(COMMIT_WITHIN_SECONDS / 2, now=False)
        caught_up = catch_up(self.catalogue, self.warc_dir, timeout=self.extract_timeout)
        if caught_up:
            logger.warning("processed %d capture(s) a killed run had archived", caught_up)
            self.stats.set_value("morgue/caught_up", caught_up)

    def capture_archived(self, capture: Capture, request: Request) -> None:
        """Catalogue a capture the moment its records are on disk, in record order."""
        try:
            self._add_capture(capture, request)
        except (sqlite3.Error, StorageError) as exc:
            self._stop_on_storage_error(exc)

    def _add_capture(self, capture: Capture, request: Request) -> None:
        assert self.catalogue is not None
        if self.failed:
            return
        archived_before = request.meta.get("morgue_capture_id")
        if capture.record_type == "metadata" and archived_before is not None:
            # The fetch failed after its response was archived (undecodable, too large once
            # decompressed): that response will never reach the pipelines as a page.
            self.catalogue.settle_pending(archived_before)
        self._hold()
        request.meta["morgue_capture_id"] = self.catalogue.add_capture(
            capture, self.run_id, pending=is_pending(capture)
        )
        self._commit_if_held_long()

    def process_item(self, item: Any) -> Any:
        if self.failed:
            return item
        try:
            return self._store_item(item)
        except (sqlite3.Error, StorageError) as exc:
            self._stop_on_storage_error(exc)
            return item

    def _store_item(self, item: Any) -> Any:
        assert self.catalogue is not None
        if isinstance(item, FailedFetch):
            self._count(pages_failed=1)
            self._hold()
            if item.capture_id is not None:
                self.catalogue.mark_capture_failed(item.capture_id, item.reason)
            else:
                self._record_unarchived_failure(item)
            self._commit_if_held_long()
            return item
        if not isinstance(item, FetchedPage):
            return item
        self._count(pages_fetched=1)
        if item.outcome is None or item.capture_id is None:
            return item
        if item.outcome.status.status in FAILED_EXTRACTIONS:
            self._count(pages_failed=1)  # archived, but its article is missing: cron should see
        # The capture's WARC-Date, not the clock, so a rebuild from WARCs gives the same rows.
        seen_at = item.fetched_at or now_text()
        self._hold()
        stored = self.catalogue.store_page(item.capture_id, item.url, seen_at, item.outcome)
        self._commit_if_held_long()
        if stored is None:
            return item
        if stored.is_new:
            self._count(pages_new=1)
            self.stats.inc_value("morgue/articles_new")
        elif stored.version_id is not None:
            self._count(pages_changed=1)
            self.stats.inc_value("morgue/articles_changed")
        return item

    def spider_closed(self, reason: str) -> None:
        if self._commit_timer.running:
            self._commit_timer.stop()
        if self.catalogue is None or self.run_id is None:
            return
        if self.stats.get_value("morgue/storage_error"):
            reason = "morgue_storage_error"
        cut = sum(n for key, n in self.stats.get_stats().items() if key.startswith(CUT_STATS))
        self.totals = replace(self.totals, discovery_cut=cut)
        status, exit_code = run_outcome(reason, self.totals.pages_fetched, self.totals.pages_failed)
        self.stats.set_value("morgue/exit_code", exit_code)
        self.stats.set_value("morgue/run_status", status)
        try:
            self._commit()
            self.catalogue.finish_run(
                self.run_id,
                now_text(),
                status,
                exit_code,
                self.totals,
                list(self.stats.get_value("morgue/warc_file_names") or []),
            )
        except (sqlite3.Error, StorageError) as exc:
            message = (
                f"could not write to the catalogue {self.db_path}: {exc} (the run's last writes "
                "and its end). Free space (or check the disk) and run again"
            )
            logger.error("%s", message)
            self.stats.set_value("morgue/storage_error", message)
            self.stats.set_value("morgue/exit_code", 5)
        finally:
            self.catalogue.close()

    def _hold(self) -> None:
        """Leave the writes that follow to a later commit."""
        assert self.catalogue is not None
        self.catalogue.hold_open()
        if self._held_since is None:
            self._held_since = time.monotonic()

    def _commit_if_held_long(self) -> None:
        """Commit if the writes held began COMMIT_WITHIN_SECONDS ago or more."""
        if time.monotonic() - (self._held_since or 0.0) >= COMMIT_WITHIN_SECONDS:
            self._commit()

    def _commit(self) -> None:
        assert self.catalogue is not None
        self.catalogue.commit()
        self._held_since = None

    def _commit_if_due(self) -> None:
        """Commit writes held longer than COMMIT_WITHIN_SECONDS (nothing came to commit them)."""
        held = self._held_since
        if held is None or self.failed or time.monotonic() - held < COMMIT_WITHIN_SECONDS:
            return
        try:
            self._commit()
        except (sqlite3.Error, StorageError) as exc:
            self._stop_on_storage_error(exc)

    def _stop_on_storage_error(self, exc: Exception) -> None:
        """The catalogue can't be written (disk full, I/O error): stop fetching, exit 5."""
        if self.failed:
            return
        self.failed = True
        message = (
            f"could not write to the catalogue {self.db_path}: {exc}. "
            "Free space (or check the disk) and run again"
        )
        logger.error("%s; stopping the crawl", message)
        self.stats.set_value("morgue/storage_error", message)
        assert self.crawler.engine is not None
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=STORAGE_ERROR_REASON))

    def _record_unarchived_failure(self, item: FailedFetch) -> None:
        assert self.catalogue is not None
        self.catalogue.add_capture(
            unarchived_failure(item.url, item.status, item.reason, now_text()), self.run_id
        )

    def _count(self, **increments: int) -> None:
        """Add to the run's totals, and to the stats the progress line and summary read."""
        totals = self.totals
        self.totals = replace(totals, **{k: getattr(totals, k) + n for k, n in increments.items()})
        for name, n in increments.items():
            self.stats.inc_value(f"morgue/{name}", n)
