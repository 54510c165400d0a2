import type { ObserveEvent, Rebalancer, StateStore, UserState } from '../../index.js';
import type { LibraryMetrics } from '../metrics/libraryMetrics.js';
import { restartedGroups } from './restartedGroups.js';

/**
 * The routes' access to the users' states: every store call goes through here, so that store
 * errors, level transitions and state restarts are counted in one place, whatever the route.
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

  /** The user's stored state, or an empty one for a user without a state. */
  async read(userId: string): Promise<UserState> {
    try {
      return (await this.#store.get(userId)) ?? this.#rb.emptyState();
    } catch (error) {
      this.#metrics.storeFailed('get', error);
      throw error;
    }
  }

  /**
   * Appends events to the user's pending log (`StateStore.append`): durable once it resolves,
   * folded into the state by the next read or write. The store folds with the rebalancer it was
   * built with, which counts transitions and restarts (see countingRebalancer).
   */
  async append(userId: string, events: readonly ObserveEvent[]): Promise<void> {
    try {
      await this.#store.append(userId, events);
    } catch (error) {
      this.#metrics.storeFailed('append', error);
      throw error;
    }
  }

  /** Resets the user's state (`rb.reset`) and returns the state written. */
  async reset(userId: string): Promise<UserState> {
    let before: UserState | undefined;
    try {
      const after = await this.#store.update(userId, (stored) => {
        before = stored;
        return this.#rb.reset(stored ?? this.#rb.emptyState());
      });
      this.#folded(before, after);
      return after;
    } catch (error) {
      this.#metrics.storeFailed('update', error);
      throw error;
    }
  }

  /**
   * Erases the user's state; returns whether there was one. The state is read first so that the
   * user's levels leave the level counters (an erased user is at no level); a state that cannot
   * be read is erased all the same — an erasure must never depend on the data being valid.
   */
  async erase(userId: string): Promise<boolean> {
    let before: UserState | undefined;
    try {
      before = await this.#store.get(userId);
    } catch (error) {
      this.#metrics.storeFailed('get', error);
    }
    try {
      const erased = await this.#store.delete(userId);
      if (erased) this.#metrics.folded(before, undefined);
      return erased;
    } catch (error) {
      this.#metrics.storeFailed('delete', error);
      throw error;
    }
  }

  #folded(before: UserState | undefined, after: UserState): void {
    this.#metrics.folded(before, after);
    const restarted = restartedGroups(before, after);
    if (restarted.length > 0) this.#metrics.restarted(restarted);
  }
}
