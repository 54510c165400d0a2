import { createHash } from 'node:crypto';

/**
 * The Lua scripts of `RedisStateStore`. Redis runs a script to completion before any other
 * command (Redis manual, "Scripting with Lua"), so each is one atomic step. Every script
 * declares all the keys it touches, and they are the keys of one user, which share a cluster
 * hash slot (see `userKeys`), so each runs on one node of a Redis Cluster.
 *
 * Keys, in this order everywhere: KEYS[1] the state hash (`v` version token, `s` JSON),
 * KEYS[2] the pending log, KEYS[3] the lease, KEYS[4] the queue, KEYS[5] the queue's last-seen
 * times.
 *
 * Replies that carry what is stored are `{token, json, entries}` (`token` '' and `json` nil
 * when there is no state; `entries` the whole log, oldest first).
 *
 * @internal
 */
export interface Script {
  readonly source: string;
  /** SHA-1 of the source, the name EVALSHA knows it by. */
  readonly sha: string;
}

/** A script and its SHA-1. @internal */
export function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** What is stored: `{token, json, entries}`. KEYS: state, log. @internal */
export const READ = script(`local h = redis.call('HMGET', KEYS[1], 'v', 's')
return {h[1] or '', h[2], redis.call('LRANGE', KEYS[2], 0, -1)}`);

/**
 * Appends entries to the pending logs of one or more users (the appends a process made at once
 * that share a hash slot, so one round trip carries them) and refreshes the TTL of each log and
 * state. Per user, in order, it replies the log's new length, or minus its length without
 * appending when it already held ARGV[2] entries (the entry is pushed and popped again: the
 * script is one atomic step, so nobody sees it, and the usual case needs no LLEN first). When
 * the new length is a multiple of ARGV[3] (the store's `foldEvery`), the reply for that user is
 * `{length, token, json, entries}`, what is stored as READ answers it, so that the fold this
 * append sets off needs no read of its own. A user may appear more than once: the entries go on
 * in order.
 *
 * KEYS: state and log of the first user, then of the second, … ARGV: TTL in seconds, most
 * entries, fold interval, then one entry per user.
 *
 * @internal
 */
export const APPEND = script(`local most = tonumber(ARGV[2])
local every = tonumber(ARGV[3])
local out = {}
for i = 1, #KEYS / 2 do
  local state, log = KEYS[2 * i - 1], KEYS[2 * i]
  local n = redis.call('RPUSH', log, ARGV[3 + i])
  if n > most then
    redis.call('RPOP', log)
    out[i] = 1 - n
  else
    redis.call('EXPIRE', log, ARGV[1])
    redis.call('EXPIRE', state, ARGV[1])
    if n % every == 0 then
      local h = redis.call('HMGET', state, 'v', 's')
      out[i] = {n, h[1] or '', h[2], redis.call('LRANGE', log, 0, -1)}
    else
      out[i] = n
    end
  end
end
return out`);

/**
 * The body of the check-and-set, a Lua function of a user's keys `k` and arguments `a` (see
 * {@link CHECK_AND_SET}), shared by the script for one user and the script for many.
 */
const checkAndSet = `local function checkAndSet(k, a)
  local current = redis.call('HGET', k[1], 'v') or ''
  if current == a[5] then return a[5] end
  local lease = redis.call('GET', k[3])
  if lease then
    if lease ~= a[8] then return {0} end
  elseif a[8] == '' and redis.call('EXISTS', k[4]) == 1 then
    return {0}
  end
  local n = tonumber(a[3])
  local ok = current == a[1]
  if ok and n > 0 then ok = redis.call('LINDEX', k[2], 0) == a[2] end
  if ok and a[4] == '1' then ok = redis.call('LLEN', k[2]) == n end
  if not ok then
    return {1, current, redis.call('HGET', k[1], 's'), redis.call('LRANGE', k[2], 0, -1)}
  end
  redis.call('HSET', k[1], 'v', a[5], 's', a[6])
  redis.call('EXPIRE', k[1], a[7])
  if n > 0 then redis.call('LTRIM', k[2], n, -1) end
  if lease then redis.call('DEL', k[3]) end
  return a[5]
end`;

