/**
 * Vitest global setup: starts one throwaway `redis-server` on a free loopback port for the whole
 * run (no persistence, a temporary directory) and provides `{ port }` to the tests as `redis`;
 * stops it afterwards. When the binary is missing it provides `{ error }` instead, so that every
 * test needing Redis fails with that message — and under CI (`CI` set) the run fails at once.
 * `.ci/redis.sh` installs the binary.
 *
 * `startRedisServer` is also used directly by tests that stop and restart a server, and by the
 * store benchmark.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    redis: { readonly port: number } | { readonly error: string };
  }
}

const MISSING =
  'redis-server was not found on PATH: install it (Debian: `apt-get install -y redis-server`, ' +
  'or `source .ci/redis.sh`) to run the Redis store tests';

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

/** Spawns redis-server and waits for its "Ready to accept connections" line. */
function launch(port: number, args: readonly string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-server', ['--port', String(port), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const fail = (reason: string) => {
      child.kill('SIGKILL');
      reject(
        new Error(`redis-server on port ${port} did not start: ${reason}\n${log.slice(-2000)}`),
      );
    };
    const timer = setTimeout(() => {
      fail('no "Ready" line within 10 s');
    }, 10_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error.message.includes('ENOENT') ? new Error(MISSING) : error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(`exited with code ${code}`);
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      log += chunk;
      if (log.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        resolve(child);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (log += chunk));
  });
}

function terminate(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
    child.kill(signal);
  });
}

/** A loopback port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!hasRedisServer()) {
    if (process.env.CI !== undefined && process.env.CI !== '') throw new Error(MISSING);
    project.provide('redis', { error: MISSING });
    return () => Promise.resolve();
  }
  const server = await startRedisServer();
  project.provide('redis', { port: server.port });
  return () => server.close();
}
