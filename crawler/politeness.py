"""Holding Scrapy to each site's politeness: concurrency limits, and delays under AutoThrottle.

Scrapy 2.19's downloader counts a request as transferring only once its download coroutine has
started, after the loop that checks the slot's free places has already let every queued request
through: with no download delay, a slot starts all its queued requests at once, whatever
`CONCURRENT_REQUESTS_PER_DOMAIN` says. With any delay the loop starts one request per pass, so
a delay of a millisecond, which no site notices, restores the limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy import Spider
from scrapy.extensions.throttle import AutoThrottle
from scrapy.settings import BaseSettings

if TYPE_CHECKING:
    from scrapy.core.downloader import Slot
    from scrapy.http import Request, Response

MIN_DOWNLOAD_DELAY = 0.001


def keep_concurrency_limits(settings: BaseSettings) -> None:
    """Raise zero download delays (global and per slot) to `MIN_DOWNLOAD_DELAY`."""
    if settings.getfloat("DOWNLOAD_DELAY") <= 0:
        priority = settings.getpriority("DOWNLOAD_DELAY") or 0
        settings.set("DOWNLOAD_DELAY", MIN_DOWNLOAD_DELAY, priority=priority)
    slots = settings.getdict("DOWNLOAD_SLOTS")
    fixed = {key: dict(slot) for key, slot in slots.items()}
    for slot in fixed.values():
        if "delay" in slot and float(slot["delay"]) <= 0:
            slot["delay"] = MIN_DOWNLOAD_DELAY
    if fixed != slots:
        settings.set("DOWNLOAD_SLOTS", fixed, priority=settings.getpriority("DOWNLOAD_SLOTS") or 0)


class SiteDelayAutoThrottle(AutoThrottle):
    """AutoThrottle whose lower bound is each site's own `download_delay` where it sets one.

    Scrapy's keeps every slot at or above the global DOWNLOAD_DELAY, so a site configured
    for 0.2 s between fetches was fetched about once a second, like every other site.
    """

    site_delays: dict[str, float]
    # The download slot of the response being adjusted for: Scrapy sends response_downloaded
    # before the response is tied to its request (`response.meta` raises there).
    _slot_key: str | None = None

    def _spider_opened(self, spider: Spider) -> None:
        super()._spider_opened(spider)
        slots = self.crawler.settings.getdict("DOWNLOAD_SLOTS")
        self.site_delays = {
            key: float(slot["delay"]) for key, slot in slots.items() if "delay" in slot
        }

    def _response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        self._slot_key = request.meta.get("download_slot")
        super()._response_downloaded(response, request, spider)

    def _adjust_delay(self, slot: Slot, latency: float, response: Response) -> None:
        key = self._slot_key
        global_min = self.mindelay
        # Scrapy's policy, with the site's delay as its minimum for this one adjustment.
        self.mindelay = self.site_delays.get(key, global_min) if key else global_min
        try:
            super()._adjust_delay(slot, latency, response)
        finally:
            self.mindelay = global_min
