import * as crypto from 'node:crypto';

/**
 * SHA-256 of a string's UTF-8 bytes in base64url: `crypto.hash` where Node has it (20.12 and
 * later), a fraction of the cost of a `Hash` object for an input this small, else `createHash`.
 */
const sha256: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'base64url')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('base64url');

/** The Redis keys of one user, all in one cluster hash slot. @internal */
export interface UserKeys {
  /** The state: a hash of the state's JSON (`s`) and its version token (`v`). */
  readonly state: string;
  /** The pending log: a list of appended entries, oldest first. */
  readonly log: string;
  /** The update lease: the token of the writer that holds it, with a time to live. */
  readonly lease: string;
  /** Writers queued for the lease: a sorted set of their tokens, by arrival. */
  readonly queue: string;
  /** When each queued writer stops counting as alive: a hash of token → server time (ms). */
  readonly seen: string;
}

/**
 * The keys of a user: `prefix{h}` for the state and `prefix{h}:log`, `:lease`, `:queue`,
 * `:seen` beside it, where `h` is the SHA-256 of the id's UTF-8 bytes in base64url (43
 * characters).
 *
 * The braces are a Redis Cluster hash tag: only `h` is hashed to choose the slot, so every key
 * of a user lives in one slot and one script can read and write them together (Redis Cluster
 * specification, "Hash tags"). The prefix may not hold braces, so the tag is always `h`.
 * Versions before the pending log stored the state under `prefix` + `h`, without braces;
 * {@link migrateStateKeys} moves such states.
 *
 * Hashing rather than concatenating the raw id keeps every key inside the prefix's key space
 * whatever the id holds: no separator, wildcard or `{…}` hash tag in an id can make it address,
 * collide with or co-locate with another application's keys, and every key has the same small
 * length. It also keeps raw ids out of key listings and slow logs. It is pseudonymisation, not
 * anonymisation: ids from a small or guessable space (sequential numbers, e-mail addresses) can
 * be found again by hashing candidates, so the keys remain personal data (see docs/privacy.md).
 *
 * @param prefix - the store's key prefix (without braces)
 * @param userId - a validated user id (well-formed UTF-16, so its UTF-8 form is unique)
 * @returns the keys
 * @internal
 */
export function userKeys(prefix: string, userId: string): UserKeys {
  const state = `${prefix}{${sha256(userId)}}`;
  return {
    state,
    log: `${state}:log`,
    lease: `${state}:lease`,
    queue: `${state}:queue`,
    seen: `${state}:seen`,
  };
}
