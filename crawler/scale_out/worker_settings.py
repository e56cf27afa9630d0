"""The Scrapy settings that turn a crawl into a scale-out worker, applied when MORGUE_REDIS_URL
is set (by `morgue crawl --redis URL` or `scrapy crawl news -s MORGUE_REDIS_URL=...`)."""

from __future__ import annotations

from scrapy.settings import BaseSettings

STORE_PIPELINE = "pipelines.store.StorePipeline"
PUSH_PIPELINE = "pipelines.redis_push.RedisPushPipeline"
SCHEDULER = "crawler.scale_out.scheduler.RunScheduler"
WORKER_EXTENSION = "crawler.scale_out.worker.ScaleOutWorker"


def apply_worker_settings(settings: BaseSettings) -> None:
    """scrapy-redis's scheduler on the run's frontier, the pusher instead of the store."""
    if not settings.get("MORGUE_REDIS_URL"):
        return
    settings.set("SCHEDULER", SCHEDULER, priority="spider")
    pipelines = dict(settings.getdict("ITEM_PIPELINES"))
    order = pipelines.pop(STORE_PIPELINE, 800)
    pipelines[PUSH_PIPELINE] = order
    settings.set("ITEM_PIPELINES", pipelines, priority="spider")
    extensions = dict(settings.getdict("EXTENSIONS"))
    extensions.setdefault(WORKER_EXTENSION, 50)
    settings.set("EXTENSIONS", extensions, priority="spider")
