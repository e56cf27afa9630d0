"""Capture history in Redis, so workers without the catalogue still follow the recrawl policy
and write revisit records: the ingester publishes what the catalogue knows, workers read it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import msgspec
import redis

from archive.catalogue.digest_index import DigestIndex
from archive.catalogue.history import CaptureHistory
from archive.records import Capture, PriorRecord
from archive.scale_out.keys import RedisKeys, digest_field
from archive.sites.recrawl import UrlHistory

_history_decoder = msgspec.json.Decoder(UrlHistory)
_prior_decoder = msgspec.json.Decoder(PriorRecord)
# Look-ups a worker remembers between prefetches; a page's links are fetched in one round trip.
_CACHE_LIMIT = 50_000


class RedisCaptureHistory:
    """The worker's view of `CaptureHistory`, read from Redis."""

    def __init__(self, server: redis.Redis, keys: RedisKeys) -> None:
        self.server = server
        self.keys = keys
        self._cache: dict[str, UrlHistory | None] = {}

    def prefetch(self, urls: Iterable[str]) -> None:
        """Fetch the histories of many URLs in one round trip."""
        wanted = [url for url in dict.fromkeys(urls) if url not in self._cache]
        if not wanted:
            return
        if len(self._cache) + len(wanted) > _CACHE_LIMIT:
            self._cache.clear()
        for url, value in zip(wanted, self.server.hmget(self.keys.history, wanted), strict=True):
            self._cache[url] = _history_decoder.decode(value) if value else None

    def of(self, url: str) -> UrlHistory | None:
        if url in self._cache:
            return self._cache.pop(url)
        value = self.server.hget(self.keys.history, url)
        return _history_decoder.decode(value) if value else None

    def close(self) -> None:
        self._cache.clear()


class RedisDigestIndex:
    """The worker's view of `DigestIndex`, read from Redis."""

    def __init__(self, server: redis.Redis, keys: RedisKeys) -> None:
        self.server = server
        self.keys = keys

    def find(self, url: str, digest: str) -> PriorRecord | None:
        value = self.server.hget(self.keys.digests, digest_field(url, digest))
        return _prior_decoder.decode(value) if value else None

    def close(self) -> None:
        return None


class HistoryPublisher:
    """The ingester's side: copies capture histories and payload digests from the catalogue."""

    def __init__(self, server: redis.Redis, keys: RedisKeys, db_path: Path) -> None:
        self.server = server
        self.keys = keys
        self.history = CaptureHistory(db_path)
        self.digests = DigestIndex(db_path)

    def publish(self, urls: Iterable[str], captures: Iterable[Capture] = ()) -> None:
        """Publish the current history of `urls` and the digests of new responses."""
        pipe = self.server.pipeline(transaction=False)
        for url in dict.fromkeys(urls):
            found = self.history.of(url)
            if found is not None:
                pipe.hset(self.keys.history, url, msgspec.json.encode(found))
        for capture in captures:
            if capture.record_type == "response" and capture.payload_digest:
                prior = PriorRecord(
                    capture.warc_record_id or "",
                    capture.url,
                    capture.fetched_at,
                    capture.payload_digest,
                )
                field = digest_field(capture.url, capture.payload_digest)
                pipe.hsetnx(self.keys.digests, field, msgspec.json.encode(prior))
        pipe.execute()

    def publish_all(self, batch: int = 1000) -> int:
        """Publish the whole catalogue (at the ingester's start); returns URLs published."""
        urls = self.history.archived_urls()
        for start in range(0, len(urls), batch):
            self.publish(urls[start : start + batch])
        pipe = self.server.pipeline(transaction=False)
        for prior in self.digests.responses():
            field = digest_field(prior.url, prior.payload_digest)
            pipe.hsetnx(self.keys.digests, field, msgspec.json.encode(prior))
        pipe.execute()
        return len(urls)

    def close(self) -> None:
        self.history.close()
        self.digests.close()
