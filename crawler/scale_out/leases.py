"""The shared frontier as a reliable queue: a request a worker takes is leased to it, not popped.

Taking a request moves it, in one Lua script, from the frontier (scrapy-redis's priority queue)
to the worker's lease hash, keyed by the request's fingerprint. The lease ends when the
request's outcome is pushed for the ingester (pipelines/redis_push) or when a request derived
from it (a redirect, a retry) is in the frontier; a worker that stops beating its heartbeat has
its leases put back by whoever finds it lost (crawler/scale_out/run_scripts).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from scrapy_redis.queue import PriorityQueue

from archive.scale_out.leases import LEASE, frontier_member, split_member

if TYPE_CHECKING:
    import redis
    from scrapy import Request

# KEYS: frontier, the worker's leases. Returns the member taken, or nil.
_TAKE = """
local found = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #found == 0 then return false end
redis.call('ZREM', KEYS[1], found[1])
redis.call('HSET', KEYS[2], string.sub(found[1], 1, 40), found[2] .. ' ' .. found[1])
return found[1]
"""


class LeasedQueue(PriorityQueue):  # type: ignore[misc]
    """scrapy-redis's priority queue whose pop leases the request to this worker."""

    def __init__(
        self,
        server: redis.Redis,
        spider: Any,
        key: str,
        serializer: Any = None,
        *,
        fingerprint: Callable[[Request], str],
        leases_key: str,
        archived_key: str,
    ) -> None:
        super().__init__(server, spider, key, serializer)
        self.fingerprint = fingerprint
        self.leases_key = leases_key
        self.archived_key = archived_key
        self._take = server.register_script(_TAKE)

    def push(self, request: Request, releasing: str | None = None) -> None:
        """Add the request; with `releasing`, end that lease in the same transaction (the
        request it was derived from is done once this one is safe in the frontier)."""
        request.meta.pop(LEASE, None)
        member = frontier_member(self.fingerprint(request), self._encode_request(request))
        pipe = self.server.pipeline(transaction=True)
        pipe.execute_command("ZADD", self.key, -request.priority, member)
        if releasing is not None:
            self.release(releasing, pipe)
        pipe.execute()

    def release(self, fingerprint: str, pipe: redis.client.Pipeline | None = None) -> None:
        """End the lease of `fingerprint` (in `pipe`, if given)."""
        target = pipe if pipe is not None else self.server.pipeline(transaction=True)
        target.hdel(self.leases_key, fingerprint)
        target.hdel(self.archived_key, fingerprint)
        if pipe is None:
            target.execute()

    def pop(self, timeout: int = 0) -> Request | None:
        member = self._take(keys=[self.key, self.leases_key])
        if not member:
            return None
        fingerprint, data = split_member(member)
        request: Request = self._decode_request(data)
        request.meta[LEASE] = fingerprint
        return request
