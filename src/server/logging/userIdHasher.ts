import { createHmac, randomBytes } from 'node:crypto';
import { UserMemo } from '../../store/UserMemo.js';

/** Hex digits of the keyed hash kept in log lines: 64 bits, enough to tell users apart in a log. */
const DIGITS = 16;

/**
 * Users whose hash is kept, so that a user who refreshes a feed is not hashed again: an HMAC
 * costs a few microseconds, a noticeable share of a request that answers in tens. The memory
 * holds ids the server is handling anyway, never writes them anywhere, forgets the oldest first,
 * and forgets an erased user at once.
 */
const REMEMBERED = 4_096;

/** The keyed hash that stands for a user id in log lines, with its memory of recent users. */
export interface UserIdHasher {
  /** The hash of `userId`, remembered for the next request of the same user. */
  hash(userId: string): string;
  /** Drops `userId` from the memory: its data was erased. */
  forget(userId: string): void;
}

/**
 * The keyed hash that stands for a user id in log lines: an HMAC-SHA-256 of the id under `key`,
 * cut to 64 bits. Without the key the hash cannot be reversed by trying likely ids (a plain hash
 * of an email address or a numeric id can). With the default key, drawn at random when the
 * server starts, hashes link the lines of one process only; give the same key to every replica
 * to follow a user across them, and rotate it to unlink old logs.
 *
 * @param key - the secret key; `undefined` draws a random one
 * @param remembered - how many recent users' hashes are kept
 * @returns the hash and its memory
 * @internal
 */
export function userIdHasher(key: string | undefined, remembered = REMEMBERED): UserIdHasher {
  const secret = key === undefined || key === '' ? randomBytes(32) : Buffer.from(key, 'utf8');
  const recent = new UserMemo(
    (userId) => createHmac('sha256', secret).update(userId, 'utf8').digest('hex').slice(0, DIGITS),
    remembered,
  );
  return {
    hash: (userId) => recent.get(userId),
    forget: (userId) => {
      recent.forget(userId);
    },
  };
}
