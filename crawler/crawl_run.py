"""Runs one morgue crawl in this process: settings, lock, Scrapy, and the run's outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from archive.run_lock import lock_path_for, run_lock
from archive.run_outcome import EXIT_STORAGE
from crawler.spiders.news import NewsSpider

# Politeness off, for sites served on this machine (demo, tests, benchmarks).
LOCAL_SITE_SETTINGS: dict[str, Any] = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "LOG_LEVEL": "WARNING",
}


@dataclass(frozen=True)
class CrawlOutcome:
    """What a finished crawl reports back to the CLI."""

    exit_code: int
    stats: dict[str, Any] = field(default_factory=dict)


def build_settings(db: Path, warc_dir: Path, overrides: dict[str, str] | None = None) -> Settings:
    """morgue's Scrapy settings, then the paths, then `-s NAME=VALUE` overrides."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("MORGUE_DB", str(db), priority="cmdline")
    settings.set("MORGUE_WARC_DIR", str(warc_dir), priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(start_urls: list[str], settings: Settings, depth: int | None = None) -> CrawlOutcome:
    """Crawl under the catalogue's lock; raises LockHeldError if another run holds it."""
    db_path = Path(settings.get("MORGUE_DB"))
    with run_lock(lock_path_for(db_path)):
        process = CrawlerProcess(settings)
        crawler = process.create_crawler(NewsSpider)
        process.crawl(crawler, start_urls=start_urls, depth=depth)
        process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    exit_code = stats.get("morgue/exit_code", EXIT_STORAGE)
    return CrawlOutcome(int(exit_code), stats)
