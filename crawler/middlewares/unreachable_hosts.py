"""A host that never answered is not dialled again: its later requests fail at once.

Without this, an unreachable start host costs every queued request its full retries, each
after the download delay: a minute of silence before "nothing could be fetched". A host
counts as unreachable once one request to it has failed at the connection (DNS, refused,
timed out, TLS) through all its retries and nothing from it has been answered in this run;
its later requests then fail with the same error without a connection.

Until a host has answered once, its requests wait at most MORGUE_FIRST_CONTACT_TIMEOUT and
are tried twice, so a host that accepts connections but never answers is found out in seconds,
not after three tries of DOWNLOAD_TIMEOUT; once it has answered, the usual limits apply.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from scrapy.utils.httpobj import urlparse_cached

from crawler.fetch_errors import failure_kind

# Retries of a request to a host that has not answered yet (Scrapy's RETRY_TIMES after that).
FIRST_CONTACT_RETRIES = 1

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class UnreachableHostMiddleware:
    """Downloader middleware, placed after RetryMiddleware so its own failures are quick."""

    def __init__(self, attempts_per_request: int, first_contact_timeout: float = 0) -> None:
        self.attempts_per_request = attempts_per_request
        self.first_contact_timeout = first_contact_timeout
        self.failures: defaultdict[str, int] = defaultdict(int)
        self.answered: set[str] = set()
        self.unreachable: dict[str, Exception] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UnreachableHostMiddleware:
        settings = crawler.settings
        first_contact = settings.getfloat("MORGUE_FIRST_CONTACT_TIMEOUT")
        download_timeout = settings.getfloat("DOWNLOAD_TIMEOUT")
        if download_timeout:
            first_contact = min(first_contact, download_timeout) if first_contact else 0
        return cls(settings.getint("RETRY_TIMES") + 1, first_contact)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        host = _host(request)
        error = self.unreachable.get(host)
        if error is not None:
            raise error
        if self.first_contact_timeout and host not in self.answered:
            # DownloadTimeoutMiddleware (earlier in the chain) has set DOWNLOAD_TIMEOUT already.
            timeout = request.meta.get("download_timeout") or self.first_contact_timeout
            request.meta["download_timeout"] = min(timeout, self.first_contact_timeout)
            request.meta.setdefault("max_retry_times", FIRST_CONTACT_RETRIES)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        host = _host(request)
        self.answered.add(host)
        self.unreachable.pop(host, None)
        return response

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> None:
        host = _host(request)
        if host in self.answered or host in self.unreachable:
            return
        if failure_kind(exception) is None:
            return
        self.failures[host] += 1
        attempts = self.attempts_per_request
        if self.first_contact_timeout:
            attempts = min(attempts, FIRST_CONTACT_RETRIES + 1)
        if self.failures[host] >= attempts:
            self.unreachable[host] = exception


def _host(request: Request) -> str:
    return urlparse_cached(request).netloc
