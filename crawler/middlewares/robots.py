"""Scrapy's robots.txt middleware, with every request waiting for a host's robots.txt obeying it.

In Scrapy 2.19 the requests that arrive while a host's robots.txt is being fetched all await
one Deferred, whose result only the first of them receives (`maybe_deferred_to_future` ends
the callback chain with None), so the others are let through unchecked (scrapy/scrapy#6802 made
the change). A page's photos reach a new host several at once, so this matters to morgue: the
parser is read back from where the middleware keeps it once the wait is over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
    from scrapy.http import Request
    from scrapy.robotstxt import RobotParser


class EveryWaiterRobotsTxtMiddleware(RobotsTxtMiddleware):
    """RobotsTxtMiddleware whose concurrent first requests to a host all get its parser."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = await super().robot_parser(request)
        if parser is None:
            kept = self._parsers.get(urlparse_cached(request).netloc)
            if kept is not None and not isinstance(kept, Deferred):
                return kept
        return parser
