"""The generic news spider: start URLs, feeds and sitemaps of each configured site, then links
within the site's hosts and patterns, fetching only what is new or due under the recrawl policy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import DownloadCancelledError
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure

from archive.catalogue.history import HistoryLookup
from archive.discovery import (
    COMMON_DISCOVERY_PATHS,
    feed_links,
    parse_discovery,
    sitemaps_in_robots,
)
from archive.pages.outcome import FailedFetch, FetchedPage
from archive.pages.processing import (
    DEFAULT_MAX_EXTRACT_BYTES,
    DEFAULT_MIN_WORDS,
    CrawlContext,
    SiteRule,
    is_html,
)
from archive.pages.requisites import DEFAULT_MODE
from archive.records import Capture
from archive.sites.config import SiteConfig, load_sites, site_for_urls
from archive.sites.limits import FetchBudget, FetchLimits
from archive.sites.recrawl import conditional_headers, is_due
from archive.warc.captures import FETCH_FAILED, TOO_LARGE
from crawler.backends import apply_backend_settings, history_for
from crawler.fetch_errors import describe_error
from crawler.fetch_limits import DiscoveryGate, fetch_limits
from crawler.link_finder import find_links
from crawler.middlewares.content_coding import content_encoding
from crawler.politeness import keep_concurrency_limits
from crawler.requisites import DEFAULT_MAX_BYTES, REQUISITE, RequisiteRequests

# What a request is for: pages are catalogued, the rest only discover pages.
PAGE, FEED, SITEMAP, ROBOTS, PROBE = "page", "feed", "sitemap", "robots", "probe"


def parse_start_urls(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """Start URLs from `-a start_urls=a,b` or a list."""
    if not value:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [url.strip() for url in items if url.strip()]


class NewsSpider(scrapy.Spider):
    """Crawls configured sites (or the given URLs' hosts) into the archive."""

    name = "news"

    def __init__(
        self,
        start_urls: str | list[str] | None = None,
        depth: str | int | None = None,
        config: str | None = None,
        site: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        # `-a depth=N` (scrapy crawl); MORGUE_DEPTH, which `morgue crawl --depth` sets, is
        # applied in from_crawler, the same way.
        self.depth_limit = None if depth in (None, "") else int(depth)
        urls = parse_start_urls(start_urls)
        if config:
            self.sites = load_sites(Path(config), site)
        else:
            self.sites = [site_for_urls(urls)] if urls else []
        if self.depth_limit is not None:
            self.sites = [_with_depth(s, self.depth_limit) for s in self.sites]
        self.scheduled: defaultdict[str, set[str]] = defaultdict(set)
        self.budget = FetchBudget(FetchLimits())
        self.gate = DiscoveryGate(self.budget, None)
        self.not_due: set[str] = set()
        self.history: HistoryLookup | None = None
        self.refetch = False
        self.requisites = RequisiteRequests(DEFAULT_MODE)

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        keep_concurrency_limits(settings)
        apply_backend_settings(settings)

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        depth = settings.get("MORGUE_DEPTH")
        if depth not in (None, "") and spider.depth_limit is None:
            spider.depth_limit = int(depth)
            spider.sites = [_with_depth(s, spider.depth_limit) for s in spider.sites]
        spider.refetch = settings.getbool("MORGUE_REFETCH")
        spider.budget = FetchBudget(fetch_limits(settings))
        spider.gate = DiscoveryGate(spider.budget, crawler)
        spider.history = history_for(settings)
        spider.requisites = RequisiteRequests(
            settings.get("MORGUE_REQUISITES") or DEFAULT_MODE,
            settings.getint("MORGUE_MAX_REQUISITE_BYTES", DEFAULT_MAX_BYTES),
            spider.history,
            spider.refetch,
        )
        spider.crawl_context = CrawlContext(
            min_words=settings.getint("MORGUE_ARTICLE_MIN_WORDS", DEFAULT_MIN_WORDS),
            sites=tuple(
                SiteRule(s.name, tuple(sorted(s.hosts)), s.article_pattern) for s in spider.sites
            ),
            max_extract_bytes=settings.getint(
                "MORGUE_MAX_EXTRACT_BYTES", DEFAULT_MAX_EXTRACT_BYTES
            ),
        )
        return spider

    crawl_context: CrawlContext = CrawlContext()

    @property
    def trusted_hosts(self) -> frozenset[str]:
        """Hosts the operator named (start URLs, feeds, sitemaps); the SSRF guard lets them be
        private addresses."""
        return frozenset(host for site in self.sites for host in site.hosts)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for site in self.sites:
            for url in site.start_urls:
                yield self._request(url, site, PAGE, depth=0)
            if site.max_depth == 0:
                continue  # only the start URLs: no feed or sitemap leads anywhere
            for url in site.feeds:
                for request in self._feed(url, site):
                    yield request
            for url in site.sitemaps:
                for request in self._sitemap(url, site, depth=0):
                    yield request
            if site.discover and not (site.feeds or site.sitemaps) and site.start_urls:
                # No feeds or sitemaps given: look for them, first in robots.txt.
                robots = self._request(_origin(site.start_urls[0]) + "/robots.txt", site, ROBOTS)
                robots.meta["dont_retry"] = True  # a discovery guess, like the probes below
                yield robots

    def parse(self, response: Response) -> Iterator[Any]:
        site = self._site(response.meta.get("morgue_site"))
        kind = response.meta.get("morgue_kind", PAGE)
        if kind == REQUISITE:
            self.crawler.stats.inc_value(f"morgue/requisites/{response.status}")
            yield from self.requisites.of_stylesheet(response, site, self.parse, self.on_error)
            return
        if kind == ROBOTS:
            sitemaps = sitemaps_in_robots(response.body, response.url)
            for url in sitemaps:
                yield from self._sitemap(url, site, depth=0)
            if not sitemaps:
                yield from self._probe_common_paths(response.url, site)
            return
        yield self._fetched_page(response)
        if response.status == 304:
            return
        content_type = _content_type(response)
        document = parse_discovery(response.body, response.url, content_type)
        if document is not None:
            depth = int(response.meta.get("morgue_sitemap_depth", 0)) + 1
            for url in document.sitemaps:
                yield from self._sitemap(url, site, depth)
            if site.max_depth == 0:
                return  # a start URL that is a feed or sitemap: its links are one hop away
            children = set(document.sitemaps)  # an index's links are its sitemaps, not pages
            urls = [
                link.url
                for link in document.links
                if link.url not in children and site.allows(link.url)
            ]
            self._prefetch_history(urls)
            for url in urls:
                yield from self._page(url, site, depth=1)
            return
        if kind == PAGE and isinstance(response, TextResponse) and is_html(content_type):
            yield from self.requisites.of_page(response, site, self.parse, self.on_error)
            yield from self._follow_links(response, site)
            if site.discover and not site.feeds and int(response.meta.get("depth", 0)) == 0:
                for url in feed_links(response.body, response.url):
                    yield from self._feed(url, site)

    def on_error(self, failure: Failure) -> Iterator[FailedFetch | scrapy.Request]:
        request = failure.request  # type: ignore[attr-defined]
        response = getattr(failure.value, "response", None)
        status = response.status if response is not None else None
        reason = f"HTTP {status}" if status is not None else describe_error(failure.value)
        kind = request.meta.get("morgue_kind")
        if kind == REQUISITE and isinstance(failure.value, DownloadCancelledError | CancelledError):
            reason = f"{TOO_LARGE}: {reason}"
        if response is None:
            # No response reached the archive: have the failure itself archived.
            self.crawler.signals.send_catch_log(FETCH_FAILED, request=request, reason=reason)
        if kind == REQUISITE:
            # A missing photo is noted in its capture; the page itself was archived.
            self.crawler.stats.inc_value(
                f"morgue/requisites/{TOO_LARGE if reason.startswith(TOO_LARGE) else 'failed'}"
            )
            self.logger.info("requisite not archived: %s: %s", request.url, reason)
            return
        if kind in (PROBE, ROBOTS):
            self.logger.debug("no discovery document at %s: %s", request.url, reason)
            if kind == ROBOTS and response is not None:
                # robots.txt answered with an error page: guess. An unreachable host: don't.
                yield from self._probe_common_paths(
                    request.url, self._site(request.meta.get("morgue_site"))
                )
            return
        self.logger.warning("failed %s: %s", request.url, reason)
        if not self.crawler.stats.get_value("morgue/first_failure"):
            self.crawler.stats.set_value("morgue/first_failure", f"{request.url}: {reason}")
        yield FailedFetch(
            url=request.url,
            reason=reason,
            status=status,
            capture_id=request.meta.get("morgue_capture_id"),
            capture_record_id=_record_id(request.meta.get("morgue_capture")),
        )

    def closed(self, reason: str) -> None:
        if self.history is not None:
            self.history.close()

    def _probe_common_paths(self, url: str, site: SiteConfig) -> Iterator[scrapy.Request]:
        for path in COMMON_DISCOVERY_PATHS:
            probe = self._request(_origin(url) + path, site, PROBE)
            probe.meta["dont_retry"] = True  # a guessed path that fails is simply not there
            yield probe

    def _fetched_page(self, response: Response) -> FetchedPage:
        capture = response.meta.get("morgue_capture")
        content_type = _content_type(response)
        return FetchedPage(
            url=response.url,
            capture_id=response.meta.get("morgue_capture_id"),
            body=response.body,
            content_type=content_type or (capture.content_type if capture else None),
            content_encoding=content_encoding(response),
            status=response.status,
            fetched_at=capture.fetched_at if capture else None,
            capture_record_id=_record_id(capture),
        )

    def _follow_links(self, response: TextResponse, site: SiteConfig) -> Iterator[scrapy.Request]:
        depth = int(response.meta.get("depth", 0))
        if site.max_depth is not None and depth >= site.max_depth:
            return
        urls = [
            url
            for url in find_links(response.body, response.url, response.encoding, site.hosts)
            if site.allows(url)
        ]
        self._prefetch_history(urls)
        for url in urls:
            yield from self._page(url, site, depth + 1)

    def _prefetch_history(self, urls: list[str]) -> None:
        """Look up many links' histories in one Redis round trip (scale-out mode)."""
        if self.history is not None:
            self.history.prefetch(urls)

    def _page(self, url: str, site: SiteConfig, depth: int) -> Iterator[scrapy.Request]:
        """A request for a page, unless the site's page cap is reached or it isn't due."""
        pages = self.scheduled[site.name]
        if url in pages:
            return  # already requested in this run
        if site.max_pages is not None and len(pages) >= site.max_pages:
            self.crawler.stats.inc_value("morgue/skipped/page_cap")
            return
        host = urlsplit(url).hostname or ""
        if self.budget.host_is_full(host):
            self.crawler.stats.inc_value("morgue/skipped/host_page_cap")
            return
        history = self.history.of(url) if self.history else None
        if not self.refetch and not is_due(history, datetime.now(UTC), site.article_checks):
            if url not in self.not_due:  # the same URL is often linked from several pages
                self.not_due.add(url)
                self.crawler.stats.inc_value("morgue/skipped/not_due")
            return
        pages.add(url)
        self.budget.take_page(host)
        # Conditional requests for articles only: a 304 listing page would hide its links. A
        # refetch gets the full response again (a revisit record if unchanged).
        headers = {}
        if history is not None and history.is_article and not self.refetch:
            headers = conditional_headers(history)
        yield self._request(url, site, PAGE, depth, headers)

    def _sitemap(self, url: str, site: SiteConfig, depth: int) -> Iterator[scrapy.Request]:
        """A request for a sitemap (index), unless a limit cuts it off."""
        if self.gate.sitemap(url, site.name, depth):
            yield self._request(url, site, SITEMAP, sitemap_depth=depth)

    def _feed(self, url: str, site: SiteConfig) -> Iterator[scrapy.Request]:
        """A request for a feed, unless a limit cuts it off."""
        if self.gate.feed(url, site.name):
            yield self._request(url, site, FEED)

    def _request(
        self,
        url: str,
        site: SiteConfig,
        kind: str,
        depth: int | None = None,
        headers: dict[str, str] | None = None,
        sitemap_depth: int | None = None,
    ) -> scrapy.Request:
        meta: dict[str, Any] = {"morgue_site": site.name, "morgue_kind": kind}
        if depth is not None:
            meta["depth"] = depth
        if sitemap_depth is not None:
            meta["morgue_sitemap_depth"] = sitemap_depth
        if headers:
            meta["handle_httpstatus_list"] = [304]
        return scrapy.Request(
            url, callback=self.parse, errback=self.on_error, meta=meta, headers=headers
        )

    def _site(self, name: str | None) -> SiteConfig:
        return next((s for s in self.sites if s.name == name), self.sites[0])


def _record_id(capture: Capture | None) -> str | None:
    return capture.warc_record_id if capture is not None else None


def _with_depth(site: SiteConfig, depth: int) -> SiteConfig:
    """A depth limit counts link hops only: no feeds or sitemaps are looked for."""
    return replace(site, max_depth=depth, discover=False)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _content_type(response: Response) -> str:
    return (response.headers.get("Content-Type") or b"").decode("latin-1")
