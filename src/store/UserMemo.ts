/**
 * A value derived from a user id — the Redis keys of a user (a SHA-256), the keyed hash that
 * stands for a user in log lines (an HMAC) — remembered for the users handled lately, since a
 * consumer or a server meets the same users request after request. It answers exactly what
 * `derive` answers. It holds only ids the process is handling anyway, in memory only, at most
 * `capacity` of them (the oldest make room first, and a hit does not reorder, so it costs one
 * lookup), and `forget` drops an erased user at once.
 *
 * @internal
 */
export class UserMemo<V> {
  readonly #derive: (userId: string) => V;
  readonly #capacity: number;
  readonly #values = new Map<string, V>();

  /**
   * @param derive - the value of a user id
   * @param capacity - most ids remembered; 0 remembers none
   */
  constructor(derive: (userId: string) => V, capacity: number) {
    this.#derive = derive;
    this.#capacity = capacity;
  }

  /** The value of `userId`, as `derive` gives it. */
  get(userId: string): V {
    const known = this.#values.get(userId);
    if (known !== undefined) return known;
    const value = this.#derive(userId);
    if (this.#capacity === 0) return value;
    if (this.#values.size >= this.#capacity) this.#values.delete(this.#values.keys().next().value!);
    this.#values.set(userId, value);
    return value;
  }

  /** Drops `userId`, when it is remembered. */
  forget(userId: string): void {
    this.#values.delete(userId);
  }

  /** How many ids are remembered. */
  get size(): number {
    return this.#values.size;
  }
}
