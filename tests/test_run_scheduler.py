"""A scale-out worker takes requests from the shared frontier only as it can start them."""

from __future__ import annotations

from collections import deque
from types import SimpleNamespace
from typing import Any

from scrapy import Request

from crawler.scale_out.scheduler import RunScheduler


class Frontier:
    """Stands in for the leased Redis queue: counts what the worker took."""

    def __init__(self, size: int) -> None:
        self.requests = deque(Request(f"http://news.example/{n}") for n in range(size))

    def pop(self) -> Request | None:
        return self.requests.popleft() if self.requests else None


def slot(transferring: int = 0, waiting: int = 0) -> SimpleNamespace:
    queue = deque((Request(f"http://news.example/w{n}"), None) for n in range(waiting))
    moving = {Request(f"http://news.example/t{n}") for n in range(transferring)}
    return SimpleNamespace(queue=queue, transferring=moving, active=moving | {r for r, _ in queue})


def scheduler(frontier: Frontier, *slots: SimpleNamespace, processing: int = 0) -> RunScheduler:
    instance = RunScheduler.__new__(RunScheduler)
    downloader = SimpleNamespace(slots={f"host{n}": s for n, s in enumerate(slots)})
    pages = {Request(f"http://news.example/p{n}") for n in range(processing)}
    scraper = SimpleNamespace(slot=SimpleNamespace(queue=deque(), active=pages))
    engine = SimpleNamespace(downloader=downloader, scraper=scraper)
    instance.crawler = SimpleNamespace(engine=engine)  # type: ignore[assignment]
    instance.queue = frontier  # type: ignore[assignment]
    instance.taken = deque()
    instance.stats = None
    membership: Any = SimpleNamespace(mark_busy=lambda: None)
    instance.session = SimpleNamespace(membership=membership)  # type: ignore[assignment]
    return instance


def test_a_worker_with_free_places_or_nothing_waiting_takes_the_next_request() -> None:
    frontier = Frontier(3)

    assert scheduler(frontier).next_request() is not None  # nothing in its downloader
    assert scheduler(frontier, slot(transferring=2)).next_request() is not None
    assert len(frontier.requests) == 1


def test_a_worker_with_a_request_waiting_for_a_place_leaves_the_frontier_to_the_others() -> None:
    frontier = Frontier(3)

    assert scheduler(frontier, slot(transferring=2, waiting=1)).next_request() is None
    assert len(frontier.requests) == 3


def test_one_request_may_wait_for_each_site_the_worker_is_fetching_from() -> None:
    frontier = Frontier(3)
    busy = slot(transferring=1, waiting=1)

    assert scheduler(frontier, busy, slot(transferring=1)).next_request() is not None
    assert scheduler(frontier, busy, slot(transferring=1, waiting=1)).next_request() is None
    # A slot left over from an earlier host, with nothing in it, does not count.
    assert scheduler(frontier, busy, slot()).next_request() is None


def test_a_worker_whose_processing_falls_behind_takes_no_more() -> None:
    frontier = Frontier(3)

    assert scheduler(frontier, slot(transferring=1), processing=3).next_request() is not None
    assert scheduler(frontier, slot(transferring=1), processing=4).next_request() is None
    assert len(frontier.requests) == 2


def test_a_request_taken_to_wake_the_engine_is_served_even_with_one_waiting() -> None:
    frontier = Frontier(1)
    worker = scheduler(frontier, slot(transferring=2, waiting=1))
    woken = Request("http://news.example/woken")
    worker.taken.append(woken)

    assert worker.next_request() is woken
    assert len(frontier.requests) == 1