/**
 * The check-and-set of every write. It writes the new state and removes the first `n` log
 * entries — the ones folded into it — only if nothing else changed what they came from:
 *
 * - the version token is still ARGV[1], so no other write came in between;
 * - with n > 0, the log still starts with the entry ARGV[2] the writer folded first; entries
 *   carry unique ids and leave the log only from its head, only here or by a delete, so the
 *   first n entries are exactly the ones folded (entries appended since stay, after them);
 * - with ARGV[4] = '1' (a state remembered from earlier, not just read), the log holds exactly
 *   n entries: an append the writer has not seen must not be ordered after its update;
 * - no other writer holds the lease, and, for a writer without the lease, nobody is queued
 *   for it (ARGV[8] is the writer's lease token, '' for none).
 *
 * Replies: ARGV[5] when written (also when this very write is found already done, as after
 * a client re-sends it); `{0}` when the lease or the queue belongs to others (nothing read);
 * `{1, token, json, entries}` when something changed, with what is stored now. A write under
 * the writer's lease releases it.
 *
 * KEYS: state, log, lease, queue. ARGV: expected token, first folded entry, n, exact, new
 * token, JSON, TTL in seconds, lease token.
 *
 * @internal
 */
export const CHECK_AND_SET = script(`${checkAndSet}
return checkAndSet(KEYS, ARGV)`);

/**
 * The check-and-set of {@link CHECK_AND_SET} for several users at once: the folds a process
 * wrote at once that share a hash slot, so that one round trip carries them. Each user's write is
 * checked and made on its own, exactly as {@link CHECK_AND_SET} makes it; the reply is the list of
 * their replies, in order.
 *
 * KEYS: state, log, lease and queue of the first user, then of the second, … ARGV: the eight
 * arguments of the first user's check-and-set, then of the second, …
 *
 * @internal
 */
export const CHECK_AND_SET_MANY = script(`${checkAndSet}
local out = {}
for i = 1, #KEYS / 4 do
  out[i] = checkAndSet({unpack(KEYS, 4 * i - 3, 4 * i)}, {unpack(ARGV, 8 * i - 7, 8 * i)})
end
return out`);

/**
 * Queues a writer for the lease and grants it when the writer is first in line and the lease
 * is free. The queue is a sorted set by arrival (server time); each call also records until
 * when the writer counts as alive, and a first in line that stopped asking (a crashed process)
 * is dropped, so a dead writer never blocks the queue for longer than ARGV[3] ms.
 *
 * Replies `{1, token, json, entries}` with what is stored, when granted (the writer leaves the
 * queue and holds the lease for ARGV[2] ms); `{0, rank}` otherwise, with the writer's place in
 * line (0 = next).
 *
 * KEYS: state, log, lease, queue, seen. ARGV: lease token, lease ms, staleness ms.
 *
 * @internal
 */
export const ACQUIRE = script(`local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local stale = tonumber(ARGV[3])
redis.call('HSET', KEYS[5], ARGV[1], now + stale)
redis.call('ZADD', KEYS[4], 'NX', now, ARGV[1])
while true do
  local head = redis.call('ZRANGE', KEYS[4], 0, 0)[1]
  if head == ARGV[1] or tonumber(redis.call('HGET', KEYS[5], head) or '0') > now then break end
  redis.call('ZREM', KEYS[4], head)
  redis.call('HDEL', KEYS[5], head)
end
redis.call('PEXPIRE', KEYS[4], stale)
redis.call('PEXPIRE', KEYS[5], stale)
local lease = redis.call('GET', KEYS[3])
local rank = redis.call('ZRANK', KEYS[4], ARGV[1])
if (lease and lease ~= ARGV[1]) or rank > 0 then return {0, rank} end
redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[2])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('HDEL', KEYS[5], ARGV[1])
local h = redis.call('HMGET', KEYS[1], 'v', 's')
return {1, h[1] or '', h[2], redis.call('LRANGE', KEYS[2], 0, -1)}`);

/**
 * Gives up a lease or a place in the queue: deletes the lease if it is still ARGV[1]'s, and
 * removes ARGV[1] from the queue. KEYS: lease, queue, seen. ARGV: lease token.
 *
 * @internal
 */
export const RELEASE =
  script(`if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return 0`);

/**
 * Erases a user's state and pending log in one atomic step, and answers `{n, json}`: how many
 * of the two keys existed, and the state's JSON (nil when there was none), so that the store
 * can report the state it erased. KEYS: state, log.
 *
 * @internal
 */
export const ERASE = script(`local s = redis.call('HGET', KEYS[1], 's')
return {redis.call('DEL', KEYS[1], KEYS[2]), s}`);

/**
 * Whether a Redis error says the script is not in the server's cache (a restarted server, a
 * node that never ran it, or `SCRIPT FLUSH`), so it must be sent in full with EVAL.
 *
 * @param error - what the client rejected with
 * @returns whether it is a NOSCRIPT reply
 * @internal
 */
export function isNoScriptError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}
