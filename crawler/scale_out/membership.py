"""Which run a crawl worker belongs to, and when the run is over, kept in Redis.

The first worker starts a run (a fresh token, so a fresh frontier and duplicate filter); workers
started while it lasts join it. A worker is alive while its heartbeat key exists; one whose key
expired is lost, and what it had taken goes back to the others (crawler/scale_out/run_scripts).
The run ends when the last worker leaves, or, if every worker died, when the next worker (or the
ingester) finds it abandoned.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable

import redis

from archive.scale_out.keys import RedisKeys
from archive.scale_out.messages import Message, RunFinished, encode_message, new_message_id
from archive.timestamps import now_text
from crawler.scale_out.run_scripts import BEAT, IDLE, JOIN, LEAVE, REAP


def worker_name() -> str:
    """A name unique to this worker process: host, pid and a random suffix."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


def new_run_token() -> str:
    """A fresh run token: sortable by start time, unique across machines."""
    return now_text()[:19].replace("-", "").replace(":", "") + "-" + uuid.uuid4().hex[:8]


class RunMembership:
    """One worker's place in the shared run."""

    def __init__(
        self,
        server: redis.Redis,
        keys: RedisKeys,
        worker: str,
        heartbeat_ttl: int = 60,
        clock: Callable[[], str] = now_text,
    ) -> None:
        self.server = server
        self.keys = keys
        self.worker = worker
        self.heartbeat_ttl = heartbeat_ttl
        self.clock = clock
        self.token: str | None = None
        self.idle = False
        self.workers_lost = 0  # of the run, as last heard
        self._join = server.register_script(JOIN)
        self._beat = server.register_script(BEAT)
        self._leave = server.register_script(LEAVE)
        self._mark_idle = server.register_script(IDLE)

    def join(self) -> str:
        """Join the run in progress, or start one (ending an abandoned one first)."""
        reap_abandoned_run(self.server, self.keys, self.clock)
        token = self._join(
            keys=[self.keys.current_run],
            args=[self.keys.prefix, new_run_token(), self.worker, self.heartbeat_ttl],
        )
        self.token = token.decode() if isinstance(token, bytes) else str(token)
        return self.token

    def heartbeat(self) -> int:
        """Stay alive and put back what lost workers had taken; returns the run's losses."""
        lost = int(
            self._beat(
                keys=[self.keys.current_run],
                args=[self.keys.prefix, self._token, self.worker, self.heartbeat_ttl],
            )
        )
        self.workers_lost = max(self.workers_lost, lost)
        return self.workers_lost

    def mark_idle(self) -> bool:
        """This worker has nothing in flight; True if the whole run has nothing left."""
        self.idle = True
        done = self._mark_idle(keys=[], args=[self.keys.prefix, self._token, self.worker])
        return bool(done)

    def mark_busy(self) -> None:
        if self.idle:
            self.idle = False
            self.server.srem(self.keys.run(self._token, "idle"), self.worker)

    def frontier_size(self) -> int:
        return int(self.server.zcard(self.keys.run(self._token, "requests")))

    def leave(self, finished: Message) -> bool:
        """Leave the run, sending `finished`; True if this worker was the last one (the run
        then ends, and its frontier and duplicate filter are dropped)."""
        run_finished = RunFinished(id=new_message_id(), run=self._token, finished_at=self.clock())
        last, lost = self._leave(
            keys=[self.keys.current_run, self.keys.messages],
            args=[
                self.keys.prefix,
                self._token,
                self.worker,
                encode_message(finished),
                encode_message(run_finished),
            ],
        )
        self.workers_lost = max(self.workers_lost, int(lost))
        return bool(last)

    @property
    def _token(self) -> str:
        if self.token is None:
            raise RuntimeError("the worker has not joined a run")
        return self.token


def reap_abandoned_run(
    server: redis.Redis, keys: RedisKeys, clock: Callable[[], str] = now_text
) -> str | None:
    """Put back what lost workers of the run in progress had taken, and end the run if none of
    its workers is alive; returns its token if so."""
    current = server.get(keys.current_run)
    if current is None:
        return None
    token = current.decode() if isinstance(current, bytes) else str(current)
    script = server.register_script(REAP)
    live = script(keys=[keys.current_run], args=[keys.prefix, token, new_message_id(), clock()])
    return token if live == 0 else None
