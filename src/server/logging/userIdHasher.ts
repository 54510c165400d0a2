import { createHmac, randomBytes } from 'node:crypto';

/** Hex digits of the keyed hash kept in log lines: 64 bits, enough to tell users apart in a log. */
const DIGITS = 16;

/**
 * The function that stands for a user id in log lines: an HMAC-SHA-256 of the id under `key`,
 * cut to 64 bits. Without the key the hash cannot be reversed by trying likely ids (a plain hash
 * of an email address or a numeric id can). With the default key, drawn at random when the
 * server starts, hashes link the lines of one process only; give the same key to every replica
 * to follow a user across them, and rotate it to unlink old logs.
 *
 * @param key - the secret key; `undefined` draws a random one
 * @returns the hashing function
 * @internal
 */
export function userIdHasher(key: string | undefined): (userId: string) => string {
  const secret = key === undefined || key === '' ? randomBytes(32) : Buffer.from(key, 'utf8');
  return (userId) =>
    createHmac('sha256', secret).update(userId, 'utf8').digest('hex').slice(0, DIGITS);
}
