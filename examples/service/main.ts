/**
 * Starts the example feed service: the feed-rebalancer server configured in code.
 *
 *   node --import tsx examples/service/main.ts                     # states in memory
 *   REDIS_URL=redis://127.0.0.1:6379 node --import tsx examples/service/main.ts
 *
 * PORT sets the port (default 3000). SIGTERM or SIGINT stops it gracefully. Without code, the
 * same server runs as `npx feed-rebalancer serve` (see docs/service.md).
 */
import { Redis } from 'ioredis';
import { createFeedService } from './feedService.js';

const url = process.env.REDIS_URL;
// Fail fast while Redis is unreachable (the request gets a 503) instead of queueing commands;
// ioredis keeps reconnecting in the background. commandTimeout bounds a hung server.
const redis =
  url === undefined || url === ''
    ? undefined
    : new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 2_000 });
redis?.on('error', () => undefined);

const server = createFeedService(redis === undefined ? {} : { redis });
await server.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Stops accepting connections, answers the requests in flight, then closes Redis.
    void server.close().then(() => redis?.quit());
  });
}
