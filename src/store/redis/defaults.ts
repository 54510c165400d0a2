import { STORE_DEFAULTS } from '../defaults.js';

/**
 * Defaults of {@link RedisStateStore}, in one place.
 *
 * @internal
 */
export const REDIS_STORE_DEFAULTS = {
  /** Prefix of every key the store writes. */
  prefix: 'feed-rebalancer:state:',
  /** The same retention as the in-process store: 30 days after the last update. */
  ttlSeconds: STORE_DEFAULTS.ttlMs / 1000,
  /** Retries of an update that lost a race before it fails with code `conflict`. */
  maxRetries: 10,
  /** Users whose parsed state is kept with its JSON, to skip parsing identical bytes again. */
  cacheSize: 1_000,
} as const;
