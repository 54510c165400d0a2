import type { Redis } from 'ioredis';
import { presets, type ResourceInput } from '../../src/index.js';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { createServer } from '../../src/server/index.js';

/**
 * Sample support resources for illustration only — not real services. A deployment lists the
 * helplines and websites it has verified for its users' regions (see docs/safety.md).
 */
const SAMPLE_RESOURCES: readonly ResourceInput[] = [
  {
    id: 'sample-ed-line',
    name: 'Sample Eating Disorder Support (example)',
    groups: ['eating-disorder'],
    locale: '*',
    url: 'https://example.org/eating-disorder-support',
    lastVerified: '2026-01-15',
  },
  {
    id: 'sample-crisis-line',
    name: 'Sample Crisis Line (example)',
    groups: ['suicide', 'self-harm', 'mental-health'],
    locale: '*',
    url: 'https://example.org/crisis-support',
    lastVerified: '2026-01-15',
  },
];

/**
 * The feed-rebalancer server as a library, configured in code: the `protective` policy, a
 * resource directory, at most 500 candidates a request, and states in Redis when a client is
 * given (in memory otherwise). Returns the Fastify instance, not listening.
 *
 * @param options - `redis`: a client created with `enableOfflineQueue: false,
 *   maxRetriesPerRequest: 0`; `logLevel`: the lowest level logged (default `info`)
 */
export function createFeedService(
  options: { readonly redis?: Redis; readonly logLevel?: 'info' | 'warn' | 'silent' } = {},
) {
  const { redis, logLevel = 'info' } = options;
  return createServer({
    rebalancer: {
      taxonomy: presets.taxonomies.default,
      policy: presets.policies.protective,
      resources: SAMPLE_RESOURCES,
    },
    ...(redis === undefined
      ? {}
      : {
          // The server's rebalancer folds appended events; its onWrite counts level changes.
          store: (storeOptions) => new RedisStateStore({ client: redis, ...storeOptions }),
          checkStore: () => redis.ping(),
        }),
    logger: { level: logLevel, userIdKey: process.env.LOG_KEY },
    limits: { candidates: 500 },
  });
}
