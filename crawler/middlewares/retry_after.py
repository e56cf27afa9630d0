"""Scrapy's retry middleware, but a 429 or 503 is retried when the server's `Retry-After` says.

Scrapy 2.19 retries these statuses at once, ignoring the header, so a site that asks for a pause
gets the same request again at once and the page fails. Here the retry waits the seconds (or
until the HTTP-date) the server gave, up to `MORGUE_MAX_RETRY_AFTER`; a longer wait is not
taken: the request ends with that reason (IgnoreRequest, as a redirect loop does), which the
spider records and the WARC keeps in a fetch-error record, so rebuild gives the same rows.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet.task import deferLater

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

# Statuses whose Retry-After asks the client to come back later (RFC 9110, 10.2.3).
RETRY_AFTER_STATUSES = frozenset({429, 503})
DEFAULT_MAX_RETRY_AFTER = 600.0


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """The wait a Retry-After value asks for (delay-seconds or HTTP-date); None if unreadable."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - now).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Retries as Scrapy does; a 429 or 503 with Retry-After first waits what it asks, capped."""

    max_wait: float = DEFAULT_MAX_RETRY_AFTER

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = super().from_crawler(crawler)
        middleware.max_wait = crawler.settings.getfloat(
            "MORGUE_MAX_RETRY_AFTER", DEFAULT_MAX_RETRY_AFTER
        )
        return middleware

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in RETRY_AFTER_STATUSES:
            return super().process_response(request, response)
        header = response.headers.get("Retry-After")
        wait = retry_after_seconds(header.decode("latin-1") if header else None, datetime.now(UTC))
        if wait is None:
            return super().process_response(request, response)
        stats = self.crawler.stats
        assert stats is not None
        if wait > self.max_wait:
            stats.inc_value("morgue/retry_after/beyond_cap")
            raise IgnoreRequest(
                f"HTTP {response.status}, Retry-After {wait:.0f} s beyond "
                f"MORGUE_MAX_RETRY_AFTER ({self.max_wait:g} s)"
            )
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        stats.inc_value("morgue/retry_after/waited")
        from twisted.internet import reactor  # the one Scrapy installed

        await maybe_deferred_to_future(deferLater(reactor, wait))
        return retry
