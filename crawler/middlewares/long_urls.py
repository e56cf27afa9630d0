"""Refusing URLs longer than `URLLENGTH_LIMIT` with a reason, instead of dropping them unseen.

Scrapy's own UrlLengthMiddleware (a spider middleware, switched off in crawler/settings.py)
drops a long request with one log line, so a start URL over the limit ends the run "nothing
fetched" without saying why. This downloader middleware fails the request before any
connection instead: the spider's errback records it as a failed capture with its reason, as for
any fetch that got no response, and redirects to long URLs are refused the same way.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest, NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request

logger = logging.getLogger(__name__)

# Stats: how many URLs were refused, and the first of them with its reason (for the terminal).
REFUSED_STAT = "morgue/refused/long_url"
FIRST_REFUSED_STAT = "morgue/refused/long_url_first"
# How much of a refused URL the log and the terminal show.
SHOWN_CHARACTERS = 100


class LongUrlMiddleware:
    """Downloader middleware: a request whose URL is over the limit fails with the reason."""

    def __init__(self, crawler: Crawler, max_length: int) -> None:
        self.crawler = crawler
        self.max_length = max_length

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LongUrlMiddleware:
        max_length = crawler.settings.getint("URLLENGTH_LIMIT")
        if not max_length:
            raise NotConfigured("URLLENGTH_LIMIT is 0: URLs of any length are fetched")
        return cls(crawler, max_length)

    def process_request(self, request: Request) -> None:
        if len(request.url) <= self.max_length:
            return
        reason = (
            f"URL of {len(request.url):,} characters is longer than URLLENGTH_LIMIT "
            f"({self.max_length:,})"
        )
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value(REFUSED_STAT)
        if stats.get_value(FIRST_REFUSED_STAT) is None:
            stats.set_value(FIRST_REFUSED_STAT, f"{shortened(request.url)}: {reason}")
        raise IgnoreRequest(reason)


def shortened(url: str) -> str:
    """The start of a long URL, marked as cut."""
    return url if len(url) <= SHOWN_CHARACTERS else url[:SHOWN_CHARACTERS] + "…"
