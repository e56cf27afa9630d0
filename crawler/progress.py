"""A live progress line while a crawl runs, so a terminal user sees it working.

Drawn with rich (already installed with Datasette's dependencies) on stderr, and only when
stderr is a terminal unless MORGUE_PROGRESS says otherwise: cron's mail stays empty. Forced on
without a terminal (`morgue crawl --progress 2>log`), it prints a plain line every few seconds.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from rich.console import Console
from rich.live import Live
from rich.text import Text
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

# Seconds between redraws on a terminal, and between lines without one.
TERMINAL_INTERVAL = 0.5
PLAIN_INTERVAL = 5.0


@dataclass(frozen=True)
class ProgressCounts:
    """What the progress line shows, read from the crawl's stats."""

    fetched: int
    archived: int
    failed: int
    new: int
    changed: int
    queued: int

    @classmethod
    def from_stats(cls, stats: dict[str, Any]) -> ProgressCounts:
        return cls(
            fetched=stats.get("morgue/pages_fetched", 0),
            archived=stats.get("morgue/warc_records/response", 0)
            + stats.get("morgue/warc_records/revisit", 0),
            failed=stats.get("morgue/pages_failed", 0),
            new=stats.get("morgue/articles_new", 0),
            changed=stats.get("morgue/articles_changed", 0),
            queued=max(0, stats.get("scheduler/enqueued", 0) - stats.get("scheduler/dequeued", 0)),
        )


def progress_line(counts: ProgressCounts, seconds: float, host: str) -> str:
    """E.g. "fetched 40 · archived 42 · failed 1 · new 28 · changed 0 · queue 3 · 7.1/s · host"."""
    rate = counts.fetched / seconds if seconds > 0 else 0.0
    return (
        f"fetched {counts.fetched} · archived {counts.archived} · failed {counts.failed}"
        f" · new {counts.new} · changed {counts.changed} · queue {counts.queued}"
        f" · {rate:.1f}/s · {host or '-'}"
    )


def progress_wanted(value: Any, stderr_is_terminal: bool) -> bool:
    """MORGUE_PROGRESS: True/False as given; unset, on exactly when stderr is a terminal."""
    if value in (None, ""):
        return stderr_is_terminal
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1")
    return bool(value)


class CrawlProgress:
    """Scrapy extension: redraws the progress line from the stats on a timer."""

    def __init__(self, stats: StatsCollector, console: Console) -> None:
        self.stats = stats
        self.console = console
        self.live: Live | None = None
        self.host = ""
        self.started = time.monotonic()
        self.task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        if not progress_wanted(crawler.settings.get("MORGUE_PROGRESS"), sys.stderr.isatty()):
            # Without a message: Scrapy logs a message as a warning, in every cron run's log.
            raise NotConfigured
        assert crawler.stats is not None
        extension = cls(crawler.stats, Console(stderr=True, highlight=False))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        return extension

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        interval = PLAIN_INTERVAL
        if self.console.is_terminal:
            interval = TERMINAL_INTERVAL
            self.live = Live(console=self.console, auto_refresh=False, transient=True)
            self.live.start()
        self.task = create_looping_call(self.draw)
        self.task.start(interval, now=False)

    def response_received(self, response: Response) -> None:
        self.host = urlsplit(response.url).netloc

    def draw(self) -> None:
        line = self.line()
        if self.live is not None:
            # Cut to the terminal's width rather than wrapped: one line, redrawn in place.
            self.live.update(Text(line, no_wrap=True, overflow="ellipsis"), refresh=True)
        else:
            self.console.print(f"morgue crawl: {line}", markup=False, soft_wrap=True)

    def line(self) -> str:
        counts = ProgressCounts.from_stats(self.stats.get_stats())
        return progress_line(counts, time.monotonic() - self.started, self.host)

    def spider_closed(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        if self.live is not None:
            self.live.stop()  # transient: the summary line takes its place
