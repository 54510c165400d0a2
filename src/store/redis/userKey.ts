import { createHash } from 'node:crypto';

/**
 * The Redis key of a user's state: the prefix followed by the SHA-256 of the id's UTF-8 bytes in
 * base64url (43 characters).
 *
 * Hashing rather than concatenating the raw id keeps every key inside the prefix's key space
 * whatever the id holds: no separator, wildcard or `{…}` cluster hash tag in an id can make it
 * address, collide with or co-locate with another application's keys, and every key has the same
 * small length. It also keeps raw ids out of key listings and slow logs. It is pseudonymisation,
 * not anonymisation: ids from a small or guessable space (sequential numbers, e-mail addresses)
 * can be found again by hashing candidates, so the keys remain personal data (see docs/privacy.md).
 *
 * @param prefix - the store's key prefix
 * @param userId - a validated user id (well-formed UTF-16, so its UTF-8 form is unique)
 * @returns the key
 * @internal
 */
export function userKey(prefix: string, userId: string): string {
  return prefix + createHash('sha256').update(userId, 'utf8').digest('base64url');
}
