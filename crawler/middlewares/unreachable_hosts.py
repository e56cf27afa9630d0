"""A host that never answered is not dialled again: its later requests fail at once.

Without this, an unreachable start host costs every queued request its full retries, each
after the download delay: a minute of silence before "nothing could be fetched". A host
counts as unreachable once one request to it has failed at the connection (DNS, refused,
timed out, TLS) through all its retries and nothing from it has been answered in this run;
its later requests then fail with the same error without a connection.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from scrapy.utils.httpobj import urlparse_cached

from crawler.fetch_errors import failure_kind

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class UnreachableHostMiddleware:
    """Downloader middleware, placed after RetryMiddleware so its own failures are quick."""

    def __init__(self, attempts_per_request: int) -> None:
        self.attempts_per_request = attempts_per_request
        self.failures: defaultdict[str, int] = defaultdict(int)
        self.answered: set[str] = set()
        self.unreachable: dict[str, Exception] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UnreachableHostMiddleware:
        return cls(attempts_per_request=crawler.settings.getint("RETRY_TIMES") + 1)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        error = self.unreachable.get(_host(request))
        if error is not None:
            raise error

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
        if self.failures[host] >= self.attempts_per_request:
            self.unreachable[host] = exception


def _host(request: Request) -> str:
    return urlparse_cached(request).netloc
