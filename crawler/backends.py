"""Where a crawl keeps its shared state: the catalogue on this machine, or Redis when the crawl
is one worker of a scale-out run (MORGUE_REDIS_URL). Chosen here once, so the spider and the
WARC extension import no scale-out module.
"""

from __future__ import annotations

from pathlib import Path

from scrapy.settings import BaseSettings

from archive.catalogue.digest_index import DigestIndex, DigestLookup
from archive.catalogue.history import CaptureHistory, HistoryLookup
from archive.scale_out.keys import RedisKeys

DEFAULT_DB = "morgue.db"


def is_worker(settings: BaseSettings) -> bool:
    """Whether this crawl is a scale-out worker (its catalogue is elsewhere)."""
    return bool(settings.get("MORGUE_REDIS_URL"))


def redis_keys(settings: BaseSettings) -> RedisKeys:
    """The Redis key names of this deployment (MORGUE_REDIS_PREFIX)."""
    return RedisKeys.for_prefix(settings.get("MORGUE_REDIS_PREFIX"))


def history_for(settings: BaseSettings) -> HistoryLookup:
    """The capture history the recrawl policy reads."""
    if is_worker(settings):
        from crawler.scale_out.connection import connect
        from crawler.scale_out.history import RedisCaptureHistory

        return RedisCaptureHistory(connect(settings["MORGUE_REDIS_URL"]), redis_keys(settings))
    return CaptureHistory(Path(settings.get("MORGUE_DB", DEFAULT_DB)))


def digests_for(settings: BaseSettings) -> DigestLookup:
    """The index of archived payloads that turns a recapture into a revisit record."""
    if is_worker(settings):
        from crawler.scale_out.connection import connect
        from crawler.scale_out.history import RedisDigestIndex

        return RedisDigestIndex(connect(settings["MORGUE_REDIS_URL"]), redis_keys(settings))
    return DigestIndex(Path(settings.get("MORGUE_DB", DEFAULT_DB)))


def apply_backend_settings(settings: BaseSettings) -> None:
    """A worker's scheduler, pipelines and extension (scrapy-redis); nothing otherwise."""
    if is_worker(settings):
        from crawler.scale_out.worker_settings import apply_worker_settings

        apply_worker_settings(settings)
