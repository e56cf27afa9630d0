"""Which run a crawl worker belongs to, and when the run is over, kept in Redis.

The first worker starts a run (a fresh token, so a fresh frontier and duplicate filter); workers
started while it lasts join it. A worker is alive while its heartbeat key exists. The run ends
when the last worker leaves, or, if every worker died, when the next worker (or the ingester)
finds it abandoned. Each step is one Lua script, so two workers never see half of another's.
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

# Shared by the scripts: forget members whose heartbeat expired; returns the live count.
_PRUNE = """
local function prune(prefix, token)
  local base = prefix .. ':run:' .. token .. ':'
  local live = 0
  for _, member in ipairs(redis.call('SMEMBERS', base .. 'workers')) do
    if redis.call('EXISTS', base .. 'alive:' .. member) == 1 then
      live = live + 1
    else
      redis.call('SREM', base .. 'workers', member)
      redis.call('SREM', base .. 'idle', member)
    end
  end
  return live
end
local function drop_run(prefix, token, current_key)
  local base = prefix .. ':run:' .. token .. ':'
  redis.call('DEL', base .. 'workers', base .. 'idle', base .. 'requests', base .. 'dupefilter')
  if redis.call('GET', current_key) == token then
    redis.call('DEL', current_key)
  end
end
"""

# KEYS: current run, messages. ARGV: prefix, token seen, RunFinished message for it.
# Ends the run if none of its workers is alive; returns the live count (-1: not current).
_REAP = (
    _PRUNE
    + """
if redis.call('GET', KEYS[1]) ~= ARGV[2] then return -1 end
local live = prune(ARGV[1], ARGV[2])
if live == 0 then
  redis.call('RPUSH', KEYS[2], ARGV[3])
  drop_run(ARGV[1], ARGV[2], KEYS[1])
end
return live
"""
)

# KEYS: current run. ARGV: prefix, new token, worker, heartbeat ttl. Returns the run's token.
_JOIN = """
local token = redis.call('GET', KEYS[1])
if not token then
  token = ARGV[2]
  redis.call('SET', KEYS[1], token)
end
local base = ARGV[1] .. ':run:' .. token .. ':'
redis.call('SADD', base .. 'workers', ARGV[3])
redis.call('SET', base .. 'alive:' .. ARGV[3], '1', 'EX', ARGV[4])
return token
"""

# KEYS: current run, messages. ARGV: prefix, token, worker, WorkerFinished, RunFinished.
# Returns 1 if this worker was the last one (and the run ended), else 0.
_LEAVE = (
    _PRUNE
    + """
local base = ARGV[1] .. ':run:' .. ARGV[2] .. ':'
redis.call('SREM', base .. 'workers', ARGV[3])
redis.call('SREM', base .. 'idle', ARGV[3])
redis.call('DEL', base .. 'alive:' .. ARGV[3])
redis.call('RPUSH', KEYS[2], ARGV[4])
if prune(ARGV[1], ARGV[2]) == 0 then
  redis.call('RPUSH', KEYS[2], ARGV[5])
  drop_run(ARGV[1], ARGV[2], KEYS[1])
  return 1
end
return 0
"""
)

# KEYS: none. ARGV: prefix, token, worker. Marks the worker idle; returns 1 when the run has
# nothing left to do (frontier empty, every live worker idle).
_IDLE = (
    _PRUNE
    + """
local base = ARGV[1] .. ':run:' .. ARGV[2] .. ':'
redis.call('SADD', base .. 'idle', ARGV[3])
local live = prune(ARGV[1], ARGV[2])
if redis.call('ZCARD', base .. 'requests') == 0 and redis.call('SCARD', base .. 'idle') >= live then
  return 1
end
return 0
"""
)


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
        self._reap = server.register_script(_REAP)
        self._join = server.register_script(_JOIN)
        self._leave = server.register_script(_LEAVE)
        self._mark_idle = server.register_script(_IDLE)

    def join(self) -> str:
        """Join the run in progress, or start one (ending an abandoned one first)."""
        reap_abandoned_run(self.server, self.keys, self.clock)
        token = self._join(
            keys=[self.keys.current_run],
            args=[self.keys.prefix, new_run_token(), self.worker, self.heartbeat_ttl],
        )
        self.token = token.decode() if isinstance(token, bytes) else str(token)
        return self.token

    def heartbeat(self) -> None:
        self.server.set(self.keys.alive(self._token, self.worker), "1", ex=self.heartbeat_ttl)

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
        last = self._leave(
            keys=[self.keys.current_run, self.keys.messages],
            args=[
                self.keys.prefix,
                self._token,
                self.worker,
                encode_message(finished),
                encode_message(run_finished),
            ],
        )
        return bool(last)

    @property
    def _token(self) -> str:
        if self.token is None:
            raise RuntimeError("the worker has not joined a run")
        return self.token


def reap_abandoned_run(
    server: redis.Redis, keys: RedisKeys, clock: Callable[[], str] = now_text
) -> str | None:
    """End the run in progress if none of its workers is alive; returns its token if so."""
    current = server.get(keys.current_run)
    if current is None:
        return None
    token = current.decode() if isinstance(current, bytes) else str(current)
    message = RunFinished(id=new_message_id(), run=token, finished_at=clock(), abandoned=True)
    script = server.register_script(_REAP)
    live = script(
        keys=[keys.current_run, keys.messages],
        args=[keys.prefix, token, encode_message(message)],
    )
    return token if live == 0 else None
