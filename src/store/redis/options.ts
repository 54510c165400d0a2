import type { Cluster, Redis } from 'ioredis';
import { RebalanceError } from '../../errors/RebalanceError.js';
import { describeValue } from '../../errors/describe.js';
import type { UserState } from '../../exposure/types.js';
import { readFolder } from '../appendEvents.js';
import type { EventFolder } from '../types.js';
import { readWriteListener, type WriteListener } from '../writeListener.js';
import { systemRandom } from './queueDelay.js';
import { REDIS_STORE_DEFAULTS as D } from './defaults.js';

/**
 * Options of {@link RedisStateStore}.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { RedisStateStore, type RedisStateStoreOptions } from 'feed-rebalancer/redis';
 * const rebalancer = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const client = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
 * const options: RedisStateStoreOptions = { client, rebalancer, prefix: 'feed:state:', ttlSeconds: 7 * 86_400 };
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
   * The rebalancer that folds appended events into states (its `observe` and `emptyState`).
   * `append` needs it, and so do `get` and `update` of a user with pending events. Give every
   * replica one with the same taxonomy and policy.
   * @defaultValue undefined (no `append`)
   */
  readonly rebalancer?: EventFolder;
  /**
   * Prefix of every key, without `{` or `}`: a user's keys are the prefix, the SHA-256 of the
   * user id in braces, and a suffix.
   * @defaultValue 'feed-rebalancer:state:'
   */
  readonly prefix?: string;
  /**
   * How long a state and its pending events live after the user's last write (update, append
   * or fold), in whole seconds.
   * @defaultValue 2_592_000 (30 days; see docs/privacy.md)
   */
  readonly ttlSeconds?: number;
  /**
   * How many users' states to keep parsed in this process, with their JSON and version token:
   * an update of such a user sends its write at once, one round trip, and a read that returns
   * the same JSON skips parsing it. Redis stays the authority — an entry is used only when Redis
   * confirms its token or returns the same bytes. 0 turns it off; it never holds user ids.
   * @defaultValue 1000
   */
  readonly cacheSize?: number;
  /**
   * Most events in one `append`.
   * @defaultValue 1_000
   */
  readonly maxAppendEvents?: number;
  /**
   * Most bytes of one append as stored (its events as compact JSON, embeddings left out).
   * @defaultValue 65_536
   */
  readonly maxAppendBytes?: number;
  /**
   * An append after which the pending log holds a multiple of this many entries folds the log
   * into the state before it resolves.
   * @defaultValue 16
   */
  readonly foldEvery?: number;
  /**
   * Most entries in a user's pending log: an append to a full log fails with code `state`
   * rather than drop anything. Only folds that keep failing fill it.
   * @defaultValue 256
   */
  readonly maxPendingEntries?: number;
  /**
   * How long the per-user update lease lasts, in ms, when its holder does not release it (a
   * crashed process).
   * @defaultValue 1_000
   */
  readonly leaseMs?: number;
  /**
   * How long an update may wait in the per-user queue for the lease before it fails with code
   * `conflict` (nothing written).
   * @defaultValue 10_000
   */
  readonly maxWaitMs?: number;
  /**
   * Uniform numbers on [0, 1) for the jitter of waits; pass a seeded generator for reproducible
   * timing in tests.
   * @defaultValue the operating system's generator (`crypto.randomInt`)
   */
  readonly random?: () => number;
  /**
   * Called once after each write this store makes, with the state it replaced (`undefined` for
   * a user without one) and the state written (`undefined` when `delete` erased it): every
   * `update`, every fold of the pending log that an `append` starts and wins, every `delete`
   * that found a state. A fold that is only read (`get`) or a write that loses its
   * check-and-set is not a write and is not reported, so that across replicas each stored state
   * is reported once, by the replica that wrote it. For counters and audits of level changes;
   * it must be quick and must not throw (an exception is dropped: the write stands).
   * @defaultValue undefined (nothing is called)
   */
  readonly onWrite?: (before: UserState | undefined, after: UserState | undefined) => void;
}

