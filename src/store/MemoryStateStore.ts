import { failInput } from '../validate/fail.js';
import type { UserState } from '../exposure/types.js';
import { parseState } from '../exposure/stateShape.js';
import { checkUpdateFn, checkUpdateResult } from './checkUpdate.js';
import type { EventFolder, StateStore, StateUpdate } from './types.js';
import { assertUserId } from './userId.js';
import type { ObserveEvent } from '../exposure/types.js';
import type { DeliveryOptions } from '../delivery/types.js';
import { eventList, foldsEvery, needFolder, readdressed, readEvents } from './appendEvents.js';
import { readMemoryStoreOptions, type MemoryStateStoreOptions } from './memoryStoreOptions.js';
import { notifyWrite, type WriteListener } from './writeListener.js';

/**
 * The embedded default {@link StateStore}: states live in this process, bounded by `maxUsers`
 * with least-recently-used eviction, every operation O(1) (amortised).
 *
 * Two `Map`s share the keys. In `#states` the insertion order is the recency order — a read or an
 * update moves the user to the end — so the first key is the one to evict. In `#expiry` it is
 * the order of updates, and because every update sets `now + ttlMs`, that is also the order of
 * expiry: the expired states are always a prefix. Each operation first removes that prefix, so
 * the store never holds an expired state past the next call, needs no timer (a process using it
 * can always exit), and each state is swept once — constant work per update on average.
 *
 * A clock that steps back can only make states expire late: `get` and `update` also check the
 * user's own expiry time, so an expired state is never returned.
 *
 * Atomicity: `update` reads, calls `fn` and writes within one synchronous step, so concurrent
 * updates of a user run one after the other and none is lost. `fn` must therefore return the
 * state itself, not a promise. `append` folds its events at once, in the same way, with the
 * `rebalancer` option's `observe`: there is no pending log in memory. States are kept by reference; the library's states are frozen,
 * and any other object is validated and copied by `parseState` first.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets, MemoryStateStore } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const store = new MemoryStateStore({ maxUsers: 10_000, ttlMs: 86_400_000 });
 * const shown = { item: { id: 'v1', hashtags: ['#thinspo'] }, at: Date.now() };
 * await store.update('user-1', (s) => rb.observe(s ?? rb.emptyState(), shown));
 * await store.delete('user-1'); // erasure
 * ```
 */
export class MemoryStateStore implements StateStore {
  /** User → state, least recently used first. */
  readonly #states = new Map<string, UserState>();
  /** User → expiry time (ms), least recently updated (so soonest to expire) first. */
  readonly #expiry = new Map<string, number>();
  readonly #maxUsers: number;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #folder: EventFolder | undefined;
  readonly #maxAppendEvents: number;
  readonly #onWrite: WriteListener | undefined;

  /**
   * @param options - capacity, retention and clock
   * @throws RebalanceError with code `argument` for an option out of range
   */
  constructor(options: MemoryStateStoreOptions = {}) {
    const read = readMemoryStoreOptions(options);
    this.#folder = read.folder;
    this.#onWrite = read.onWrite;
    this.#maxAppendEvents = read.maxAppendEvents;
    this.#maxUsers = read.maxUsers;
    this.#ttlMs = read.ttlMs;
    this.#now = read.now;
  }

  /** How many users have a state (expired states are gone by the end of every call). */
  get size(): number {
    return this.#states.size;
  }

  /**
   * Reads a user's state and marks the user as recently used.
   *
   * @param userId - the user's id: a non-empty, well-formed string of at most 1,024 characters
   * @returns the stored state, or `undefined` when there is none
   * @throws RebalanceError with code `request` for a malformed user id
   */
  get(userId: string): Promise<UserState | undefined> {
    return settle(() => {
      assertUserId('MemoryStateStore.get', userId);
      const state = this.#live(userId, this.#tick());
      if (state !== undefined) {
        this.#states.delete(userId);
        this.#states.set(userId, state);
      }
      return state;
    });
  }

