"""The Lua scripts that keep a shared run in Redis: join, heartbeat, idle, leave, reap.

Each step is one script, so two workers (or a worker and the ingester) never see half of
another's. Every one of them first looks for lost workers (`prune`): a member whose heartbeat
key expired is dropped, its leased requests go back to the frontier, those whose page it had
archived wait in the run's `recovering` hash for the ingester to read them back from its WARC
files (or go back to the frontier once the run's worker timeout has passed), and a
`worker_lost` message tells the ingester.
"""

from __future__ import annotations

# Shared by the scripts. A lease's value is 'score member'; a recovering one's is
# 'deadline record-id score member' (see archive/scale_out/leases.py).
_PRUNE = """
local function requeue(base, value)
  local gap = string.find(value, ' ', 1, true)
  redis.call('ZADD', base .. 'requests', string.sub(value, 1, gap - 1), string.sub(value, gap + 1))
end
local function now()
  return tonumber(redis.call('TIME')[1])
end
local function lose(prefix, token, member)
  local base = prefix .. ':run:' .. token .. ':'
  local leases = redis.call('HGETALL', base .. 'leases:' .. member)
  local deadline = now() + tonumber(redis.call('GET', base .. 'timeout') or '60')
  local requeued, recovering = 0, 0
  for i = 1, #leases, 2 do
    local record = redis.call('HGET', base .. 'archived:' .. member, leases[i])
    if record then
      redis.call('HSET', base .. 'recovering', leases[i],
                 deadline .. ' ' .. record .. ' ' .. leases[i + 1])
      recovering = recovering + 1
    else
      requeue(base, leases[i + 1])
      requeued = requeued + 1
    end
  end
  redis.call('DEL', base .. 'leases:' .. member, base .. 'archived:' .. member)
  redis.call('INCR', base .. 'lost')
  redis.call('RPUSH', prefix .. ':messages', cjson.encode({
    type = 'worker_lost', id = 'lost-' .. token .. '-' .. member, run = token,
    worker = member, requeued = requeued, recovering = recovering}))
end
local function expire_recovering(base)
  local entries = redis.call('HGETALL', base .. 'recovering')
  local t = now()
  for i = 1, #entries, 2 do
    local value = entries[i + 1]
    local gap = string.find(value, ' ', 1, true)
    if tonumber(string.sub(value, 1, gap - 1)) < t then
      local rest = string.sub(value, gap + 1)
      requeue(base, string.sub(rest, string.find(rest, ' ', 1, true) + 1))
      redis.call('HDEL', base .. 'recovering', entries[i])
    end
  end
end
local function prune(prefix, token)
  local base = prefix .. ':run:' .. token .. ':'
  local live = 0
  for _, member in ipairs(redis.call('SMEMBERS', base .. 'workers')) do
    if redis.call('EXISTS', base .. 'alive:' .. member) == 1 then
      live = live + 1
    else
      redis.call('SREM', base .. 'workers', member)
      redis.call('SREM', base .. 'idle', member)
      lose(prefix, token, member)
    end
  end
  expire_recovering(base)
  return live
end
local function drop_run(prefix, token, current_key)
  local base = prefix .. ':run:' .. token .. ':'
  redis.call('DEL', base .. 'workers', base .. 'idle', base .. 'requests', base .. 'dupefilter',
             base .. 'recovering', base .. 'lost', base .. 'timeout',
             base .. 'answered_hosts')
  if redis.call('GET', current_key) == token then
    redis.call('DEL', current_key)
  end
end
local function release_all(base, worker)
  local leases = redis.call('HVALS', base .. 'leases:' .. worker)
  redis.call('DEL', base .. 'leases:' .. worker, base .. 'archived:' .. worker)
  return leases
end
"""

