"""Connecting to the Redis server of scale-out mode, with an error that says what to do."""

from __future__ import annotations

import redis

from archive.errors import QueueUnavailableError


def connect(url: str, client_name: str | None = None) -> redis.Redis:
    """A client for `url` (named `client_name` in `CLIENT LIST`), checked with a PING."""
    try:
        server = redis.Redis.from_url(
            url, socket_connect_timeout=10, socket_timeout=30, client_name=client_name
        )
        server.ping()
    except (redis.RedisError, ValueError) as exc:
        raise QueueUnavailableError(
            f"cannot reach Redis at {url}: {exc}. Start the Redis server (or fix --redis) "
            "and run again"
        ) from exc
    return server
