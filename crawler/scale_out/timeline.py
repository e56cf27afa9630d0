"""Where a scale-out worker's time went: fetching, or why it was not.

With nothing in flight, a worker is either still starting (from joining the run until its first
request reaches the downloader), processing what it fetched (parsing and extraction hold the
engine, and the downloads wait for them; after its last fetch, finishing), or idle: its engine
has nothing to do while the run goes on, waiting for links before its last fetch and for the
run to end after it. Then it closes. "Fetching" counts a request from the moment it reaches the
downloader, waiting for its slot included; `download_seconds` adds up Scrapy's
`download_latency` of each response, so it tells how many fetch places were in use. The worker
logs the spans, in seconds, as one JSON line when it closes (`make bench-scale-out` prints them
per worker).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrapy import Request

STARTING, FETCHING, PROCESSING, WAITING, CLOSING = (
    "starting", "fetching", "processing", "waiting", "closing",
)  # fmt: skip

# How the log line that carries the summary begins (the benchmark looks for it).
LOG_PREFIX = "worker timeline:"


class WorkerTimeline:
    """The spans of one worker's crawl, fed by the downloader signals and the worker."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.clock = clock
        self.wall = wall
        self.state = STARTING
        self.since = clock()
        self.active = 0
        self.fetches = 0
        self.seconds = dict.fromkeys((STARTING, FETCHING, PROCESSING, WAITING, CLOSING), 0.0)
        self.download_seconds = 0.0
        self.trailing = dict.fromkeys((PROCESSING, WAITING), 0.0)  # since the last fetch
        self.finishing = 0.0
        self.waiting_for_run_end = 0.0
        self.stamps: dict[str, float] = {"joined_at": wall()}

    def request_reached_downloader(self) -> None:
        self._settle()
        if self.fetches == 0:
            self.stamps["first_fetch_at"] = self.wall()
        self.active += 1
        self.fetches += 1
        self.trailing = dict.fromkeys(self.trailing, 0.0)
        self.state = FETCHING

    def request_left_downloader(self) -> None:
        self._settle()
        self.active = max(0, self.active - 1)
        self.stamps["last_fetch_at"] = self.wall()
        if self.active == 0:
            self.state = PROCESSING

    def response_downloaded(self, request: Request) -> None:
        self.download_seconds += float(request.meta.get("download_latency") or 0.0)

    def engine_idle(self) -> None:
        """The engine has nothing to do: no download, nothing to process, no request."""
        if self.active == 0 and self.state in (STARTING, PROCESSING):
            self._settle()
            self.state = WAITING

    def run_done(self) -> None:
        """The whole run has nothing left: this worker closes."""
        if self.state == CLOSING:
            return
        self._settle()
        self.finishing = self.trailing[PROCESSING]
        self.waiting_for_run_end = self.trailing[WAITING]
        self.stamps["run_done_at"] = self.wall()
        self.state = CLOSING

    def summary(self) -> dict[str, Any]:
        """The spans so far, in seconds, and when each step happened (Unix time)."""
        self._settle()
        seconds = self.seconds
        waiting = seconds[WAITING]
        return {
            "fetches": self.fetches,
            "starting": round(seconds[STARTING], 3),
            "fetching": round(seconds[FETCHING], 3),
            "download_seconds": round(self.download_seconds, 3),
            "processing": round(seconds[PROCESSING] - self.finishing, 3),
            "finishing": round(self.finishing, 3),
            "waiting_for_links": round(waiting - self.waiting_for_run_end, 3),
            "waiting_for_run_end": round(self.waiting_for_run_end, 3),
            "closing": round(seconds[CLOSING], 3),
            **{name: round(stamp, 3) for name, stamp in self.stamps.items()},
            "closed_at": round(self.wall(), 3),
        }

    def _settle(self) -> None:
        now = self.clock()
        span = now - self.since
        self.since = now
        self.seconds[self.state] += span
        if self.state in self.trailing:
            self.trailing[self.state] += span
