"""Keeping Scrapy to its per-domain concurrency limit when a site is crawled without a delay.

Scrapy 2.19's downloader counts a request as transferring only once its download coroutine has
started, after the loop that checks the slot's free places has already let every queued request
through: with no download delay, a slot starts all its queued requests at once, whatever
`CONCURRENT_REQUESTS_PER_DOMAIN` says. With any delay the loop starts one request per pass, so
a delay of a millisecond, which no site notices, restores the limit.
"""

from __future__ import annotations

from scrapy.settings import BaseSettings

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
