import type { UserState } from '../exposure/types.js';
import type { ObserveEvent } from '../exposure/types.js';
import type { DeliveryOptions } from '../delivery/types.js';

/**
 * A pure update of one user's exposure state: given the stored state, or `undefined` when there
 * is none (new user, expired or erased), it returns the state to store. It must not mutate its
 * argument and must not perform I/O: a store may call it more than once per `update` (the Redis
 * store calls it again after a concurrent write), and only the last result is kept.
 *
 * @param state - the stored state, or `undefined` when there is none
 * @returns the new state
 *
 * @example
 * ```ts
 * import { createRebalancer, presets, type StateUpdate } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const seen: StateUpdate = (s) => rb.observe(s ?? rb.emptyState(), { item: { id: 'v1' }, at: 0 });
 * ```
 */
export type StateUpdate = (state: UserState | undefined) => UserState;

/**
 * What a store needs to fold appended events into a state: the rebalancer's `observe` and
 * `emptyState` (a rebalancer from `createRebalancer` is one). Give every store of a deployment
 * a rebalancer with the same taxonomy and policy, so that events appended by one replica fold
 * the same way on any other.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets, MemoryStateStore, type EventFolder } from 'feed-rebalancer';
 * const rebalancer: EventFolder = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const store = new MemoryStateStore({ rebalancer });
 * ```
 */
export interface EventFolder {
  /**
   * Folds events into a state; returns a new state (the rebalancer's `observe`). `options`
   * carry the source and offsets given to `append`.
   */
  observe(
    state: UserState,
    events: ObserveEvent | readonly ObserveEvent[],
    options?: DeliveryOptions,
  ): UserState;
  /** A fresh state for a user without one. */
  emptyState(): UserState;
}

/**
 * Where the exposure states of many users live between requests. Every method is asynchronous so
 * that in-process and networked stores are interchangeable. A store keys states by an opaque user
 * id; the state itself never contains the id.
 *
 * Contract: `update` is atomic per user — concurrent updates of one user, from one process or
 * many, are applied one after the other and none is lost; each returns the state it wrote.
 * `append` records events to be folded with the store's rebalancer: once its promise resolves
 * the events are durable (as durable as the backend) and every later `get` or `update` sees them
 * folded in; the events of one append are folded in their order, and appends are folded in the
 * order the store received them. Stores forget a state some time after its last write (a TTL),
 * and `delete` erases it, pending events included, at once.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets, MemoryStateStore, type StateStore } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const store: StateStore = new MemoryStateStore();
 * const shown = { item: { id: 'v1', hashtags: ['#thinspo'] }, at: Date.now() };
 * const state = await store.update('user-1', (s) => rb.observe(s ?? rb.emptyState(), shown));
 * console.log(state.impressions, (await store.get('user-1'))?.impressions); // 1 1
 * ```
 */
export interface StateStore {
  /**
   * Reads a user's state.
   *
   * @param userId - the user's id: a non-empty, well-formed string of at most 1,024 characters
   * @returns the stored state, or `undefined` when there is none
   * @throws RebalanceError with code `request` for a malformed user id, `state` for a stored
   *   state that fails validation, `store` when the backend cannot be reached
   */
  get(userId: string): Promise<UserState | undefined>;
  /**
   * Applies a pure update to a user's state atomically and stores the result.
   *
   * @param userId - the user's id: a non-empty, well-formed string of at most 1,024 characters
   * @param fn - the pure update, called with the stored state (pending events folded in) or
   *   `undefined`
   * @returns the state written
   * @throws RebalanceError with code `request` for a malformed user id, `state` when the stored
   *   state or the update's result is not a valid state, `conflict` when the update waited too
   *   long for its turn behind other writers (nothing written), `store` when the backend cannot
   *   be reached; whatever `fn` throws, unchanged
   */
  update(userId: string, fn: StateUpdate): Promise<UserState>;
  /**
   * Records impressions and feedback events of a user, exactly as `rb.observe` accepts them, to
   * be folded into the state by the store's rebalancer. Unlike `update` it never conflicts with
   * other writers. Events are validated before anything is stored: one malformed event stores
   * nothing.
   *
   * @param userId - the user's id: a non-empty, well-formed string of at most 1,024 characters
   * @param events - one event or a list of them, in the order they happened
   * @param options - the source and offsets of the events, kept with them and given to
   *   `observe` when they are folded: events at or below the source's high-water mark are
   *   skipped then (docs/ingestion.md)
   * @returns once the events are stored
   * @throws RebalanceError with code `request` for a malformed user id, `impression` for a
   *   malformed event (path `events[i]…`) or too many events, `argument` when the store has no
   *   rebalancer or `options` are malformed, `store` when the backend cannot be reached (the
   *   events may or may not have been stored)
   */
  append(
    userId: string,
    events: ObserveEvent | readonly ObserveEvent[],
    options?: DeliveryOptions,
  ): Promise<void>;
  /**
   * Erases a user's state and pending events (for example on an erasure request).
   *
   * @param userId - the user's id: a non-empty, well-formed string of at most 1,024 characters
   * @returns whether a state was erased
   * @throws RebalanceError with code `request` for a malformed user id, `store` when the backend
   *   cannot be reached
   */
  delete(userId: string): Promise<boolean>;
}
