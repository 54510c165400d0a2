import { STORE_DEFAULTS } from '../defaults.js';

/**
 * Defaults of {@link RedisStateStore}, in one place.
 *
 * @internal
 */
export const REDIS_STORE_DEFAULTS = {
  /** Prefix of every key the store writes. */
  prefix: 'feed-rebalancer:state:',
  /** The same retention as the in-process store: 30 days after the last write. */
  ttlSeconds: STORE_DEFAULTS.ttlMs / 1000,
  /** Users whose parsed state is kept with its JSON, to skip parsing identical bytes again. */
  cacheSize: 1_000,
  /** Events in one append. */
  maxAppendEvents: STORE_DEFAULTS.maxAppendEvents,
  /**
   * Bytes of one append's log entry: a page of impressions with captions is a few KB; 64 KiB
   * bounds what one call adds to Redis's memory.
   */
  maxAppendBytes: 65_536,
  /**
   * An append that makes the log a multiple of this many entries folds it. Reads fold the log
   * in memory on every `get`, so a short log keeps the feed path cheap, and one fold per 16
   * appends adds one round trip per 16 (its write: the append's script answers its read).
   */
  foldEvery: 16,
  /**
   * Most entries a log may hold before appends are refused: 16 folds in a row must fail first,
   * and the log's memory stays bounded by maxPendingEntries × maxAppendBytes (16 MiB).
   */
  maxPendingEntries: 256,
  /**
   * How long a lease holds, in ms: far longer than one read, fold and write (a millisecond or
   * two), short enough that a crashed holder delays the queue only briefly.
   */
  leaseMs: 1_000,
  /**
   * How long an update may wait for the lease before it fails with code `conflict`: orders of
   * magnitude beyond the wait behind a queue of busy writers of one user.
   */
  maxWaitMs: 10_000,
} as const;
