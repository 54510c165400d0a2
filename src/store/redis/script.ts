import { createHash } from 'node:crypto';

/**
 * The check-and-set at the heart of `RedisStateStore.update`, run atomically by Redis (a script
 * runs to completion before any other command; Redis manual, "Scripting with Lua").
 *
 * A user's key is a hash with two fields: `s`, the state's JSON, and `v`, a version token that
 * every write replaces with a token unique to that write. The script writes only when `v` still
 * holds the token the caller read (`''` when there was no state), sets both fields in one step so
 * no reader ever sees one without the other, and refreshes the TTL.
 *
 * It returns the token now in `v`. The caller's write is in exactly when that is its own token —
 * which also covers a client that re-sends the script after a reconnect: the second run finds
 * the caller's own token and reports the write as done instead of applying it twice.
 *
 * KEYS[1] the user's key; ARGV[1] the token read; ARGV[2] the new token; ARGV[3] the state JSON;
 * ARGV[4] the TTL in seconds.
 *
 * @internal
 */
export const CHECK_AND_SET_SCRIPT = `local current = redis.call('HGET', KEYS[1], 'v') or ''
if current ~= ARGV[1] then return current end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 's', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return ARGV[2]`;

/** SHA-1 of {@link CHECK_AND_SET_SCRIPT}, the name EVALSHA knows it by. @internal */
export const CHECK_AND_SET_SHA = createHash('sha1').update(CHECK_AND_SET_SCRIPT).digest('hex');

/**
 * Whether a Redis error says the script is not in the server's cache (a restarted server or
 * `SCRIPT FLUSH`), so it must be sent in full with EVAL.
 *
 * @param error - what the client rejected with
 * @returns whether it is a NOSCRIPT reply
 * @internal
 */
export function isNoScriptError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}
