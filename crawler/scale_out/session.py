"""A worker's place in the shared run: the Redis server, the key names and its membership.

The worker extension opens it; the scheduler reads it. Neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    import redis
    from scrapy.crawler import Crawler

    from archive.scale_out.keys import RedisKeys
    from crawler.scale_out.membership import RunMembership

_SESSIONS: WeakKeyDictionary[Crawler, WorkerSession] = WeakKeyDictionary()


@dataclass(frozen=True)
class WorkerSession:
    """What the scheduler needs of the worker: where the run's frontier lives."""

    server: redis.Redis
    keys: RedisKeys
    membership: RunMembership

    @property
    def token(self) -> str:
        token = self.membership.token
        assert token is not None, "the worker has not joined a run"
        return token


def attach(crawler: Crawler, session: WorkerSession) -> None:
    """Make `session` the crawl's worker session (done by the worker extension)."""
    _SESSIONS[crawler] = session


def session_of(crawler: Crawler) -> WorkerSession:
    """The crawl's worker session; the worker extension must have joined a run."""
    session = _SESSIONS.get(crawler)
    if session is None:
        raise NotConfigured("scale-out mode needs MORGUE_REDIS_URL (morgue crawl --redis URL)")
    return session
