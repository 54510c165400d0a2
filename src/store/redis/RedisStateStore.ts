import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster, Redis } from 'ioredis';
import { RebalanceError } from '../../errors/RebalanceError.js';
import { describeValue } from '../../errors/describe.js';
import { parseState, serializeState } from '../../exposure/stateShape.js';
import type { UserState } from '../../exposure/types.js';
import { checkUpdateFn, checkUpdateResult } from '../checkUpdate.js';
import type { StateStore, StateUpdate } from '../types.js';
import { assertUserId } from '../userId.js';
import { backoffDelay, systemRandom } from './backoff.js';
import { REDIS_STORE_DEFAULTS } from './defaults.js';
import { CHECK_AND_SET_SCRIPT, CHECK_AND_SET_SHA, isNoScriptError } from './script.js';
import { ParsedStates, type Snapshot } from './ParsedStates.js';
import { userKey } from './userKey.js';

/**
 * Options of {@link RedisStateStore}.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { RedisStateStore, type RedisStateStoreOptions } from 'feed-rebalancer/redis';
 * const client = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
 * const options: RedisStateStoreOptions = { client, prefix: 'feed:state:', ttlSeconds: 7 * 86_400 };
 * const store = new RedisStateStore(options);
 * ```
 */
export interface RedisStateStoreOptions {
  /**
   * A connected ioredis client (`Redis` or `Cluster`); the store never closes it. For requests to
   * fail fast while Redis is unreachable instead of queueing, create it with
   * `enableOfflineQueue: false` and `maxRetriesPerRequest: 0` (see the class documentation).
   */
  readonly client: Redis | Cluster;
  /**
   * Prefix of every key; a user's key is the prefix and the SHA-256 of the user id.
   * @defaultValue 'feed-rebalancer:state:'
   */
  readonly prefix?: string;
  /**
   * How long a state lives after its last update, in whole seconds; every write refreshes it.
   * @defaultValue 2_592_000 (30 days; see docs/privacy.md)
   */
  readonly ttlSeconds?: number;
  /**
   * Retries of an update whose state another writer changed between read and write; when they
   * run out the update fails with code `conflict`.
   * @defaultValue 10
   */
  readonly maxRetries?: number;
  /**
   * Uniform numbers on [0, 1) for the retry jitter; pass a seeded generator for reproducible
   * timing in tests.
   * @defaultValue the operating system's generator (`crypto.randomInt`)
   */
  readonly random?: () => number;
  /**
   * How many users' states to keep parsed in this process, with their JSON: when Redis returns
   * exactly the JSON this replica last read or wrote for a user, the state validated from it
   * then is reused rather than parsed and validated again (parsing costs more than the two
   * round trips on a local network). Redis stays the authority — an entry is used only on an
   * exact match with what was just read. 0 turns it off; it never holds user ids.
   * @defaultValue 1000
   */
  readonly cacheSize?: number;
}

/** The few commands the store sends, typed as it uses them. */
interface Commands {
  hget(key: string, field: string): Promise<string | null>;
  hmget(key: string, ...fields: string[]): Promise<(string | null)[]>;
  evalsha(sha: string, keys: number, ...args: string[]): Promise<unknown>;
  eval(script: string, keys: number, ...args: string[]): Promise<unknown>;
  del(key: string): Promise<number>;
}

const COMMANDS: readonly (keyof Commands)[] = ['hget', 'hmget', 'evalsha', 'eval', 'del'];
const MAX_PREFIX_LENGTH = 256;
const MAX_RETRIES_LIMIT = 1_000;
const MAX_CACHE_SIZE = 1_000_000;

/**
 * A {@link StateStore} in Redis, for services with many replicas: any replica can serve any
 * request of a user, and concurrent requests for one user lose no impression.
 *
 * Each user has one key (the prefix and the SHA-256 of the id — see docs/privacy.md), a hash of
 * the state's JSON and a version token. `update` is optimistic: it reads both, applies `fn`, and
 * writes with a Lua script that checks the token and sets state, token and TTL in one atomic
 * step. A user this replica read or wrote recently (see `cacheSize`) skips the read: the update
 * starts from the remembered state, and if that is stale the script answers with the stored one
 * and `fn` runs again on it. When another writer got in after a fresh read, it waits a jittered,
 * exponentially growing delay and tries again, at most `maxRetries` times, then fails with code
 * `conflict`. Every state read back
 * is validated (`parseState`), and a result of `fn` that is not a valid state is never written.
 *
 * Failures: a command that fails (connection refused or lost, timeout, server error) rejects with
 * code `store`, the client's error as `cause`. A `store` error from `update` does not say whether
 * the write landed (the reply may be what was lost), as with any remote write. Create the client
 * with `enableOfflineQueue: false` and `maxRetriesPerRequest: 0` so that commands fail at once
 * while Redis is down rather than waiting in ioredis's queues; it keeps reconnecting in the
 * background, and the store works again as soon as Redis is back. Add `commandTimeout` to bound a
 * hung server. Error messages never contain the user id.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { RedisStateStore } from 'feed-rebalancer/redis';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const client = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
 * const store = new RedisStateStore({ client });
 * const shown = { item: { id: 'v1', hashtags: ['#thinspo'] }, at: Date.now() };
 * const state = await store.update('user-1', (s) => rb.observe(s ?? rb.emptyState(), shown));
 * ```
 */
