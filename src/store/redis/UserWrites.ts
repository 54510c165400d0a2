import type { UserKeys } from './keys.js';

/**
 * The writes of each user made by one store, run one after the other: a write of a user starts
 * once the previous one of the same user has settled. They would only make each other wait if
 * they raced through Redis; the check-and-set still orders them against other processes. An
 * entry lives only while writes of the user are under way, so the map holds no more users than
 * writes in flight.
 *
 * @internal
 */
export class UserWrites {
  /** Per state key, the settling of the last write of that user queued here. */
  readonly #pending = new Map<string, Promise<void>>();

  /** Whether a write of the user is under way. */
  has(keys: UserKeys): boolean {
    return this.#pending.has(keys.state);
  }

  /** Runs `write` after the user's writes under way. */
  run<T>(keys: UserKeys, write: () => Promise<T>): Promise<T> {
    const previous = this.#pending.get(keys.state);
    const result = previous === undefined ? write() : previous.then(write);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.#pending.set(keys.state, settled);
    void settled.then(() => {
      if (this.#pending.get(keys.state) === settled) this.#pending.delete(keys.state);
    });
    return result;
  }
}
