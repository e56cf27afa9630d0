"""Item pipeline of scale-out workers: sends captures and pages through Redis to `morgue ingest`.

It replaces the store pipeline (the worker has no catalogue). Each capture is sent the moment
its records are on disk, each page once its extraction is done, in that order; the ingester
stores them in one SQLite catalogue. A page's message ends its request's lease in the same
transaction; a capture's message notes in the lease that the page is archived (so a lost
worker's page is read back from its WARC files rather than fetched again) and publishes the
payload digest (so a page fetched again after all is a revisit record).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import msgspec
import redis
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

from archive.errors import EXIT_OK, EXIT_RECOVERED
from archive.pages.outcome import FailedFetch, FetchedPage
from archive.records import Capture, PriorRecord
from archive.runs.outcome import STORAGE_ERROR_REASON, run_outcome
from archive.scale_out.keys import RedisKeys, digest_field
from archive.scale_out.leases import LEASE
from archive.scale_out.messages import (
    CaptureMessage,
    FailureMessage,
    Message,
    PageMessage,
    encode_message,
    new_message_id,
)
from archive.timestamps import now_text
from archive.warc.captures import CAPTURE_ARCHIVED, is_pending

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

# request.meta key: the WARC-Record-ID of the last capture of the request.
LAST_RECORD = "morgue_capture_record"


class RedisPushPipeline:
    """Pushes `CaptureMessage`s, `PageMessage`s and `FailureMessage`s for the ingester."""

    def __init__(self, crawler: Crawler, server: redis.Redis, keys: RedisKeys) -> None:
        self.crawler = crawler
        self.server = server
        self.keys = keys
        # Set by the scale-out worker extension, which joined the run before pipelines start.
        self.run = str(self.stats.get_value("morgue/redis_run") or "")
        self.worker = str(self.stats.get_value("morgue/worker") or "")
        if not self.run:
            raise NotConfigured("scale-out mode needs MORGUE_REDIS_URL (morgue crawl --redis URL)")
        self.pages_fetched = 0
        self.pages_failed = 0
        self.failed = False
        # WARC-Record-ID of a capture -> the lease of its request, ended by its page's message.
        self.leases: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisPushPipeline:
        settings = crawler.settings
        worker = crawler.stats.get_value("morgue/worker") if crawler.stats else None
        pipeline = cls(
            crawler,
            redis.Redis.from_url(
                settings.get("MORGUE_REDIS_URL") or "", client_name=f"morgue-push:{worker}"
            ),
            RedisKeys.for_prefix(settings.get("MORGUE_REDIS_PREFIX")),
        )
        crawler.signals.connect(pipeline.capture_archived, signal=CAPTURE_ARCHIVED)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None
        return self.crawler.stats

    def capture_archived(self, capture: Capture, request: Request) -> None:
        settles = request.meta.get(LAST_RECORD) if capture.record_type == "metadata" else None
        message = CaptureMessage(
            id=new_message_id(),
            run=self.run,
            worker=self.worker,
            capture=capture,
            pending=is_pending(capture),
            settles=settles,
        )
        lease: str | None = request.meta.get(LEASE)
        record_id = capture.warc_record_id
        archived: tuple[str, str] | None = None
        if lease is not None and record_id:
            self.leases[record_id] = lease
            if message.pending:
                archived = (lease, record_id)
        self._push(message, archived=archived, digest=_prior(capture))
        request.meta[LAST_RECORD] = record_id

    def process_item(self, item: Any) -> Any:
        record_id = getattr(item, "capture_record_id", None)
        lease = self.leases.pop(record_id, None) if record_id else None
        if isinstance(item, FetchedPage):
            self.pages_fetched += 1
            self.stats.inc_value("morgue/pages_fetched")
            self._push(
                PageMessage(
                    id=new_message_id(),
                    run=self.run,
                    worker=self.worker,
                    url=item.url,
                    record_id=item.capture_record_id,
                    fetched_at=item.fetched_at,
                    outcome=item.outcome,
                ),
                releasing=lease,
            )
        elif isinstance(item, FailedFetch):
            self.pages_failed += 1
            self.stats.inc_value("morgue/pages_failed")
            self._push(
                FailureMessage(
                    id=new_message_id(),
                    run=self.run,
                    worker=self.worker,
                    url=item.url,
                    reason=item.reason,
                    status=item.status,
                    record_id=item.capture_record_id,
                    failed_at=now_text(),
                ),
                releasing=lease,
            )
        return item

    def spider_closed(self, reason: str) -> None:
        """This worker's exit code: its own pages; fetching nothing is fine when the other
        workers took everything."""
        if self.stats.get_value("morgue/storage_error"):
            reason = STORAGE_ERROR_REASON
        if self.pages_fetched == 0 and self.pages_failed == 0 and reason == "finished":
            exit_code = EXIT_OK
        else:
            exit_code = run_outcome(reason, self.pages_fetched, self.pages_failed)[1]
        if exit_code == EXIT_OK and self.stats.get_value("morgue/workers_lost"):
            exit_code = EXIT_RECOVERED  # all went well here, but the run lost a worker
        self.stats.set_value("morgue/exit_code", exit_code)

    def _push(
        self,
        message: Message,
        archived: tuple[str, str] | None = None,
        digest: PriorRecord | None = None,
        releasing: str | None = None,
    ) -> None:
        """Send `message`, in one transaction with what it means for the request's lease: its
        page `archived` (fingerprint, record id), or the lease `releasing` ended."""
        if self.failed:
            return
        pipe = self.server.pipeline(transaction=True)
        pipe.rpush(self.keys.messages, encode_message(message))
        if archived is not None:
            pipe.hset(self.keys.archived(self.run, self.worker), *archived)
        if releasing is not None:
            pipe.hdel(self.keys.leases(self.run, self.worker), releasing)
            pipe.hdel(self.keys.archived(self.run, self.worker), releasing)
        if digest is not None:
            field = digest_field(digest.url, digest.payload_digest)
            pipe.hsetnx(self.keys.digests, field, msgspec.json.encode(digest))
        try:
            pipe.execute()
        except redis.RedisError as exc:
            self._stop(exc)

    def _stop(self, exc: Exception) -> None:
        """Redis can't take messages: stop fetching; what is archived stays in the WARC files
        (the ingester can catch up pending captures from them)."""
        self.failed = True
        message = f"could not send to Redis: {exc}"
        logger.error("%s; stopping the crawl", message)
        self.stats.set_value("morgue/storage_error", message)
        assert self.crawler.engine is not None
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=STORAGE_ERROR_REASON))


def _prior(capture: Capture) -> PriorRecord | None:
    """What a later capture of the same payload refers to, for a full response."""
    if capture.record_type != "response" or not capture.payload_digest:
        return None
    return PriorRecord(
        capture.warc_record_id or "", capture.url, capture.fetched_at, capture.payload_digest
    )
