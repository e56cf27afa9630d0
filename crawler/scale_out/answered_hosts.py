"""The hosts that have answered any worker of the run, kept in Redis for every worker to see.

A worker whose first contact with a host is slow (a loaded machine, a process still starting)
must not count as unreachable a host the run has already heard from: it would fail, in
milliseconds, every request for that host it takes from the shared frontier, and the run
would lose the host (crawler/middlewares/unreachable_hosts).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import redis

if TYPE_CHECKING:
    from crawler.scale_out.session import WorkerSession

logger = logging.getLogger(__name__)

# The run's own key part (dropped with the run's other keys, crawler/scale_out/run_scripts).
ANSWERED_HOSTS = "answered_hosts"


class RunAnsweredHosts:
    """The run's set of hosts that answered (host:port, as the unreachable-host middleware)."""

    def __init__(self, server: redis.Redis, key: str) -> None:
        self.server = server
        self.key = key

    @classmethod
    def of(cls, session: WorkerSession) -> RunAnsweredHosts:
        """The set of the run `session` belongs to."""
        return cls(session.server, session.keys.run(session.token, ANSWERED_HOSTS))

    def add(self, host: str) -> None:
        """Tell the run that `host` answered."""
        try:
            self.server.sadd(self.key, host)
        except redis.RedisError as exc:  # the heartbeat reports Redis trouble; fetching goes on
            logger.warning("could not note in Redis that %s answered: %s", host, exc)

    def __contains__(self, host: object) -> bool:
        try:
            return bool(self.server.sismember(self.key, str(host)))
        except redis.RedisError as exc:
            logger.warning("could not ask Redis whether %s answered: %s", host, exc)
            return False
