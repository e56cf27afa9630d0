"""scrapy-redis's scheduler on the run's own frontier and duplicate filter.

Both keys carry the run token, so every run starts with an empty duplicate filter: listing pages
and due recrawls are fetched again in the next run, while within a run each URL is fetched once
across all workers. The keys persist when one worker closes; the last worker drops them.
Requests are leased from the frontier, not popped (crawler/scale_out/leases), and only as
fast as the worker can fetch them: Scrapy's engine would take up to CONCURRENT_REQUESTS (16) at
once, which leaves them queued in this worker's download slots, leased to it, while other
workers with free places wait for links, or for the run to end once the frontier is empty.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from archive.scale_out.leases import LEASE
from crawler.scale_out.leases import LeasedQueue
from crawler.scale_out.session import session_of

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from crawler.scale_out.session import WorkerSession

# Requests a worker holds waiting for a place in each download slot it uses (one slot per host).
# One is enough to start the next fetch the moment a place frees; the engine takes another then.
WAITING_PER_SLOT = 1
# Pages a worker may have in processing (parsing, extraction) before it takes no more: one whose
# extraction falls behind leaves the frontier to the others, instead of fetching a backlog they
# would wait for at the run's end (Scrapy's own limit, 5 MB of responses, is ~17 news pages).
PROCESSING_LIMIT = 4

# Meta key of a request a worker took from the shared frontier to wake its engine (already
# admitted by the duplicate filter once, so it is not filtered again).
TAKEN = "morgue_taken_from_frontier"


class RunScheduler(Scheduler):  # type: ignore[misc]
    """One run's shared frontier; requests taken by the idle waker are served first."""

    session: WorkerSession
    crawler: Crawler
    stats: StatsCollector | None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunScheduler:
        session = session_of(crawler)
        instance: RunScheduler = cls(
            server=session.server,
            persist=True,  # the other workers still use the frontier
            queue_key=session.keys.run(session.token, "requests"),
            dupefilter=RFPDupeFilter(
                session.server,
                key=session.keys.run(session.token, "dupefilter"),
                debug=crawler.settings.getbool("DUPEFILTER_DEBUG"),
            ),
        )
        instance.session = session
        instance.crawler = crawler
        instance.stats = crawler.stats
        instance.taken = deque()
        return instance

    taken: deque[Request]
    queue: LeasedQueue

    def open(self, spider: Any) -> None:
        self.spider = spider
        session = self.session
        self.queue = LeasedQueue(
            self.server,
            spider,
            self.queue_key,
            self.serializer,
            fingerprint=self.df.request_fingerprint,
            leases_key=session.keys.leases(session.token, session.membership.worker),
            archived_key=session.keys.archived(session.token, session.membership.worker),
        )

    def enqueue_request(self, request: Request) -> bool:
        if request.meta.pop(TAKEN, False):
            self.taken.append(request)
            return True
        # A redirect or retry carries the lease of the request it came from, which ends as
        # soon as this one is in the frontier (or is found to be a duplicate).
        derived_from: str | None = request.meta.pop(LEASE, None)
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            if derived_from is not None:
                self.queue.release(derived_from)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request, releasing=derived_from)
        return True

    def next_request(self) -> Request | None:
        request: Request | None
        if self.taken:
            request = self.taken.popleft()
        elif self._holding_enough():
            return None  # the engine asks again when a download ends
        else:
            request = self.queue.pop()
        if request is not None:
            self.session.membership.mark_busy()
            if self.stats:
                self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def _holding_enough(self) -> bool:
        """Whether this worker already holds a request waiting for a fetch place in each of
        its download slots, or has PROCESSING_LIMIT pages in processing. A request still in the
        downloader middlewares (its host's robots.txt loading) does not count: a slow host must
        not keep the others waiting."""
        engine = self.crawler.engine
        if engine is None:
            return False
        processing = engine.scraper.slot
        if processing is not None and len(processing.queue) + len(processing.active) >= (
            PROCESSING_LIMIT
        ):
            return True
        slots = [slot for slot in engine.downloader.slots.values() if slot.active]
        waiting = sum(len(slot.queue) for slot in slots)
        return waiting >= WAITING_PER_SLOT * max(1, len(slots))

    def take_one(self) -> Request | None:
        """A request from the shared frontier, marked to skip the duplicate filter on its
        way back in through `engine.crawl` (which is what wakes an idle engine)."""
        request: Request | None = self.queue.pop()
        if request is not None:
            request.meta[TAKEN] = True
        return request

    def has_pending_requests(self) -> bool:
        return bool(self.taken) or len(self) > 0