  /**
   * Applies a pure update to a user's state atomically and stores the result; the TTL starts again.
   *
   * @param userId - the user's id: a non-empty, well-formed string of at most 1,024 characters
   * @param fn - the pure update, called with the stored state or `undefined`
   * @returns the state written
   * @throws RebalanceError with code `request` for a malformed user id or `fn`, `state` when
   *   `fn`'s result is not a valid state; whatever `fn` throws, unchanged
   */
  update(userId: string, fn: StateUpdate): Promise<UserState> {
    return settle(() => {
      const api = 'MemoryStateStore.update';
      assertUserId(api, userId);
      checkUpdateFn(api, fn);
      const now = this.#tick();
      const before = this.#live(userId, now);
      const next = fn(before);
      checkUpdateResult(api, next);
      const state = parseState(next, api);
      this.#write(userId, state, now);
      notifyWrite(this.#onWrite, before, state);
      return state;
    });
  }

  /**
   * Folds impressions and feedback events into a user's state at once, with the `rebalancer`
   * option's `observe`, atomically like `update`; the TTL starts again.
   *
   * @param userId - the user's id: a non-empty, well-formed string of at most 1,024 characters
   * @param events - one event or a list of them, exactly as `rb.observe` accepts them
   * @param options - the events' source and offsets, given to `observe` (events at or below the
   *   source's high-water mark are skipped)
   * @returns once the events are folded in
   * @throws RebalanceError with code `request` for a malformed user id, `impression` for a
   *   malformed event (path `events[i]…`, nothing folded) or more than `maxAppendEvents` events,
   *   `argument` when the store has no `rebalancer` or `options` are malformed
   */
  append(
    userId: string,
    events: ObserveEvent | readonly ObserveEvent[],
    options?: DeliveryOptions,
  ): Promise<void> {
    return settle(() => {
      const api = 'MemoryStateStore.append';
      assertUserId(api, userId);
      const folder = needFolder(api, this.#folder);
      const list = eventList(api, events, this.#maxAppendEvents);
      if (list.length === 0) return;
      // Events that may be skipped as already applied are checked on an empty state first, so
      // that a malformed one is refused even then; otherwise the fold itself checks them all.
      const checked = !foldsEvery(list, options);
      if (checked) readEvents(api, folder, list, this.#maxAppendEvents, options);
      const now = this.#tick();
      const before = this.#live(userId, now);
      const base = before ?? folder.emptyState();
      let state: UserState;
      try {
        state =
          options === undefined ? folder.observe(base, list) : folder.observe(base, list, options);
      } catch (error) {
        // Validated above when checked, so observe cannot refuse them then.
        throw checked ? error : readdressed(api, error);
      }
      if (state === before) return;
      this.#write(userId, state, now);
      notifyWrite(this.#onWrite, before, state);
    });
  }

  /**
   * Erases a user's state at once (for example on an erasure request).
   *
   * @param userId - the user's id: a non-empty, well-formed string of at most 1,024 characters
   * @returns whether a state was erased
   * @throws RebalanceError with code `request` for a malformed user id
   */
  delete(userId: string): Promise<boolean> {
    return settle(() => {
      assertUserId('MemoryStateStore.delete', userId);
      this.#tick();
      const before = this.#states.get(userId);
      const erased = this.#remove(userId);
      if (erased) notifyWrite(this.#onWrite, before, undefined);
      return erased;
    });
  }

  /** Stores a state as the user's most recent, with a fresh TTL, and evicts beyond `maxUsers`. */
  #write(userId: string, state: UserState, now: number): void {
    this.#states.delete(userId);
    this.#states.set(userId, state);
    this.#expiry.delete(userId);
    this.#expiry.set(userId, now + this.#ttlMs);
    if (this.#states.size > this.#maxUsers) this.#remove(this.#states.keys().next().value!);
  }

  /** Reads the clock and removes the expired prefix of `#expiry`. */
  #tick(): number {
    const now = this.#now();
    if (typeof now !== 'number' || !Number.isFinite(now)) {
      failInput(
        'argument',
        'MemoryStateStore',
        'now',
        'must return a finite number of milliseconds',
        now,
      );
    }
    for (const [userId, expiresAt] of this.#expiry) {
      if (expiresAt > now) break;
      this.#remove(userId);
    }
    return now;
  }

  /** The user's state unless it has expired (an expired one is removed on the way). */
  #live(userId: string, now: number): UserState | undefined {
    const expiresAt = this.#expiry.get(userId);
    if (expiresAt === undefined) return undefined;
    if (expiresAt > now) return this.#states.get(userId);
    this.#remove(userId);
    return undefined;
  }

  #remove(userId: string): boolean {
    this.#expiry.delete(userId);
    return this.#states.delete(userId);
  }
}

/** Runs `body` now, turning its result or its exception into a settled promise. */
function settle<T>(body: () => T): Promise<T> {
  return new Promise<T>((resolve) => {
    resolve(body());
  });
}