/** The options with every default filled in and every value checked. @internal */
export interface ResolvedRedisStoreOptions {
  readonly client: Redis | Cluster;
  readonly folder: EventFolder | undefined;
  readonly prefix: string;
  /** The TTL in seconds, as sent. */
  readonly ttl: string;
  readonly cacheSize: number;
  readonly maxAppendEvents: number;
  readonly maxAppendBytes: number;
  readonly foldEvery: number;
  readonly maxPendingEntries: number;
  readonly leaseMs: number;
  readonly maxWaitMs: number;
  readonly random: () => number;
  readonly onWrite: WriteListener | undefined;
}

const COMMANDS = ['evalsha', 'eval', 'del'] as const;
const MAX_PREFIX_LENGTH = 256;

/**
 * Checks the options of {@link RedisStateStore} and fills in the defaults.
 *
 * @param options - what the caller passed
 * @returns the resolved options
 * @throws RebalanceError with code `argument` and the option as path
 * @internal
 */
export function resolveRedisStoreOptions(options: unknown): ResolvedRedisStoreOptions {
  if (typeof options !== 'object' || options === null) {
    invalid('options', 'must be an object with a client', options);
  }
  const o = options as RedisStateStoreOptions;
  const commands = o.client as unknown as Record<string, unknown> | null;
  if (typeof commands !== 'object' || commands === null) {
    invalid('client', 'must be an ioredis client', o.client);
  }
  for (const name of COMMANDS) {
    if (typeof commands[name] !== 'function') {
      invalid('client', `must be an ioredis client (it has no ${name} method)`, o.client);
    }
  }
  const prefix = o.prefix ?? D.prefix;
  if (typeof prefix !== 'string' || prefix.length > MAX_PREFIX_LENGTH || /[{}]/.test(prefix)) {
    invalid(
      'prefix',
      `must be a string of at most ${MAX_PREFIX_LENGTH} characters without { or } (the store puts its own cluster hash tag after it)`,
      prefix,
    );
  }
  const ttlSeconds = o.ttlSeconds ?? D.ttlSeconds;
  integer('ttlSeconds', ttlSeconds, 1, Number.MAX_SAFE_INTEGER);
  const random = o.random ?? systemRandom;
  if (typeof random !== 'function') invalid('random', 'must be a function', random);
  return {
    client: o.client,
    folder: readFolder('RedisStateStore', o.rebalancer),
    prefix,
    ttl: String(ttlSeconds),
    cacheSize: integer('cacheSize', o.cacheSize ?? D.cacheSize, 0, 1_000_000),
    maxAppendEvents: integer('maxAppendEvents', o.maxAppendEvents ?? D.maxAppendEvents, 1, 100_000),
    maxAppendBytes: integer('maxAppendBytes', o.maxAppendBytes ?? D.maxAppendBytes, 64, 2 ** 26),
    foldEvery: integer('foldEvery', o.foldEvery ?? D.foldEvery, 1, 100_000),
    maxPendingEntries: integer(
      'maxPendingEntries',
      o.maxPendingEntries ?? D.maxPendingEntries,
      1,
      1_000_000,
    ),
    leaseMs: integer('leaseMs', o.leaseMs ?? D.leaseMs, 10, 600_000),
    maxWaitMs: integer('maxWaitMs', o.maxWaitMs ?? D.maxWaitMs, 0, 3_600_000),
    random,
    onWrite: readWriteListener('RedisStateStore', o.onWrite),
  };
}

function integer(name: string, value: unknown, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    invalid(name, `must be an integer from ${min} to ${max}`, value);
  }
  return value as number;
}

function invalid(name: string, rule: string, value: unknown): never {
  throw new RebalanceError(
    'argument',
    `RedisStateStore: ${name} ${rule} (got ${describeValue(value)})`,
    name,
  );
}