# KEYS: current run. ARGV: prefix, token seen, id and time of the RunFinished message.
# Ends the run if none of its workers is alive (abandoned if requests were left: the frontier's
# and those being recovered); returns the live count (-1: not current).
REAP = (
    _PRUNE
    + """
if redis.call('GET', KEYS[1]) ~= ARGV[2] then return -1 end
local live = prune(ARGV[1], ARGV[2])
if live == 0 then
  local base = ARGV[1] .. ':run:' .. ARGV[2] .. ':'
  local left = redis.call('ZCARD', base .. 'requests') + redis.call('HLEN', base .. 'recovering')
  redis.call('RPUSH', ARGV[1] .. ':messages', cjson.encode({
    type = 'run_finished', id = ARGV[3], run = ARGV[2], finished_at = ARGV[4],
    abandoned = left > 0, left_behind = left}))
  drop_run(ARGV[1], ARGV[2], KEYS[1])
end
return live
"""
)

# KEYS: current run. ARGV: prefix, new token, worker, heartbeat ttl. Returns the run's token.
JOIN = """
local token = redis.call('GET', KEYS[1])
if not token then
  token = ARGV[2]
  redis.call('SET', KEYS[1], token)
end
local base = ARGV[1] .. ':run:' .. token .. ':'
redis.call('SADD', base .. 'workers', ARGV[3])
redis.call('SET', base .. 'alive:' .. ARGV[3], '1', 'EX', ARGV[4])
redis.call('SET', base .. 'timeout', ARGV[4])
return token
"""

# KEYS: current run. ARGV: prefix, token, worker, heartbeat ttl. Keeps the worker alive (and a
# member, should a stall have had it pruned) and looks for lost workers; returns how many the
# run has lost so far (-1: the run is over).
BEAT = (
    _PRUNE
    + """
if redis.call('GET', KEYS[1]) ~= ARGV[2] then return -1 end
local base = ARGV[1] .. ':run:' .. ARGV[2] .. ':'
redis.call('SET', base .. 'alive:' .. ARGV[3], '1', 'EX', ARGV[4])
redis.call('SADD', base .. 'workers', ARGV[3])
prune(ARGV[1], ARGV[2])
return tonumber(redis.call('GET', base .. 'lost') or '0')
"""
)

# KEYS: current run, messages. ARGV: prefix, token, worker, WorkerFinished, RunFinished.
# Requests the worker still holds go back to the frontier (a shutdown). Returns {1 if this
# worker was the last one (and the run ended) else 0, workers the run lost}.
LEAVE = (
    _PRUNE
    + """
local base = ARGV[1] .. ':run:' .. ARGV[2] .. ':'
for _, value in ipairs(release_all(base, ARGV[3])) do
  requeue(base, value)
end
redis.call('SREM', base .. 'workers', ARGV[3])
redis.call('SREM', base .. 'idle', ARGV[3])
redis.call('DEL', base .. 'alive:' .. ARGV[3])
redis.call('RPUSH', KEYS[2], ARGV[4])
local live = prune(ARGV[1], ARGV[2])
local lost = tonumber(redis.call('GET', base .. 'lost') or '0')
if live == 0 and redis.call('HLEN', base .. 'recovering') == 0 then
  redis.call('RPUSH', KEYS[2], ARGV[5])
  drop_run(ARGV[1], ARGV[2], KEYS[1])
  return {1, lost}
end
return {0, lost}
"""
)

# KEYS: none. ARGV: prefix, token, worker. Marks the worker idle: it has nothing in flight, so
# any lease it still holds is of a request that ended without a message (a robots.txt, a
# probe) and is let go. Returns 1 when the run has nothing left (no request in the frontier or
# being recovered, every live worker idle), else 0.
IDLE = (
    _PRUNE
    + """
local base = ARGV[1] .. ':run:' .. ARGV[2] .. ':'
release_all(base, ARGV[3])
redis.call('SADD', base .. 'idle', ARGV[3])
local live = prune(ARGV[1], ARGV[2])
if redis.call('ZCARD', base .. 'requests') == 0 and redis.call('HLEN', base .. 'recovering') == 0
   and redis.call('SCARD', base .. 'idle') >= live then
  return 1
end
return 0
"""
)
