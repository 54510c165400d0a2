import { createHash } from 'node:crypto';

/**
 * The check-and-set at the heart of `RedisStateStore.update`, run atomically by Redis (a script
 * runs to completion before any other command; Redis manual, "Scripting with Lua").
 *
 * A user's key is a hash with two fields: `s`, the state's JSON, and `v`, a version token that
 * every write replaces with a token unique to that write. The script writes only when `v` still
 * holds the token the caller's state came from (`''` when there was no state), sets both fields
 * in one step so no reader ever sees one without the other, and refreshes the TTL.
 *
 * It returns the new token when it wrote. Otherwise it returns what is stored now, as
 * `[token, json]` (`json` nil when there is no state), so that a caller whose state was stale
 * can try again at once without another read. The caller's write is in exactly when the token
 * returned, alone or first, is its own — which also covers a client that re-sends the script
 * after a reconnect: the second run finds the caller's own token and changes nothing.
 *
 * KEYS[1] the user's key; ARGV[1] the token the state came from; ARGV[2] the new token;
 * ARGV[3] the state JSON; ARGV[4] the TTL in seconds.
 *
 * @internal
 */
export const CHECK_AND_SET_SCRIPT = `local current = redis.call('HGET', KEYS[1], 'v') or ''
if current ~= ARGV[1] then return {current, redis.call('HGET', KEYS[1], 's')} end
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
