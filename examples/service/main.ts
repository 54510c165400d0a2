/**
 * Starts the example feed service.
 *
 *   node --import tsx examples/service/main.ts                     # states in memory
 *   REDIS_URL=redis://127.0.0.1:6379 node --import tsx examples/service/main.ts
 *
 * PORT sets the port (default 3000).
 */
import { Redis } from 'ioredis';
import { createRebalancer, presets } from '../../src/index.js';
import { MemoryStateStore } from '../../src/index.js';
import type { StateStore } from '../../src/index.js';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { createService } from './createService.js';

const rebalancer = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});

let redis: Redis | undefined;
let store: StateStore;
const url = process.env.REDIS_URL;
if (url !== undefined && url !== '') {
  // Fail fast while Redis is unreachable (the request gets a 503) instead of queueing commands;
  // ioredis keeps reconnecting in the background. commandTimeout bounds a hung server.
  redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 2_000,
    lazyConnect: true,
  });
  redis.on('error', (error: Error) => {
    console.error(`redis: ${error.message}`);
  });
  await redis.connect();
  store = new RedisStateStore({ client: redis });
} else {
  store = new MemoryStateStore({ maxUsers: 100_000 });
}

const server = createService({ store, rebalancer });
const port = Number(process.env.PORT ?? 3000);
server.listen(port, () => {
  console.log(`feed service on http://localhost:${port} (${redis ? 'Redis' : 'memory'} store)`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => {
      void redis?.quit();
    });
  });
}
