"""The crawl's side of `archive.sites.limits`: the limits from the settings, and what they cut
off counted in the stats (`morgue/cut/<limit>`) and logged once per site and limit."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.settings import BaseSettings

from archive.sites.limits import (
    ALREADY_REQUESTED,
    CUT_STATS,
    FEEDS,
    HOST_CAP,
    SITEMAP_DEPTH,
    SITEMAPS,
    FetchBudget,
    FetchLimits,
)

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

# The setting behind each limit, named in the log when it first cuts something off.
LIMIT_SETTINGS = {
    HOST_CAP: "MORGUE_MAX_PAGES_PER_HOST",
    SITEMAPS: "MORGUE_MAX_SITEMAPS",
    SITEMAP_DEPTH: "MORGUE_SITEMAP_DEPTH",
    FEEDS: "MORGUE_MAX_FEEDS",
}


def fetch_limits(settings: BaseSettings) -> FetchLimits:
    """The run's limits from its settings; 0 or empty means no limit (for the sitemap depth,
    empty means none and 0 allows only the sitemaps named directly)."""
    depth = settings.get("MORGUE_SITEMAP_DEPTH")
    return FetchLimits(
        pages_per_host=settings.getint("MORGUE_MAX_PAGES_PER_HOST") or None,
        sitemaps_per_site=settings.getint("MORGUE_MAX_SITEMAPS") or None,
        sitemap_depth=None if depth in (None, "") else int(depth),
        feeds_per_site=settings.getint("MORGUE_MAX_FEEDS") or None,
    )


class DiscoveryGate:
    """Lets sitemap and feed requests through the run's budget, and reports what it cuts off."""

    def __init__(self, budget: FetchBudget, crawler: Crawler | None) -> None:
        self.budget = budget
        self.crawler = crawler  # its stats exist only once the crawl has started
        self.logged: set[tuple[str, str]] = set()

    def sitemap(self, url: str, site: str, depth: int) -> bool:
        """Whether the sitemap (index) at `depth` is to be requested."""
        return self._passes(self.budget.admit_sitemap(site, _host(url), url, depth), url, site)

    def feed(self, url: str, site: str) -> bool:
        """Whether the feed is to be requested."""
        return self._passes(self.budget.admit_feed(site, _host(url), url), url, site)

    def _passes(self, cut: str | None, url: str, site: str) -> bool:
        if cut is None:
            return True
        if cut == ALREADY_REQUESTED:
            return False
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(CUT_STATS + cut)
        if (site, cut) in self.logged:
            logger.debug("cut off by %s: %s", cut, url)
            return False
        self.logged.add((site, cut))
        logger.warning(
            "site %s: %s reached; %s is not fetched, nor any further one it cuts off "
            "(counted in %s)",
            site,
            LIMIT_SETTINGS[cut],
            url,
            CUT_STATS + cut,
        )
        return False


def _host(url: str) -> str:
    return urlsplit(url).hostname or ""
