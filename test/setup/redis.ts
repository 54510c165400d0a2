/**
 * Vitest global setup: starts one throwaway `redis-server` on a free loopback port for the whole
 * run (no persistence, a temporary directory) and provides `{ port }` to the tests as `redis`;
 * and a Redis Cluster of three masters, provided as `redisCluster` (`{ nodes }`): the one named
 * by `REDIS_CLUSTER_NODES` (`host:port,…`, as `.ci/run` exports it) when that is set, otherwise
 * one started here the same way (test/setup/redisCluster.ts). Stops what it started afterwards.
 * When a binary is missing it provides `{ error }` instead, so that every test needing Redis
 * fails with that message — and under CI (`CI` set) the run fails at once. `.ci/redis.sh`
 * installs the binaries.
 *
 * `startRedisServer` is also used directly by tests that stop and restart a server, and by the
 * store benchmark.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    redis: { readonly port: number } | { readonly error: string };
    redisCluster: { readonly nodes: readonly ClusterNode[] } | { readonly error: string };
  }
}

import { MISSING, freePort, launchRedis as launch, terminate } from './redisProcess.js';
import {
  clusterNodesFromEnv,
  hasRedisCli,
  startRedisCluster,
  type ClusterNode,
} from './redisCluster.js';

/** A redis-server child process on a loopback port, with a temporary working directory. */
export interface RedisServer {
  readonly port: number;
  /** Stops the server: SIGTERM (a clean shutdown) or SIGKILL (a crash). */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts it again on the same port and directory (an append-only file, if any, is replayed). */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  close(): Promise<void>;
}

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Keep an append-only file, fsynced on every write, so data survives a restart. */
  readonly persistent?: boolean;
}

/** Whether `redis-server` can be run. */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error === undefined;
}

/** Starts a redis-server on a free loopback port and resolves once it accepts connections. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'feed-rebalancer-redis-'));
  const args = ['--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no'];
  args.push(
    ...(options.persistent === true
      ? ['--appendonly', 'yes', '--appendfsync', 'always']
      : ['--appendonly', 'no']),
  );
  let port = 0;
  let child: ChildProcess | undefined;
  // Another process may take the free port between the probe and the server's bind: try again.
  for (let attempt = 0; child === undefined; attempt++) {
    port = await freePort();
    try {
      child = await launch(port, args);
    } catch (error) {
      if (attempt >= 4) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const server: RedisServer = {
    port,
    async stop(signal = 'SIGTERM') {
      const running = child;
      child = undefined;
      if (running !== undefined) await terminate(running, signal);
    },
    async start() {
      if (child === undefined) child = await launch(port, args);
    },
    async close() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return server;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ci = process.env.CI !== undefined && process.env.CI !== '';
  const fromEnv = clusterNodesFromEnv();
  if (!hasRedisServer()) {
    if (ci) throw new Error(MISSING);
    project.provide('redis', { error: MISSING });
    if (fromEnv !== undefined) project.provide('redisCluster', { nodes: fromEnv });
    else project.provide('redisCluster', { error: MISSING });
    return () => Promise.resolve();
  }
  const server = await startRedisServer();
  project.provide('redis', { port: server.port });
  if (fromEnv !== undefined) {
    project.provide('redisCluster', { nodes: fromEnv });
    return () => server.close();
  }
  if (!hasRedisCli()) {
    const missing =
      'redis-cli was not found on PATH: install it (Debian: `apt-get install -y redis-tools`)';
    if (ci) throw new Error(missing);
    project.provide('redisCluster', { error: missing });
    return () => server.close();
  }
  const cluster = await startRedisCluster();
  project.provide('redisCluster', { nodes: cluster.nodes });
  return async () => {
    await Promise.all([server.close(), cluster.close()]);
  };
}
