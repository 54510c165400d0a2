import type { ObserveEvent, Rebalancer, StateStore, UserState } from '../../index.js';
import { renamePath, type RequestNames } from '../errors/renamePath.js';
import type { LibraryMetrics } from '../metrics/libraryMetrics.js';

/**
 * The routes' access to the users' states. Every store call goes through here, so that its
 * failures are counted and addressed to the request in one place, whatever the route and the
 * store: an error about a field (a user id the store refuses, an event it refuses to append)
 * names the route and the request's path of the field (see renamePath). Level transitions and
 * state restarts are counted by the store's `onWrite` (see countWrites), once per state written.
 *
 * @internal
 */
export class UserStates {
  readonly #store: StateStore;
  readonly #rb: Rebalancer;
  readonly #metrics: LibraryMetrics;

  constructor(store: StateStore, rb: Rebalancer, metrics: LibraryMetrics) {
    this.#store = store;
    this.#rb = rb;
    this.#metrics = metrics;
  }

  /** The user's stored state, pending events folded in, or an empty one for a user without. */
  async read(names: RequestNames, userId: string): Promise<UserState> {
    try {
      return (await this.#store.get(userId)) ?? this.#rb.emptyState();
    } catch (error) {
      throw this.#failed('get', names, error);
    }
  }

  /**
   * Appends events to the user's pending log (`StateStore.append`): durable once it resolves,
   * seen by every later read. The store folds them with the server's rebalancer: in memory at
   * once, in Redis every `foldEvery`-th append or at the user's next update.
   */
  async append(
    names: RequestNames,
    userId: string,
    events: readonly ObserveEvent[],
  ): Promise<void> {
    try {
      await this.#store.append(userId, events);
    } catch (error) {
      throw this.#failed('append', names, error);
    }
  }

  /** Resets the user's state (`rb.reset`) and returns the state written. */
  async reset(names: RequestNames, userId: string): Promise<UserState> {
    try {
      return await this.#store.update(userId, (stored) =>
        this.#rb.reset(stored ?? this.#rb.emptyState()),
      );
    } catch (error) {
      throw this.#failed('update', names, error);
    }
  }

  /**
   * Erases the user's state and pending events; returns whether there was a state. The store
   * reports the erased state to `onWrite`, so its levels leave the level counters; nothing is
   * read first, so an erasure never depends on the data being valid.
   */
  async erase(names: RequestNames, userId: string): Promise<boolean> {
    try {
      return await this.#store.delete(userId);
    } catch (error) {
      throw this.#failed('delete', names, error);
    }
  }

  #failed(operation: 'get' | 'update' | 'append' | 'delete', names: RequestNames, error: unknown) {
    this.#metrics.storeFailed(operation, error);
    return renamePath(error, names);
  }
}
