"""What one run may fetch: pages, sitemaps and feeds per host, and sitemaps and feeds per site.

Sitemap indexes, sitemaps and feeds count toward a host's cap like pages, so an endless sitemap
tree or a page announcing endless feeds can't trap the crawl; each also has its own limits.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

# The crawl counts what each limit cut off in the stats `morgue/cut/<limit>`.
CUT_STATS = "morgue/cut/"
# The limit that stopped a request.
HOST_CAP = "host_cap"
SITEMAPS = "sitemaps"
SITEMAP_DEPTH = "sitemap_depth"
FEEDS = "feeds"
# What `admit_*` says of a URL already requested in this run (not a cut: nothing is lost).
ALREADY_REQUESTED = "already_requested"


@dataclass(frozen=True)
class FetchLimits:
    """The run's limits; None means no limit."""

    pages_per_host: int | None = None
    sitemaps_per_site: int | None = None
    # Nesting of sitemap indexes: a sitemap named by the site, robots.txt or a common path is
    # at depth 0, one listed in an index at depth d is at d + 1.
    sitemap_depth: int | None = None
    feeds_per_site: int | None = None


@dataclass
class FetchBudget:
    """Counts what a run requests per host and per site, and names the limit a request breaks."""

    limits: FetchLimits
    per_host: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))
    sitemaps: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    feeds: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def host_is_full(self, host: str) -> bool:
        """Whether the host has had all the requests its cap allows."""
        cap = self.limits.pages_per_host
        return cap is not None and self.per_host[host] >= cap

    def take_page(self, host: str) -> None:
        """Count a page requested from `host` (the caller checked `host_is_full`)."""
        self.per_host[host] += 1

    def admit_sitemap(self, site: str, host: str, url: str, depth: int) -> str | None:
        """None when the sitemap may be requested (and it is counted), else why not."""
        seen = self.sitemaps[site]
        if url in seen:
            return ALREADY_REQUESTED
        if self.limits.sitemap_depth is not None and depth > self.limits.sitemap_depth:
            return SITEMAP_DEPTH
        return self._admit(seen, self.limits.sitemaps_per_site, SITEMAPS, host, url)

    def admit_feed(self, site: str, host: str, url: str) -> str | None:
        """None when the feed may be requested (and it is counted), else why not."""
        seen = self.feeds[site]
        if url in seen:
            return ALREADY_REQUESTED
        return self._admit(seen, self.limits.feeds_per_site, FEEDS, host, url)

    def _admit(
        self, seen: set[str], limit: int | None, name: str, host: str, url: str
    ) -> str | None:
        if limit is not None and len(seen) >= limit:
            return name
        if self.host_is_full(host):
            return HOST_CAP
        seen.add(url)
        self.per_host[host] += 1
        return None
