import { userKeys, type UserKeys } from './keys.js';

/**
 * Most user ids a store remembers the keys of: well above the users a busy consumer or server
 * handles at once, while the memory stays small (an id and five short keys each).
 */
const CAPACITY = 4_096;

/**
 * The keys of the users a store handled lately, by user id: `userKeys` hashes the id with
 * SHA-256 on every call, and a stream consumer asks for the keys of the same few hundred users
 * on every batch. The memo gives exactly what `userKeys` gives. It holds only ids the process is
 * handling anyway, in memory only, and at most {@link CAPACITY} of them (the oldest ids make room
 * first); `forget` drops one at once (an erased user).
 *
 * @internal
 */
export class UserKeyMemo {
  readonly #prefix: string;
  readonly #capacity: number;
  readonly #keys = new Map<string, UserKeys>();

  /**
   * @param prefix - the store's key prefix
   * @param capacity - most ids remembered; 0 remembers none
   */
  constructor(prefix: string, capacity = CAPACITY) {
    this.#prefix = prefix;
    this.#capacity = capacity;
  }

  /** The keys of a validated user id, as `userKeys` makes them. */
  keys(userId: string): UserKeys {
    const known = this.#keys.get(userId);
    if (known !== undefined) return known;
    const keys = userKeys(this.#prefix, userId);
    if (this.#capacity === 0) return keys;
    // Oldest first out, without reordering on a hit: a hit costs one lookup.
    if (this.#keys.size >= this.#capacity) this.#keys.delete(this.#keys.keys().next().value!);
    this.#keys.set(userId, keys);
    return keys;
  }

  /** Drops the id, when it is remembered. */
  forget(userId: string): void {
    this.#keys.delete(userId);
  }

  /** How many ids are remembered. */
  get size(): number {
    return this.#keys.size;
  }
}
