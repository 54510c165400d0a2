import { UserMemo } from '../UserMemo.js';
import { userKeys, type UserKeys } from './keys.js';

/**
 * Most user ids a store remembers the keys of: well above the users a busy consumer or server
 * handles at once, while the memory stays small (an id and five short keys each).
 */
const CAPACITY = 4_096;

/**
 * The keys of the users a store handled lately, by user id: `userKeys` hashes the id with
 * SHA-256 on every call, and a stream consumer asks for the keys of the same few hundred users
 * on every batch. The memo gives exactly what `userKeys` gives ({@link UserMemo}).
 *
 * @param prefix - the store's key prefix
 * @param capacity - most ids remembered; 0 remembers none
 * @internal
 */
export function userKeyMemo(prefix: string, capacity = CAPACITY): UserMemo<UserKeys> {
  return new UserMemo((userId) => userKeys(prefix, userId), capacity);
}
