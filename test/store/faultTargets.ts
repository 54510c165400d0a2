/**
 * Redis servers of their own for the fault tests, which stop and restart them: one server, or a
 * three-master cluster, with an append-only file fsynced on every write.
 */
import type { Cluster, Redis } from 'ioredis';
import { hasRedisServer, startRedisServer } from '../setup/redis.js';
import { hasRedisCli, startRedisCluster } from '../setup/redisCluster.js';
import { connectCluster, connectRedis, redisPort } from './redisClient.js';

/**
 * Redis of its own per target, so that stopping it does not disturb other test files. It keeps
 * an append-only file fsynced on every write, as a durable deployment would: what Redis
 * acknowledged survives the restart, and the test can count it. `stop` and `start` act on the
 * one server, or on every master of the cluster.
 */
export interface FaultTarget {
  readonly client: Redis | Cluster;
  /** Another client of the same Redis (closed by the caller). */
  connect(): Promise<Redis | Cluster>;
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function singleNode(): Promise<FaultTarget> {
  if (!hasRedisServer()) redisPort(); // throws the setup's message
  const server = await startRedisServer({ persistent: true });
  const client = await connectRedis(server.port);
  return {
    client,
    connect: () => connectRedis(server.port),
    stop: (signal) => server.stop(signal),
    start: () => server.start(),
    async close() {
      client.disconnect();
      await server.close();
    },
  };
}

export async function clusterOf3(): Promise<FaultTarget> {
  if (!hasRedisCli()) throw new Error('redis-cli was not found on PATH');
  const cluster = await startRedisCluster({ persistent: true });
  const address = cluster.nodes.map((n) => `${n.host}:${n.port}`).join(',');
  const client = await connectCluster(address);
  // The whole cluster goes down and comes back, every master at once.
  const ports = cluster.nodes.map((n) => n.port);
  return {
    client,
    connect: () => connectCluster(address),
    stop: async (signal) => {
      await Promise.all(ports.map((port) => cluster.stop(port, signal)));
    },
    start: async () => {
      for (const port of ports) await cluster.start(port, false);
      await cluster.start(ports[0]!);
    },
    async close() {
      client.disconnect();
      await cluster.close();
    },
  };
}

export function ready(c: Redis | Cluster): Promise<void> {
  if (c.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('the client did not reconnect within 10 s'));
    }, 10_000);
    c.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
