/**
 * Connections to the test Redis server that the global setup (test/setup/redis.ts) started.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** The port of the run's Redis server; throws the setup's message when there is none. */
export function redisPort(): number {
  const redis = inject('redis');
  if ('error' in redis) throw new Error(redis.error);
  return redis.port;
}

/**
 * A client configured as the store's documentation recommends: commands fail at once while the
 * server is unreachable (no offline queue, no retries per request) and reconnection runs in the
 * background every 50 ms.
 */
export async function connectRedis(port: number): Promise<Redis> {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => 50,
  });
  // Errors while the server is down are reported through the commands; without a listener
  // ioredis would also print each one.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** A key prefix no other test uses, so test files can share the server. */
export function uniquePrefix(): string {
  return `test:${randomUUID()}:`;
}
