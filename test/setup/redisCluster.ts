/**
 * A throwaway Redis Cluster for the tests: three masters on free loopback ports, no replicas,
 * no persistence, in a temporary directory, joined with `redis-cli --cluster create` (Debian's
 * redis-server package pulls in redis-tools, which has redis-cli). `.ci/redis-cluster.sh` starts
 * the same cluster from the shell for CI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, launchRedis, terminate } from './redisProcess.js';

/** A cluster node's address. */
export interface ClusterNode {
  readonly host: string;
  readonly port: number;
}

/** A running cluster. */
export interface RedisCluster {
  readonly nodes: readonly ClusterNode[];
  /** Stops the node on `port`: SIGTERM (a clean shutdown) or SIGKILL (a crash). */
  stop(port: number, signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /**
   * Starts the node on `port` again, with its cluster configuration and data (if persistent),
   * and (unless `wait` is false) waits until the cluster is ok.
   */
  start(port: number, wait?: boolean): Promise<void>;
  /** Stops every node and removes the directory. */
  close(): Promise<void>;
}

/** Options of {@link startRedisCluster}. */
export interface RedisClusterOptions {
  /** Keep an append-only file per node, fsynced on every write, so data survives a restart. */
  readonly persistent?: boolean;
}

/** Whether `redis-cli` can be run. */
export function hasRedisCli(): boolean {
  return spawnSync('redis-cli', ['--version'], { stdio: 'ignore' }).error === undefined;
}

/**
 * Parses `REDIS_CLUSTER_NODES` (`127.0.0.1:7001,127.0.0.1:7002,…`).
 *
 * @returns the nodes, or `undefined` when the variable is unset or empty
 */
export function clusterNodesFromEnv(): ClusterNode[] | undefined {
  const value = process.env.REDIS_CLUSTER_NODES;
  if (value === undefined || value.trim() === '') return undefined;
  return value.split(',').map((entry) => {
    const at = entry.trim().lastIndexOf(':');
    const port = Number(entry.trim().slice(at + 1));
    if (at <= 0 || !Number.isInteger(port)) {
      throw new Error(`REDIS_CLUSTER_NODES: "${entry}" is not host:port`);
    }
    return { host: entry.trim().slice(0, at), port };
  });
}

/** Starts three cluster-enabled redis-servers, creates the cluster and waits for it. */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'feed-rebalancer-cluster-'));
  const children = new Map<number, ChildProcess>();
  const argsOf = new Map<number, string[]>();
  const close = async () => {
    await Promise.all([...children.values()].map((c) => terminate(c, 'SIGTERM')));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const ports: number[] = [];
    while (ports.length < 3) {
      const port = await freePort();
      if (ports.includes(port)) continue;
      const persistence =
        options.persistent === true
          ? ['--appendonly', 'yes', '--appendfsync', 'always', '--appendfilename', `aof-${port}`]
          : ['--appendonly', 'no'];
      const args = [
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        ...persistence,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
        '--cluster-node-timeout',
        '5000',
        '--daemonize',
        'no',
      ];
      children.set(port, await launchRedis(port, args));
      argsOf.set(port, args);
      ports.push(port);
    }
    const nodes = ports.map((port) => `127.0.0.1:${port}`);
    await run('redis-cli', [
      '--cluster',
      'create',
      ...nodes,
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await waitForClusterOk(ports);
    return {
      nodes: ports.map((port) => ({ host: '127.0.0.1', port })),
      async stop(port, signal = 'SIGTERM') {
        const child = children.get(port);
        children.delete(port);
        if (child !== undefined) await terminate(child, signal);
      },
      async start(port, wait = true) {
        if (!children.has(port)) children.set(port, await launchRedis(port, argsOf.get(port)!));
        if (wait) await waitForClusterOk(ports);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Waits until every node reports `cluster_state:ok` (slots assigned and agreed). */
async function waitForClusterOk(ports: readonly number[]): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    const states = await Promise.all(
      ports.map((port) => run('redis-cli', ['-p', String(port), 'cluster', 'info'])),
    );
    if (states.every((info) => info.includes('cluster_state:ok'))) return;
    if (Date.now() > until) throw new Error(`the cluster did not reach cluster_state:ok in 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(out);
      else
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${out.slice(-2000)}`));
    });
  });
}