export class RedisStateStore implements StateStore {
  readonly #client: Commands;
  readonly #prefix: string;
  readonly #ttl: string;
  readonly #maxRetries: number;
  readonly #random: () => number;
  /** Makes version tokens unique across processes: 72 random bits, then a per-store counter. */
  readonly #tokenBase = `${randomBytes(9).toString('base64url')}.`;
  #writes = 0;
  /** Per key, the settling of the last update of that user queued in this process. */
  readonly #pending = new Map<string, Promise<void>>();
  readonly #parsed: ParsedStates;

  /**
   * @param options - the client, key prefix, retention and retry policy
   * @throws RebalanceError with code `argument` for a missing client or an option out of range
   */
  constructor(options: RedisStateStoreOptions) {
    if (typeof options !== 'object' || options === null) {
      invalid('options', 'must be an object with a client', options);
    }
    const {
      client,
      prefix = REDIS_STORE_DEFAULTS.prefix,
      ttlSeconds = REDIS_STORE_DEFAULTS.ttlSeconds,
      maxRetries = REDIS_STORE_DEFAULTS.maxRetries,
      random = systemRandom,
      cacheSize = REDIS_STORE_DEFAULTS.cacheSize,
    } = options;
    const commands = client as unknown as Record<string, unknown> | null;
    if (typeof commands !== 'object' || commands === null) {
      invalid('client', 'must be an ioredis client', client);
    }
    for (const name of COMMANDS) {
      if (typeof commands[name] !== 'function') {
        invalid('client', `must be an ioredis client (it has no ${name} method)`, client);
      }
    }
    if (typeof prefix !== 'string' || prefix.length > MAX_PREFIX_LENGTH) {
      invalid('prefix', `must be a string of at most ${MAX_PREFIX_LENGTH} characters`, prefix);
    }
    if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1) {
      invalid('ttlSeconds', 'must be a positive integer', ttlSeconds);
    }
    if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
      invalid('maxRetries', `must be an integer from 0 to ${MAX_RETRIES_LIMIT}`, maxRetries);
    }
    if (typeof random !== 'function') invalid('random', 'must be a function', random);
    if (!Number.isInteger(cacheSize) || cacheSize < 0 || cacheSize > MAX_CACHE_SIZE) {
      invalid('cacheSize', `must be an integer from 0 to ${MAX_CACHE_SIZE}`, cacheSize);
    }
    this.#client = client;
    this.#prefix = prefix;
    this.#ttl = String(ttlSeconds);
    this.#maxRetries = maxRetries;
    this.#random = random;
    this.#parsed = new ParsedStates(cacheSize);
  }

  /**
   * Reads a user's state (the TTL is left as it is).
   *
   * @param userId - the user's id: a non-empty, well-formed string of at most 1,024 characters
   * @returns the stored state, or `undefined` when there is none
   * @throws RebalanceError with code `request` for a malformed user id,
   *   `state` for a stored state that fails validation, `store` when Redis cannot be reached
   */
  async get(userId: string): Promise<UserState | undefined> {
    const api = 'RedisStateStore.get';
    assertUserId(api, userId);
    const key = userKey(this.#prefix, userId);
    const [token = null, json = null] = await this.#send(api, () =>
      this.#client.hmget(key, 'v', 's'),
    );
    return this.#read(key, token ?? '', json, api).state;
  }

  /**
   * Applies a pure update to a user's state atomically and stores the result, refreshing the TTL.
   *
   * @param userId - the user's id: a non-empty, well-formed string of at most 1,024 characters
   * @param fn - the pure update, called with the stored state or `undefined` (again after a
   *   lost race)
   * @returns the state written
   * @throws RebalanceError with code `request` for a malformed user id or `fn`, `state` when
   *   the stored state or `fn`'s result is not a valid state,
   *   `conflict` when other writers won every attempt (nothing written), `store` when Redis
   *   cannot be reached (the write may or may not have landed); whatever `fn` throws, unchanged
   */
  update(userId: string, fn: StateUpdate): Promise<UserState> {
    const api = 'RedisStateStore.update';
    return new Promise<UserState>((resolve) => {
      assertUserId(api, userId);
      checkUpdateFn(api, fn);
      resolve(this.#enqueue(api, userKey(this.#prefix, userId), fn));
    });
  }

  /**
   * Runs an update after the pending ones of the same user in this process. They would only
   * make each other retry if they raced through Redis; the check-and-set still orders them
   * against other processes. An entry lives only while updates of the user are pending.
   */
  #enqueue(api: string, key: string, fn: StateUpdate): Promise<UserState> {
    const previous = this.#pending.get(key);
    const run = () => this.#checkAndSetLoop(api, key, fn);
    const result = previous === undefined ? run() : previous.then(run);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.#pending.set(key, settled);
    void settled.then(() => {
      if (this.#pending.get(key) === settled) this.#pending.delete(key);
    });
    return result;
  }

  /** Read, apply `fn`, check-and-set; again after a jittered wait while another writer wins. */
  async #checkAndSetLoop(api: string, key: string, fn: StateUpdate): Promise<UserState> {
    // Start from what this replica last saw: when nobody wrote since, one round trip does it.
    let from = this.#parsed.snapshot(key);
    let fresh = from === undefined;
    for (let conflicts = 0; ;) {
      if (from === undefined) {
        const [token = null, json = null] = await this.#send(api, () =>
          this.#client.hmget(key, 'v', 's'),
        );
        from = this.#read(key, token ?? '', json, api);
        fresh = true;
      }
      const next = fn(from.state);
      checkUpdateResult(api, next);
      // A state kept as it was is written back as the very JSON it was read from.
      const kept = next === from.state && from.json !== null;
      const state = kept ? next : parseState(next, api);
      const json = kept ? from.json! : serializeState(state);
      const token = this.#tokenBase + (this.#writes++).toString(36);
      const reply = await this.#checkAndSet(api, [key, from.token, token, json, this.#ttl]);
      const [current, stored = null] = Array.isArray(reply)
        ? (reply as [string, string | null])
        : [reply as string];
      if (current === token) {
        this.#parsed.remember(key, { token, json, state });
        return state;
      }
      // Not written. A snapshot from memory may just be out of date: try again at once from
      // the state the script returned. Losing to a write made after a fresh read is a
      // conflict: wait, then read again.
      if (fresh) {
        if (conflicts >= this.#maxRetries) {
          throw new RebalanceError(
            'conflict',
            `${api}: the state changed concurrently before each of ${conflicts + 1} attempts ` +
              `(maxRetries ${this.#maxRetries}); nothing was written`,
          );
        }
        conflicts += 1;
        // A retry from the state that beat this one would be stale by the end of the wait,
        // and under sustained contention would keep losing.
        await sleep(backoffDelay(conflicts - 1, this.#random));
        from = undefined;
      } else {
        from = this.#read(key, current, stored, api);
        fresh = true;
      }
    }
  }

  async delete(userId: string): Promise<boolean> {
    const api = 'RedisStateStore.delete';
    assertUserId(api, userId);
    const key = userKey(this.#prefix, userId);
    this.#parsed.forget(key);
    return (await this.#send(api, () => this.#client.del(key))) > 0;
  }

  /** What is stored as `json` under `token`: validated, or as validated from the same JSON before. */
  #read(key: string, token: string, json: string | null, api: string): Snapshot {
    if (json === null) return { token, json, state: undefined };
    const state = this.#parsed.lookup(key, json) ?? parseState(json, api);
    const snapshot = { token, json, state };
    this.#parsed.remember(key, snapshot);
    return snapshot;
  }

  async #checkAndSet(api: string, [key, ...args]: string[]): Promise<unknown> {
    try {
      return await this.#client.evalsha(CHECK_AND_SET_SHA, 1, key!, ...args);
    } catch (error) {
      if (!isNoScriptError(error)) throw storeError(api, error);
    }
    return this.#send(api, () => this.#client.eval(CHECK_AND_SET_SCRIPT, 1, key!, ...args));
  }

  /** Sends a command, turning any failure into a `store` error that wraps the cause. */
  async #send<T>(api: string, command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw storeError(api, error);
    }
  }
}

function storeError(api: string, cause: unknown): RebalanceError {
  const reason = cause instanceof Error ? cause.message.slice(0, 200) : describeValue(cause);
  return new RebalanceError('store', `${api}: the Redis command failed (${reason})`, undefined, {
    cause,
  });
}

function invalid(name: string, rule: string, value: unknown): never {
  throw new RebalanceError(
    'argument',
    `RedisStateStore: ${name} ${rule} (got ${describeValue(value)})`,
    name,
  );
}
