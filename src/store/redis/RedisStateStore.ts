import { randomBytes } from 'node:crypto';
import type { UserState } from '../../exposure/types.js';
import type { ObserveEvent } from '../../exposure/types.js';
import type { DeliveryOptions } from '../../delivery/types.js';
import { parseState } from '../../exposure/stateShape.js';
import { needFolder } from '../appendEvents.js';
import { checkUpdateFn } from '../checkUpdate.js';
import type { StateStore, StateUpdate } from '../types.js';
import { assertUserId } from '../userId.js';
import { notifyWrite } from '../writeListener.js';
import { foldEntries } from './foldEntries.js';
import { LogAppender } from './LogAppender.js';
import { resolveRedisStoreOptions, type ResolvedRedisStoreOptions } from './options.js';
import type { RedisStateStoreOptions } from './options.js';
import { ParsedStates, type StoredReply } from './ParsedStates.js';
import { runScript, type Commands } from './runScript.js';
import { ERASE, READ } from './scripts.js';
import { AppendQueue } from './AppendQueue.js';
import {
  SOURCED_APPEND,
  STORED_APPEND,
  type PreparedAppends,
  type SourcedEntry,
  type Stored,
} from './storedAppend.js';
import { userKeyMemo } from './UserKeyMemo.js';
import { UserWrites } from './UserWrites.js';
import { writeState, type WriteContext } from './writeState.js';

/**
 * A {@link StateStore} in Redis or Redis Cluster, for services with many replicas: any replica
 * can serve any request of a user, and concurrent writers of one user lose nothing.
 *
 * Each user has a few keys in one cluster slot (docs/ingestion.md): the state (its JSON and a
 * version token), the pending log of appended events, and the lease and queue of contended
 * updates. Keys hold the SHA-256 of the id, never the id (docs/privacy.md).
 *
 * - `append` pushes events onto the pending log in one round trip, with no read and so no
 *   conflict; every `foldEvery`-th entry folds the log into the state.
 * - `get` reads state and log in one atomic step and folds the log in memory.
 * - `update` folds the log, applies `fn` and writes with a check-and-set that removes exactly
 *   the entries folded, in one atomic step. It starts from the state this replica last saw (one
 *   round trip when nobody else wrote). A writer that loses a race queues for a per-user lease
 *   and writes when its turn comes; `conflict` only after `maxWaitMs` in the queue.
 *
 * Every state read back is validated (`parseState`), and a result of `fn` that is not a valid
 * state is never written. `onWrite` hears of each state this replica writes or erases, once;
 * folds that `get` makes, or that lose the check-and-set, are not writes.
 *
 * Failures: a command that fails (connection refused or lost, timeout, server error) rejects with
 * code `store`, the client's error as `cause`. A `store` error from `update` or `append` does not
 * say whether the write landed (the reply may be what was lost); an append retried after one may
 * be stored twice. Create the client with `enableOfflineQueue: false` and
 * `maxRetriesPerRequest: 0` so that commands fail at once while Redis is down rather than
 * waiting in ioredis's queues; it keeps reconnecting in the background, and the store works again
 * as soon as Redis is back. Add `commandTimeout` to bound a hung server. Error messages never
 * contain the user id.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { RedisStateStore } from 'feed-rebalancer/redis';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const client = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
 * const store = new RedisStateStore({ client, rebalancer: rb });
 * await store.append('user-1', { item: { id: 'v1', hashtags: ['#thinspo'] }, at: Date.now() });
 * const state = await store.get('user-1');
 * ```
 */
export class RedisStateStore implements StateStore {
  readonly #options: ResolvedRedisStoreOptions;
  readonly #client: Commands;
  /** Makes tokens and entry ids unique across processes: 72 random bits, then a counter. */
  readonly #tokenBase = `${randomBytes(9).toString('base64url')}.`;
  #tokens = 0;
  /** The writes of each user from this store, one after the other. */
  readonly #writes = new UserWrites();
  readonly #parsed: ParsedStates;
  readonly #context: WriteContext;
  readonly #appends: AppendQueue;
  readonly #log: LogAppender;

  /**
   * @param options - the client, the rebalancer, key prefix, retention and bounds
   * @throws RebalanceError with code `argument` for a missing client or an option out of range
   */
  constructor(options: RedisStateStoreOptions) {
    this.#options = resolveRedisStoreOptions(options);
    this.#client = this.#options.client;
    this.#parsed = new ParsedStates(this.#options.cacheSize);
    this.#appends = AppendQueue.of(this.#client);
    this.#context = {
      options: this.#options,
      client: this.#client,
      parsed: this.#parsed,
      appends: this.#appends,
      token: () => this.#tokenBase + (this.#tokens++).toString(36),
      keys: userKeyMemo(this.#options.prefix),
    };
    this.#log = new LogAppender(this.#context, this.#writes);
  }

