"""A host that never answered is not dialled again: its later requests fail at once.

Without this, an unreachable start host costs every queued request its full retries, each
after the download delay: a minute of silence before "nothing could be fetched". A host
counts as unreachable once one request to it has failed at the connection (DNS, refused,
timed out, TLS) through all its retries and nothing from it has been answered in this run;
its later requests then fail with the same error without a connection.

A start host (one the operator named: start URLs, feeds, sitemaps) that accepts connections
but never answers would still take three tries of DOWNLOAD_TIMEOUT. So until such a host has
answered, a request to it waits MORGUE_FIRST_CONTACT_TIMEOUT for the response headers, once:
if nothing comes, the host is unreachable at once ("no answer from HOST within 8 s"). The
first headers from the host, of any status, end that for good: DOWNLOAD_TIMEOUT and retries
apply again, also to a request whose short wait ran out while its body was arriving.

In scale-out mode a host that answered any worker of the run is never made unreachable, nor
given the short wait (crawler/scale_out/answered_hosts): a worker whose first contact was
slow would otherwise fail every request for the host it takes from the shared frontier.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import TYPE_CHECKING, Protocol

from scrapy import signals
from scrapy.exceptions import DownloadTimeoutError
from scrapy.utils.httpobj import urlparse_cached

from crawler.fetch_errors import failure_kind

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

# Request meta: the request waits for a first answer; the download_timeout it had before.
FIRST_CONTACT = "morgue_first_contact"


class SharedAnswers(Protocol):
    """Hosts that answered other processes of the run (crawler/scale_out/answered_hosts)."""

    def add(self, host: str) -> None: ...

    def __contains__(self, host: object) -> bool: ...


class UnreachableHostMiddleware:
    """Downloader middleware, placed after RetryMiddleware so its own failures are quick."""

    def __init__(
        self,
        attempts_per_request: int,
        first_contact_timeout: float = 0,
        stats: StatsCollector | None = None,
    ) -> None:
        self.attempts_per_request = attempts_per_request
        self.first_contact_timeout = first_contact_timeout
        self.stats = stats
        self.failures: defaultdict[str, int] = defaultdict(int)
        self.answered: set[str] = set()
        self.unreachable: dict[str, Exception] = {}
        # Set when the spider opens: the operator's hosts, and the run's answered hosts in
        # scale-out mode.
        self.crawler: Crawler | None = None
        self.start_hosts: frozenset[str] = frozenset()
        self.run_answered: SharedAnswers | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UnreachableHostMiddleware:
        settings = crawler.settings
        middleware = cls(
            attempts_per_request=settings.getint("RETRY_TIMES") + 1,
            first_contact_timeout=settings.getfloat("MORGUE_FIRST_CONTACT_TIMEOUT"),
            stats=crawler.stats,
        )
        middleware.crawler = crawler
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.headers_received, signal=signals.headers_received)
        return middleware

    def spider_opened(self) -> None:
        if self.crawler is None:
            return
        self.start_hosts = frozenset(getattr(self.crawler.spider, "trusted_hosts", ()))
        if self.crawler.settings.get("MORGUE_REDIS_URL"):
            from crawler.scale_out.answered_hosts import RunAnsweredHosts
            from crawler.scale_out.session import session_of

            self.run_answered = RunAnsweredHosts.of(session_of(self.crawler))

    def headers_received(self, request: Request) -> None:
        """The host answered: the first byte is what the short wait was for."""
        self._note_answer(_host(request))

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        host = _host(request)
        error = self.unreachable.get(host)
        if error is not None:
            if not self._answered(host):
                raise error
            del self.unreachable[host]  # another worker of the run has heard from it
        if self._waits_for_first_answer(request, host):
            if FIRST_CONTACT not in request.meta:
                # DownloadTimeoutMiddleware (earlier in the chain) has set DOWNLOAD_TIMEOUT.
                usual = request.meta.get("download_timeout")
                request.meta[FIRST_CONTACT] = usual
                request.meta["download_timeout"] = min(
                    usual or self.first_contact_timeout, self.first_contact_timeout
                )
        elif FIRST_CONTACT in request.meta:
            # A retry of a request that waited for the first answer, which has come since.
            usual = request.meta.pop(FIRST_CONTACT)
            if usual is None:
                request.meta.pop("download_timeout", None)
            else:
                request.meta["download_timeout"] = usual

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        self._note_answer(_host(request))
        return response

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> None:
        host = _host(request)
        if host in self.unreachable or self._answered(host):
            return
        kind = failure_kind(exception)
        if kind is None:
            return
        if kind == "timed out" and FIRST_CONTACT in request.meta:
            waited = request.meta.get("download_timeout", self.first_contact_timeout)
            self.unreachable[host] = DownloadTimeoutError(
                f"no answer from {host} within {waited:g} s"
            )
            logger.warning(
                "no answer from %s within %g s: counted unreachable, its requests fail at once",
                host, waited,
            )  # fmt: skip
            if self.stats is not None:
                self.stats.inc_value("morgue/first_contact/no_answer")
            return
        self.failures[host] += 1
        if self.failures[host] >= self.attempts_per_request:
            self.unreachable[host] = exception

    def _waits_for_first_answer(self, request: Request, host: str) -> bool:
        """Whether the request gets the short first-contact wait."""
        if not self.first_contact_timeout:
            return False
        return urlparse_cached(request).hostname in self.start_hosts and not self._answered(host)

    def _answered(self, host: str) -> bool:
        """Whether the host answered in this run (in scale-out mode, any of its workers)."""
        if host in self.answered:
            return True
        if self.run_answered is not None and host in self.run_answered:
            self.answered.add(host)
            if self.stats is not None:
                self.stats.inc_value("morgue/first_contact/answered_elsewhere")
            return True
        return False

    def _note_answer(self, host: str) -> None:
        self.unreachable.pop(host, None)
        if host in self.answered:
            return
        self.answered.add(host)
        if self.run_answered is not None:
            self.run_answered.add(host)


def _host(request: Request) -> str:
    return urlparse_cached(request).netloc
