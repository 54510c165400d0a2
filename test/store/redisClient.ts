/**
 * Connections to the test Redis server and cluster that the global setup (test/setup/redis.ts)
 * started, configured as the store's documentation recommends: commands fail at once while
 * Redis is unreachable (no offline queue, no retries per request) and reconnection runs in the
 * background.
 */
import { randomUUID } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import { inject } from 'vitest';

/** The port of the run's Redis server; throws the setup's message when there is none. */
export function redisPort(): number {
  const redis = inject('redis');
  if ('error' in redis) throw new Error(redis.error);
  return redis.port;
}

/** The run's cluster as `host:port,…`; throws the setup's message when there is none. */
export function clusterAddress(): string {
  const cluster = inject('redisCluster');
  if ('error' in cluster) throw new Error(cluster.error);
  return cluster.nodes.map((n) => `${n.host}:${n.port}`).join(',');
}

/** A client of the single server on `port`. */
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

/** A client of the cluster whose nodes are `host:port,…`. */
export async function connectCluster(address: string): Promise<Cluster> {
  const nodes = address.split(',').map((a) => {
    const at = a.lastIndexOf(':');
    return { host: a.slice(0, at), port: Number(a.slice(at + 1)) };
  });
  const client = new Cluster(nodes, {
    lazyConnect: true,
    enableOfflineQueue: false,
    clusterRetryStrategy: () => 50,
    redisOptions: { maxRetriesPerRequest: 0 },
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/**
 * Where a store test runs: `single` (one server) or `cluster`, with how to connect a client and
 * the address a worker process connects to (`single:PORT` or `cluster:host:port,…`).
 */
export interface RedisTarget {
  readonly name: 'single node' | 'cluster';
  connect(): Promise<Redis | Cluster>;
  address(): string;
}

/** The two targets every store test runs against. */
export const TARGETS: readonly RedisTarget[] = [
  {
    name: 'single node',
    connect: () => connectRedis(redisPort()),
    address: () => `single:${redisPort()}`,
  },
  {
    name: 'cluster',
    connect: () => connectCluster(clusterAddress()),
    address: () => `cluster:${clusterAddress()}`,
  },
];

/** A client for an address made by {@link RedisTarget.address}. */
export function connectAddress(address: string): Promise<Redis | Cluster> {
  return address.startsWith('cluster:')
    ? connectCluster(address.slice('cluster:'.length))
    : connectRedis(Number(address.slice('single:'.length)));
}

/** Every key matching `pattern`, on every master of a cluster or on the one server. */
export async function keysMatching(client: Redis | Cluster, pattern: string): Promise<string[]> {
  if (client instanceof Cluster) {
    const lists = await Promise.all(client.nodes('master').map((node) => node.keys(pattern)));
    return lists.flat().sort();
  }
  return (await client.keys(pattern)).sort();
}

/** Closes a client, whichever kind. */
export async function closeClient(client: Redis | Cluster | undefined): Promise<void> {
  if (client === undefined) return;
  await client.quit().catch(() => undefined);
}

/** A key prefix no other test uses, so test files can share the server. */
export function uniquePrefix(): string {
  return `test:${randomUUID()}:`;
}
