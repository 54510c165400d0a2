/**
 * `feed-rebalancer serve --redis` (packed package) while Redis goes down and comes back: the
 * server keeps answering (liveness), reports not ready and answers `store` errors (503) at once
 * while Redis is down, and serves again once it is back, with the states Redis kept. And with
 * `--redis-cluster`, against a one-node cluster.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../../setup/redis.js';
import { triggeringRun } from '../support.js';
import { packedPackage, startServe, type ServeProcess } from './packedServer.js';

let redis: RedisServer;
let server: ServeProcess;
beforeAll(async () => {
  const dir = await packedPackage();
  // An append-only file, so that the states survive the restart, as in production.
  redis = await startRedisServer({ persistent: true });
  server = await startServe(dir, ['--redis', `redis://127.0.0.1:${redis.port}`]);
}, 240_000);
afterAll(async () => {
  await server?.stop('SIGKILL');
  await redis?.close();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: any }> {
  const response = await fetch(server.base + path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    json: type.startsWith('application/json') ? await response.json() : await response.text(),
  };
}

/** Polls `/readyz` until it answers `status` (ioredis reconnects in the background). */
async function readiness(status: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await call('GET', '/readyz');
    if (answer.status === status) return;
    if (Date.now() > deadline) throw new Error(`/readyz still answers ${answer.status}`);
    await sleep(100);
  }
}

it('Redis down: /readyz 503 and store errors (503); Redis back: ready and serving the kept states', async () => {
  const line = server.logs().find((l) => l.msg === 'feed-rebalancer serve: listening');
  expect(line?.store).toBe(`redis redis://127.0.0.1:${redis.port}`);
  await readiness(200);
  const recorded = await call('POST', '/v1/impressions', {
    userId: 'u',
    events: triggeringRun(20),
  });
  expect(recorded.status).toBe(200);

  await redis.stop();
  await readiness(503);
  const ready = await call('GET', '/readyz');
  expect(ready.json.error.code).toBe('store');
  expect((await call('GET', '/healthz')).status).toBe(200);
  for (const [path, body] of [
    ['/v1/impressions', { userId: 'u', events: triggeringRun(1, 20) }],
    ['/v1/rebalance', { userId: 'u', candidates: [{ id: 'a' }] }],
    ['/v1/assess', { userId: 'u' }],
  ] as const) {
    const answer = await call('POST', path, body);
    expect([path, answer.status, answer.json.error.code]).toEqual([path, 503, 'store']);
  }
  const metrics = await call('GET', '/metrics');
  expect(metrics.json).toMatch(
    /feed_rebalancer_store_errors_total\{operation="append",code="store"\} [1-9]/,
  );
  expect(metrics.json).toMatch(
    /feed_rebalancer_store_errors_total\{operation="ping",code="store"\} [1-9]/,
  );

  await redis.start();
  await readiness(200);
  const after = await call('POST', '/v1/impressions', {
    userId: 'u',
    events: triggeringRun(1, 20),
  });
  expect(after.status).toBe(200);
  expect(after.json).toEqual({ accepted: 1 });
  // The 20 stored before Redis went down, and this one; the append refused meanwhile is not.
  const kept = await call('POST', '/v1/assess', { userId: 'u' });
  expect(kept.json.impressions).toBe(21);

  const { code } = await server.stop('SIGTERM');
  expect(code).toBe(0);
});

/**
 * A one-node Redis Cluster on a free loopback port: every slot on the one node, which announces
 * 127.0.0.1 (a lone node does not learn its own address from peers).
 */
async function startOneNodeCluster(): Promise<{ port: number; stop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'redis-cluster-'));
  const port = await freePort();
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--cluster-enabled',
      'yes',
      '--cluster-announce-ip',
      '127.0.0.1',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => {
      reject(new Error(`redis-server --cluster-enabled exited (${code})\n${log}`));
    });
  });
  const admin = new Redis({ host: '127.0.0.1', port });
  await admin.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
  while (!String(await admin.call('CLUSTER', 'INFO')).includes('cluster_state:ok'))
    await sleep(100);
  await admin.quit();
  return {
    port,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

it('--redis-cluster keeps states in a Redis Cluster', async () => {
  const cluster = await startOneNodeCluster();
  const dir = await packedPackage();
  const clustered = await startServe(dir, ['--redis-cluster', `redis://127.0.0.1:${cluster.port}`]);
  try {
    const line = clustered.logs().find((l) => l.msg === 'feed-rebalancer serve: listening');
    expect(line?.store).toBe(`redis cluster redis://127.0.0.1:${cluster.port}`);
    const post = (path: string, body: unknown) =>
      fetch(clustered.base + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (let ready = 0; ready !== 200;) {
      ready = (await fetch(`${clustered.base}/readyz`)).status;
      if (ready !== 200) await sleep(100);
    }
    await post('/v1/impressions', { userId: 'c', events: triggeringRun(10) });
    const after = await post('/v1/impressions', { userId: 'c', events: triggeringRun(2, 10) });
    expect(await after.json()).toEqual({ accepted: 2 });
    const state = await post('/v1/assess', { userId: 'c' });
    expect(((await state.json()) as { impressions: number }).impressions).toBe(12);
    expect((await clustered.stop('SIGTERM')).code).toBe(0);
  } finally {
    await clustered.stop('SIGKILL');
    await cluster.stop();
  }
});
