"""The process pool that extraction runs in, for the crawl, rebuild, reextract and catch-up.

Each page gets at most `timeout` seconds in its worker: a worker still busy then is killed with
its page and replaced, so one page that hangs extraction can't stall the pages behind it.
`concurrent.futures` can't stop one task; pebble's ProcessPool does both the kill and the
replacement. Workers are spawned (they inherit no reactor, socket or SQLite connection) and
leave when the process that started them is gone, so a run killed with SIGKILL leaves no
orphans behind.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TypeVar

from pebble import ProcessPool

from archive.pages.outcome import EXTRACTION_TIMEOUT, PageOutcome, PageStatus

PARENT_CHECK_SECONDS = 1.0
# Seconds one page may take in its worker (MORGUE_EXTRACT_TIMEOUT); news pages take 0.05-0.5.
DEFAULT_TIMEOUT = 20.0
# Allocations between a worker's youngest-generation collections (Python's default is 700): a
# page makes millions of short-lived objects, and at 700 enough of them were still alive at
# each collection to trigger full collections over the whole extraction stack (~3 ms of gc a
# page on the benchmark pages, ~0.7 ms with this and the imports frozen).
WORKER_GC_THRESHOLD = 5000

T = TypeVar("T")
J = TypeVar("J")


@dataclass(frozen=True)
class TimedOut:
    """A page whose extraction ran past the limit; its worker was killed."""

    limit: float

    def outcome(self) -> PageOutcome:
        """The page's outcome: archived, not extracted, with how long it ran and the limit."""
        evidence = (
            f"extraction still running after {self.limit:g} s, the limit per page "
            "(MORGUE_EXTRACT_TIMEOUT); its worker was stopped"
        )
        return PageOutcome(PageStatus(EXTRACTION_TIMEOUT, evidence))


def _leave_with_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="morgue-parent-watch", daemon=True).start()


def _start_worker(parent: int) -> None:
    """Watch the parent, and load the extractor before a page's clock starts."""
    _leave_with_parent(parent)
    import archive.pages.processing  # noqa: F401  (a fresh worker's first page pays no imports)

    gc.freeze()  # the imported modules live as long as the worker: no collection scans them
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def time_limit(seconds: float | None) -> float | None:
    """A setting's value as a limit: none, or 0, means no limit."""
    return seconds if seconds else None


class ExtractionPool:
    """Spawned worker processes, each running one page at a time within a time limit."""

    def __init__(self, workers: int, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self.timeout = time_limit(timeout)
        self._pool = ProcessPool(
            max_workers=workers,
            initializer=_start_worker,
            initargs=(os.getpid(),),
            context=multiprocessing.get_context("spawn"),
        )

    def submit(self, function: Callable[..., T], *args: Any) -> Future[T]:
        """Run `function(*args)` in a worker; past the limit the future raises TimeoutError."""
        return self._pool.schedule(function, args=args, timeout=self.timeout)

    def close(self) -> None:
        """Let the pages in hand finish (each within its limit), then end the workers."""
        self._pool.close()  # type: ignore[no-untyped-call]  # pebble leaves it unannotated
        self._pool.join()

    def stop(self) -> None:
        """End the workers now, pages in hand or not."""
        self._pool.stop()  # type: ignore[no-untyped-call]  # pebble leaves it unannotated
        self._pool.join()

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if error is None:
            self.close()
        else:
            self.stop()


@contextmanager
def one_page_at_a_time(timeout: float | None) -> Iterator[ExtractionPool | None]:
    """A one-worker pool for reprocessing archived pages within `timeout`; None (inline, no
    limit) when there is no limit. Stopped on leaving, whatever is in hand."""
    limit = time_limit(timeout)
    if limit is None:
        yield None
        return
    pool = ExtractionPool(1, limit)
    try:
        yield pool
    finally:
        pool.stop()


def result_within_limit(future: Future[T], limit: float | None) -> T | TimedOut:
    """The future's result, or `TimedOut` when its worker was stopped at the limit."""
    try:
        result: T = future.result()
    except TimeoutError:
        return TimedOut(limit or 0.0)
    return result


def in_order(
    pool: ExtractionPool | None,
    function: Callable[[J], T],
    jobs: Iterable[J],
    window: int,
) -> Iterator[tuple[J, T | TimedOut]]:
    """Each job with `function(job)`, in job order, with up to `window` jobs in the pool at
    once; inline (no time limit) without a pool."""
    if pool is None:
        yield from ((job, function(job)) for job in jobs)
        return
    pending: deque[tuple[J, Future[T]]] = deque()

    def oldest() -> tuple[J, T | TimedOut]:
        done, future = pending.popleft()
        return done, result_within_limit(future, pool.timeout)

    for job in jobs:
        pending.append((job, pool.submit(function, job)))
        if len(pending) > window:
            yield oldest()
    while pending:
        yield oldest()
