import type { Cluster, Redis } from 'ioredis';
import { RebalanceError } from '../../../errors/RebalanceError.js';
import { describeValue } from '../../../errors/describe.js';
import type { StateStore } from '../../types.js';

/**
 * Options of {@link consumeImpressions}.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { RedisStateStore, type ConsumeImpressionsOptions } from 'feed-rebalancer/redis';
 * const rebalancer = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const store = new RedisStateStore({ client: new Redis(), rebalancer });
 * const options: ConsumeImpressionsOptions = {
 *   client: new Redis(), // its own connection: reads block it
 *   streams: ['impressions{0}', 'impressions{1}'],
 *   group: 'feed-rebalancer',
 *   consumer: 'host-1',
 *   store,
 * };
 * ```
 */
export interface ConsumeImpressionsOptions {
  /**
   * A connected ioredis client (`Redis` or `Cluster`) for the stream commands, not shared with
   * the store: a blocking read holds its connection. The consumer never closes it.
   */
  readonly client: Redis | Cluster;
  /** One stream key; give `streams` instead for several. */
  readonly stream?: string;
  /** The stream keys, as producers pick them with `pickStream` (same list, same order). */
  readonly streams?: readonly string[];
  /** The consumer group, created at the start of each stream's history when it is missing. */
  readonly group: string;
  /** This consumer's name in the group, unique among running consumers (a host name). */
  readonly consumer: string;
  /** The store the events are appended to, with the stream key as source and entry ids as offsets. */
  readonly store: StateStore;
  /**
   * Entries read (or claimed) per batch.
   * @defaultValue 100
   */
  readonly batchSize?: number;
  /**
   * Most entries of one stream applied together. A consumer behind on a stream (its reads come
   * back full) goes on reading, `batchSize` at a time, and applies up to this many entries at
   * once, so that a user's events in the backlog are stored as one log entry and folded once,
   * instead of once per read. A read that comes back short (the consumer has caught up) applies
   * what was gathered at once, so gathering never holds an entry back while the stream is
   * quiet. At most 64 reads are gathered, and at most 1 Mi characters of entry fields, whatever
   * this allows. 1 applies every read on its own.
   * @defaultValue 5_000
   */
  readonly maxApplyEntries?: number;
  /**
   * How long a read waits for new entries when none are there (ms); also the longest a stop
   * waits for a read in flight.
   * @defaultValue 1_000
   */
  readonly blockMs?: number;
  /**
   * How long a stream's ownership lease lasts (ms) without renewal: a consumer that dies leaves
   * its streams to others after this. Must be more than twice `blockMs`.
   * @defaultValue 10_000
   */
  readonly leaseMs?: number;
  /**
   * Most streams this consumer owns at once; with fewer, other consumers take the rest.
   * @defaultValue Infinity (every stream it can get)
   */
  readonly maxStreams?: number;
  /**
   * Wait after a failed command before trying again (ms).
   * @defaultValue 500
   */
  readonly retryDelayMs?: number;
  /** Stops the consumer: it finishes the batch in flight, releases its streams and resolves. */
  readonly signal?: AbortSignal;
  /**
   * Called with each error the consumer recovers from: a `RebalanceError` with code `store`
   * (Redis unreachable; the batch is retried), or another code from the store's `append`.
   * @defaultValue undefined (errors are only counted)
   */
  readonly onError?: (error: unknown) => void;
  /**
   * Called with each entry moved to the dead-letter stream (`<stream>:dead`).
   * @defaultValue undefined (dead letters are only counted)
   */
  readonly onDeadLetter?: (entry: { stream: string; id: string; reason: string }) => void;
}

/**
 * What a consumer did, when it stopped.
 *
 * @example
 * ```ts
 * import type { ConsumeImpressionsStats } from 'feed-rebalancer/redis';
 * const report = (s: ConsumeImpressionsStats) => `${s.entries} entries, ${s.deadLetters} dead letters`;
 * ```
 */
export interface ConsumeImpressionsStats {
  /** Entries acknowledged after their events were appended (redeliveries included). */
  readonly entries: number;
  /** Entries moved to a dead-letter stream. */
  readonly deadLetters: number;
  /** Errors recovered from (each also given to `onError`). */
  readonly errors: number;
  /** Times this consumer took over a stream. */
  readonly takeovers: number;
}

