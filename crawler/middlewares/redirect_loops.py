"""Scrapy's redirect middleware, but a redirect back to a URL of the same chain is a failure.

Scrapy sends the looping request to the scheduler, whose duplicate filter drops it without a
word, so the page is silently never fetched. Here the loop ends the chain with a reason the
spider's errback records, like "max redirections reached" does for long chains.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy import Request
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.http import Response


class LoopRefusingRedirectMiddleware(RedirectMiddleware):
    """Follows redirects as Scrapy does; a chain that comes back to one of its URLs fails."""

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            chain = result.meta.get("redirect_urls", [])
            if result.url in chain:
                assert self.crawler.stats is not None
                self.crawler.stats.inc_value("morgue/redirect_loops")
                raise IgnoreRequest("redirect loop: " + " -> ".join([*chain, result.url]))
        return result
