"""The Scrapy extension that makes a crawl a scale-out worker (on when MORGUE_REDIS_URL is set).

It joins the shared run before anything is fetched, keeps a heartbeat, keeps an idle worker
waiting while others may still add to the frontier (and wakes it when they do), ends the crawl
once the whole run has nothing left, and leaves the run with a note of what this worker wrote.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
from typing import TYPE_CHECKING, Any

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from archive.errors import EXIT_RECOVERED
from archive.scale_out.keys import RedisKeys
from archive.scale_out.messages import (
    Message,
    WorkerFinished,
    WorkerStarted,
    encode_message,
    new_message_id,
)
from archive.timestamps import now_text
from crawler.backends import redis_keys
from crawler.scale_out.connection import connect
from crawler.scale_out.membership import RunMembership, worker_name
from crawler.scale_out.scheduler import RunScheduler
from crawler.scale_out.session import WorkerSession, attach
from crawler.scale_out.timeline import LOG_PREFIX, WorkerTimeline

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

# How often an idle worker looks at the shared frontier.
WAKE_INTERVAL = 0.2


class ScaleOutWorker:
    """This process's membership in the shared run, and its channel to the ingester."""

    def __init__(
        self, crawler: Crawler, server: redis.Redis, keys: RedisKeys, ttl: int, name: str
    ) -> None:
        self.crawler = crawler
        self.server = server
        self.keys = keys
        self.membership = RunMembership(server, keys, name, heartbeat_ttl=ttl)
        self.heartbeat_interval = max(1.0, ttl / 6)
        self._heartbeat = task.LoopingCall(self._beat)
        self._waker = task.LoopingCall(self._wake)
        self.closing = False
        self.timeline = WorkerTimeline()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScaleOutWorker:
        settings = crawler.settings
        url = settings.get("MORGUE_REDIS_URL")
        if not url:
            raise NotConfigured("MORGUE_REDIS_URL is not set: not a scale-out worker")
        keys = redis_keys(settings)
        name = worker_name()
        # Named, so `CLIENT LIST` tells which worker each connection is (and what it waits on).
        server = connect(url, client_name=f"morgue-worker:{name}")
        worker = cls(crawler, server, keys, settings.getint("MORGUE_WORKER_TIMEOUT", 60), name)
        token = worker.membership.join()
        attach(crawler, WorkerSession(worker.server, worker.keys, worker.membership))
        assert crawler.stats is not None
        crawler.stats.set_value("morgue/redis_run", token)
        crawler.stats.set_value("morgue/worker", worker.name)
        worker.push(
            WorkerStarted(
                id=new_message_id(),
                run=token,
                worker=worker.name,
                started_at=now_text(),
                command=" ".join(sys.argv),
                hostname=socket.gethostname(),
                pid=os.getpid(),
            )
        )
        logger.info("worker %s joined run %s", worker.name, token)
        crawler.signals.connect(worker.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(worker.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(worker.spider_closed, signal=signals.spider_closed)
        timeline = worker.timeline
        crawler.signals.connect(
            timeline.request_reached_downloader, signal=signals.request_reached_downloader
        )
        crawler.signals.connect(
            timeline.request_left_downloader, signal=signals.request_left_downloader
        )
        crawler.signals.connect(timeline.response_downloaded, signal=signals.response_downloaded)
        return worker

    @classmethod
    def of(cls, crawler: Crawler) -> ScaleOutWorker:
        """The crawl's worker extension (for the scheduler and the pusher pipeline)."""
        for extension in crawler.extensions.middlewares:
            if isinstance(extension, cls):
                return extension
        raise NotConfigured("scale-out mode needs MORGUE_REDIS_URL (morgue crawl --redis URL)")

    @property
    def name(self) -> str:
        return self.membership.worker

    @property
    def run(self) -> str:
        token = self.membership.token
        assert token is not None
        return token

    def push(self, message: Message) -> None:
        """Send a message to the ingester (after every earlier one of this worker)."""
        self.server.rpush(self.keys.messages, encode_message(message))

    def spider_opened(self) -> None:
        # Beat at once: opening the crawl (the extraction pool) may have taken a while.
        self._heartbeat.start(self.heartbeat_interval, now=True)

    def spider_idle(self) -> None:
        if self.closing:
            return
        self.timeline.engine_idle()
        if self.membership.mark_idle():
            self.timeline.run_done()
            return  # the whole run is done: let Scrapy close the spider
        if not self._waker.running:
            self._waker.start(WAKE_INTERVAL, now=False)
        raise DontCloseSpider

    def _wake(self) -> None:
        engine = self.crawler.engine
        assert engine is not None
        scheduler = engine.scheduler
        if self.membership.frontier_size() > 0 and isinstance(scheduler, RunScheduler):
            request = scheduler.take_one()
            if request is not None:
                self._waker.stop()
                engine.crawl(request)
                return
        if self.membership.mark_idle():
            self._waker.stop()
            self.timeline.run_done()
            deferred_from_coro(engine.close_spider_async(reason="finished"))

    def _beat(self) -> None:
        try:
            lost = self.membership.heartbeat()
        except redis.RedisError as exc:
            logger.error("heartbeat to Redis failed: %s", exc)
            return
        self._note_losses(lost)

    def _note_losses(self, lost: int) -> None:
        """Keep the run's lost-worker count in the stats (the exit code says it)."""
        assert self.crawler.stats is not None
        if lost > int(self.crawler.stats.get_value("morgue/workers_lost") or 0):
            logger.warning(
                "run %s has lost %d worker(s): what they had taken went back to the frontier",
                self.run, lost,
            )  # fmt: skip
            self.crawler.stats.set_value("morgue/workers_lost", lost)

    def spider_closed(self, reason: str) -> None:
        self.closing = True
        for loop in (self._heartbeat, self._waker):
            if loop.running:
                loop.stop()
        logger.info(
            "%s %s", LOG_PREFIX, json.dumps({"worker": self.name, **self.timeline.summary()})
        )
        stats: dict[str, Any] = self.crawler.stats.get_stats() if self.crawler.stats else {}
        finished = WorkerFinished(
            id=new_message_id(),
            run=self.run,
            worker=self.name,
            finished_at=now_text(),
            reason=reason,
            warc_files=list(stats.get("morgue/warc_file_names") or []),
            storage_error=stats.get("morgue/storage_error"),
        )
        try:
            last = self.membership.leave(finished)
        except redis.RedisError as exc:
            logger.error("could not leave run %s in Redis: %s", self.run, exc)
            return
        logger.info("worker %s left run %s%s", self.name, self.run, " (the last)" if last else "")
        self._note_losses(self.membership.workers_lost)
        assert self.crawler.stats is not None
        if self.membership.workers_lost and self.crawler.stats.get_value("morgue/exit_code") == 0:
            self.crawler.stats.set_value("morgue/exit_code", EXIT_RECOVERED)