  /**
   * Reads a user's state, with the pending events folded in (the TTL is left as it is, and
   * nothing is written).
   *
   * @param userId - the user's id: a non-empty, well-formed string of at most 1,024 characters
   * @returns the stored state, or `undefined` when there is none
   * @throws RebalanceError with code `request` for a malformed user id, `state` for a stored
   *   state or pending event that fails validation, `argument` when there are pending events
   *   and the store has no rebalancer, `store` when Redis cannot be reached
   */
  async get(userId: string): Promise<UserState | undefined> {
    const api = 'RedisStateStore.get';
    assertUserId(api, userId);
    const keys = this.#context.keys.get(userId);
    this.#appends.flush();
    const reply = await runScript(this.#client, api, READ, [keys.state, keys.log], []);
    const previous = this.#parsed.snapshot(keys.state);
    const stored = this.#parsed.read(api, keys.state, reply as StoredReply);
    if (stored.entries.length === 0) return stored.state;
    // Fold only what was appended since this replica last folded the user's log.
    const start = this.#parsed.folding(previous, stored);
    const folder = needFolder(api, this.#options.folder);
    const folded = foldEntries(api, folder, start.state, stored.entries, start.from);
    this.#parsed.remember(keys.state, { ...stored, folded });
    return folded;
  }

  /**
   * Applies a pure update to a user's state, pending events folded in first, atomically, and
   * stores the result, refreshing the TTL.
   *
   * @param userId - the user's id: a non-empty, well-formed string of at most 1,024 characters
   * @param fn - the pure update, called with the stored state (pending events folded in) or
   *   `undefined`; again when another writer got in first
   * @returns the state written
   * @throws RebalanceError with code `request` for a malformed user id or `fn`, `state` when
   *   the stored state, a pending event or `fn`'s result is not valid, `argument` when there are
   *   pending events and the store has no rebalancer, `conflict` when the update waited
   *   `maxWaitMs` for its turn (nothing written), `store` when Redis cannot be reached (the write
   *   may or may not have landed); whatever `fn` throws, unchanged
   */
  update(userId: string, fn: StateUpdate): Promise<UserState> {
    const api = 'RedisStateStore.update';
    return new Promise<UserState>((resolve) => {
      assertUserId(api, userId);
      checkUpdateFn(api, fn);
      const keys = this.#context.keys.get(userId);
      this.#appends.flush();
      resolve(this.#writes.run(keys, () => writeState(this.#context, api, keys, fn)));
    });
  }

  /**
   * Appends impressions and feedback events to the user's pending log in one round trip: no
   * read, no retry, no conflict. The events are validated first by the rebalancer, exactly as
   * `observe` reads them, and stored as one entry, in order. When the log then holds a multiple
   * of `foldEvery` entries, this call also folds it into the state before it resolves (a fold
   * that fails or loses a race is left to the next one: the events stay in the log).
   *
   * @param userId - the user's id: a non-empty, well-formed string of at most 1,024 characters
   * @param events - one event or a list of them, exactly as `rb.observe` accepts them
   * @param options - the events' source and offsets, stored with them and given to `observe`
   *   when the log is folded (events at or below the source's high-water mark are skipped then)
   * @returns once Redis has stored the events
   * @throws RebalanceError with code `request` for a malformed user id, `impression` for a
   *   malformed event (path `events[i]…`), more than `maxAppendEvents` events or more than
   *   `maxAppendBytes` bytes (nothing stored), `argument` when the store has no rebalancer,
   *   `state` when the log is full (`maxPendingEntries`, nothing stored), `store` when Redis
   *   cannot be reached (the events may or may not have been stored)
   */
  append(
    userId: string,
    events: ObserveEvent | readonly ObserveEvent[],
    options?: DeliveryOptions,
  ): Promise<void> {
    return this.#log
      .append('RedisStateStore.append', userId, events, options)
      .then(({ folded }) => folded);
  }

  /**
   * `append` that resolves once Redis has stored the events, with the fold it set off (if any)
   * still running in `folded`: what a stream consumer acknowledges on.
   *
   * @internal
   */
  [STORED_APPEND](
    userId: string,
    events: ObserveEvent | readonly ObserveEvent[],
    options?: DeliveryOptions,
  ): Promise<Stored> {
    return this.#log.append('RedisStateStore.append', userId, events, options);
  }

  /**
   * The stored-only appends of a batch read from one ordered source: what a stream consumer
   * appends its batch with (see `SourcedAppend`).
   *
   * @internal
   */
  [SOURCED_APPEND](source: string, entries: readonly SourcedEntry[]): PreparedAppends {
    return this.#log.sourced(source, entries);
  }

  /**
   * Erases a user's state and pending events at once (and reports the erased state to
   * `onWrite`).
   *
   * @param userId - the user's id: a non-empty, well-formed string of at most 1,024 characters
   * @returns whether there was a state or pending events to erase
   * @throws RebalanceError with code `request` for a malformed user id, `store` when Redis
   *   cannot be reached
   */
  async delete(userId: string): Promise<boolean> {
    const api = 'RedisStateStore.delete';
    assertUserId(api, userId);
    const keys = this.#context.keys.get(userId);
    // Forgotten first, so that even a failed erasure leaves nothing of the user here.
    const remembered = this.#parsed.snapshot(keys.state);
    this.#parsed.forget(keys.state);
    this.#context.keys.forget(userId);
    this.#appends.flush();
    // One script, two keys of one slot: both go in one atomic step.
    const [erased, json] = (await runScript(
      this.#client,
      api,
      ERASE,
      [keys.state, keys.log],
      [],
    )) as [number, string | null];
    if (json !== null && this.#options.onWrite !== undefined) {
      const before = remembered?.json === json ? remembered.state : erasedState(api, json);
      notifyWrite(this.#options.onWrite, before, undefined);
    }
    return erased > 0;
  }
}

/**
 * The state an erasure removed, for `onWrite`; `undefined` when it was not a valid state (an
 * erasure never depends on the data being valid).
 */
function erasedState(api: string, json: string): UserState | undefined {
  try {
    return parseState(json, api);
  } catch {
    return undefined;
  }
}