/** Options with every default applied. @internal */
export interface ResolvedConsumeOptions {
  readonly client: Redis | Cluster;
  readonly streams: readonly string[];
  readonly group: string;
  readonly consumer: string;
  readonly store: StateStore;
  readonly batchSize: number;
  readonly maxApplyEntries: number;
  readonly blockMs: number;
  readonly leaseMs: number;
  readonly maxStreams: number;
  readonly retryDelayMs: number;
  readonly signal: AbortSignal | undefined;
  readonly onError: (error: unknown) => void;
  readonly onDeadLetter: (entry: { stream: string; id: string; reason: string }) => void;
}

const API = 'consumeImpressions';

/**
 * Checks the options and applies the defaults.
 *
 * @throws RebalanceError with code `argument` and the option's name as path
 * @internal
 */
export function resolveConsumeOptions(options: ConsumeImpressionsOptions): ResolvedConsumeOptions {
  if (typeof options !== 'object' || (options as unknown) === null)
    fail('options', 'must be an object', options);
  const { client, stream, streams, group, consumer, store } = options;
  if (typeof client !== 'object' || client === null || typeof client.call !== 'function')
    fail('client', 'must be an ioredis Redis or Cluster client', client);
  const list = streams ?? (stream === undefined ? undefined : [stream]);
  if ((streams === undefined) === (stream === undefined))
    fail('streams', 'must be given, or else stream, but not both', streams);
  if (!Array.isArray(list) || list.length === 0 || list.length > 1_024)
    fail('streams', 'must hold 1 to 1,024 stream keys', list);
  const seen = new Set<string>();
  for (const [i, s] of (list as unknown[]).entries()) {
    if (typeof s !== 'string' || s.length === 0 || s.length > 256 || seen.has(s))
      fail(`streams[${i}]`, 'must be a unique, non-empty stream key of at most 256 characters', s);
    seen.add(s);
  }
  for (const [name, value] of [
    ['group', group],
    ['consumer', consumer],
  ] as const)
    if (typeof value !== 'string' || value.length === 0 || value.length > 256)
      fail(name, 'must be a string of 1 to 256 characters', value);
  if (typeof store !== 'object' || store === null || typeof store.append !== 'function')
    fail('store', 'must be a StateStore', store);
  const batchSize = integer('batchSize', options.batchSize ?? 100, 1, 10_000);
  const maxApplyEntries = integer('maxApplyEntries', options.maxApplyEntries ?? 5_000, 1, 100_000);
  const blockMs = integer('blockMs', options.blockMs ?? 1_000, 1, 60_000);
  const leaseMs = integer('leaseMs', options.leaseMs ?? 10_000, 100, 3_600_000);
  if (leaseMs <= 2 * blockMs)
    fail('leaseMs', `must be more than twice blockMs (${blockMs})`, leaseMs);
  const maxStreams = options.maxStreams ?? Infinity;
  if (maxStreams !== Infinity) integer('maxStreams', maxStreams, 1, 1_024);
  const retryDelayMs = integer('retryDelayMs', options.retryDelayMs ?? 500, 0, 60_000);
  const { signal, onError, onDeadLetter } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal))
    fail('signal', 'must be an AbortSignal', signal);
  for (const [name, fn] of [
    ['onError', onError],
    ['onDeadLetter', onDeadLetter],
  ] as const)
    if (fn !== undefined && typeof fn !== 'function') fail(name, 'must be a function', fn);
  return {
    client,
    streams: list as readonly string[],
    group,
    consumer,
    store,
    batchSize,
    maxApplyEntries,
    blockMs,
    leaseMs,
    maxStreams,
    retryDelayMs,
    signal,
    onError: onError ?? ignore,
    onDeadLetter: onDeadLetter ?? ignore,
  };
}

function ignore(): void {}

function integer(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    fail(name, `must be an integer from ${min} to ${max}`, value);
  return value;
}

function fail(path: string, rule: string, value: unknown): never {
  throw new RebalanceError(
    'argument',
    `${API}: ${path} ${rule} (got ${describeValue(value)})`,
    path,
  );
}
