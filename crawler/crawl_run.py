"""Runs one morgue crawl in this process: settings, lock, Scrapy, and the run's outcome."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import BaseSettings, Settings

from archive.errors import EXIT_INTERRUPTED, EXIT_STORAGE, ConfigError, StorageError, UsageError
from archive.records import REQUISITE_MODES
from archive.runs.lock import lock_path_for, run_lock
from archive.sites.config import SiteConfig, load_sites
from crawler.backends import apply_backend_settings, is_worker
from crawler.politeness import keep_concurrency_limits
from crawler.scale_out.connection import connect
from crawler.settings_check import check_overrides
from crawler.spiders.news import NewsSpider

# In scale-out mode, the lock a worker holds in its WARC folder.
WORKER_LOCK_NAME = "morgue-worker.lock"

# Politeness off, for sites served on this machine (demo, tests, benchmarks).
LOCAL_SITE_SETTINGS: dict[str, Any] = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
}


# Written the moment Ctrl-C (or SIGTERM) arrives, and at a second one: the graceful stop
# can take as long as the slowest page in flight.
STOPPING_NOTICE = b"\nmorgue: stopping after in-flight pages; Ctrl-C again to abort\n"
ABORTING_NOTICE = b"\nmorgue: aborting now; the open WARC file is finished on the next run\n"


class NoticingCrawlerProcess(CrawlerProcess):
    """A CrawlerProcess that says on stderr what a Ctrl-C does, at once."""

    interrupted = False  # Ctrl-C or SIGTERM arrived
    aborted = False  # a second one stopped the reactor before the run's end was recorded

    # Scrapy's handler first: it installs the one for the second Ctrl-C, which may come as
    # soon as the notice is read. os.write, not print: in a signal handler, Python's buffered
    # streams may be mid-write.
    def _signal_shutdown(self, signum: int, frame: Any) -> None:
        self.interrupted = True
        super()._signal_shutdown(signum, frame)
        os.write(sys.stderr.fileno(), STOPPING_NOTICE)

    def _signal_kill(self, signum: int, frame: Any) -> None:
        self.aborted = True
        super()._signal_kill(signum, frame)
        os.write(sys.stderr.fileno(), ABORTING_NOTICE)


@dataclass(frozen=True)
class CrawlOutcome:
    """What a finished crawl reports back to the CLI."""

    exit_code: int
    stats: dict[str, Any] = field(default_factory=dict)


def build_settings(db: Path, warc_dir: Path, overrides: dict[str, str] | None = None) -> Settings:
    """morgue's Scrapy settings, then the paths, then `-s NAME=VALUE` overrides, each checked
    first (UsageError, exit 2) so a typo stops the run before anything is fetched."""
    check_overrides(overrides or {})
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("MORGUE_DB", str(db), priority="cmdline")
    settings.set("MORGUE_WARC_DIR", str(warc_dir), priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    catalogue = Path(settings.get("MORGUE_DB"))
    if catalogue.is_dir():
        raise UsageError(
            f"the catalogue {catalogue} is a folder; give a file path such as {catalogue}/morgue.db"
        )
    if not settings.get("LOG_FILE"):
        settings.set("LOG_FILE", str(run_log_path(settings, db)), priority="cmdline")
    return settings


def run_log_path(settings: Settings, db: Path) -> Path:
    """A new log file for this run in MORGUE_LOG_DIR (default: `logs/` beside the catalogue)."""
    log_dir = Path(settings.get("MORGUE_LOG_DIR") or db.parent / "logs")
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create the log folder {log_dir}: {exc}") from exc
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return log_dir / f"morgue-{stamp}-{os.getpid()}.log"


def politeness_slots(sites: list[SiteConfig]) -> dict[str, dict[str, Any]]:
    """Scrapy DOWNLOAD_SLOTS for the sites whose politeness is overridden, by host."""
    slots: dict[str, dict[str, Any]] = {}
    for site in sites:
        slot: dict[str, Any] = {}
        if site.politeness.download_delay is not None:
            slot["delay"] = site.politeness.download_delay
        if site.politeness.concurrency is not None:
            slot["concurrency"] = site.politeness.concurrency
        if slot:
            slots.update({host: dict(slot) for host in site.hosts})
    return slots


def run_crawl(
    start_urls: list[str],
    settings: Settings,
    config: Path | None = None,
    site: str | None = None,
    echo_log: bool = False,
) -> CrawlOutcome:
    """Crawl under the catalogue's lock (a worker's: its WARC folder's); raises LockHeldError
    if another run holds it, ConfigError if the site configuration is unusable and
    QueueUnavailableError if a scale-out worker can't reach Redis. `echo_log` also shows the
    log on stderr (`morgue crawl -v`)."""
    requisites = settings.get("MORGUE_REQUISITES")
    if requisites not in REQUISITE_MODES:
        raise ConfigError(
            f"MORGUE_REQUISITES must be one of {', '.join(REQUISITE_MODES)}, not {requisites!r}"
        )
    if config is not None:
        slots = politeness_slots(load_sites(config, site))
        if slots:
            settings.set("DOWNLOAD_SLOTS", {**settings.getdict("DOWNLOAD_SLOTS"), **slots})
    # Also here, not only in the spider's update_settings: handing a made crawler to
    # CrawlerProcess.crawl copies the runner's settings over the crawler's again.
    keep_concurrency_limits(settings)
    apply_backend_settings(settings)
    db_path = Path(settings.get("MORGUE_DB"))
    lock = lock_path_for(db_path)
    if is_worker(settings):
        # A scale-out worker writes no catalogue: one worker at a time per WARC folder.
        connect(settings["MORGUE_REDIS_URL"])
        lock = Path(settings.get("MORGUE_WARC_DIR")) / WORKER_LOCK_NAME
    with run_lock(lock):
        process = NoticingCrawlerProcess(settings)
        crawler = create_crawler(process)
        if echo_log:
            _echo_log_to_stderr(settings)
        process.crawl(
            crawler,
            start_urls=start_urls,
            config=str(config) if config else None,
            site=site,
        )
        process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    if "morgue/exit_code" not in stats and (process.interrupted or process.aborted):
        # The run's row stays `running` until the next run marks it interrupted and catches up.
        return CrawlOutcome(EXIT_INTERRUPTED, {**stats, "morgue/run_status": "aborted"})
    exit_code = stats.get("morgue/exit_code", EXIT_STORAGE)
    return CrawlOutcome(int(exit_code), stats)


def create_crawler(process: CrawlerProcess) -> Crawler:
    """The crawler of a NewsSpider run, which makes no log record below LOG_LEVEL."""
    crawler = process.create_crawler(NewsSpider)

    def engine_started() -> None:
        log_only_at(crawler.settings)

    crawler.signals.connect(engine_started, signal=signals.engine_started, weak=False)
    return crawler


def log_only_at(settings: BaseSettings) -> None:
    """Root and `scrapy` loggers at LOG_LEVEL. Scrapy sets "scrapy" to DEBUG, and the root
    logger back to NOTSET whenever a crawler is made or starts, so each page's DEBUG records
    ("Crawled", "Scraped from") were made, their caller looked up, then dropped by every
    handler (all at LOG_LEVEL)."""
    level = settings.get("LOG_LEVEL")
    logging.getLogger().setLevel(level)
    logging.getLogger("scrapy").setLevel(level)


def _echo_log_to_stderr(settings: Settings) -> None:
    """The run's log on stderr too, in Scrapy's format, besides its log file."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter(fmt=settings.get("LOG_FORMAT"), datefmt=settings.get("LOG_DATEFORMAT"))
    )
    handler.setLevel(settings.get("LOG_LEVEL"))
    logging.getLogger().addHandler(handler)
