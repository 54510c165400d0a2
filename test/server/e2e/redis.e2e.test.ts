/**
 * `feed-rebalancer serve --redis` (packed package) while Redis goes down and comes back: the
 * server keeps answering (liveness), reports not ready and answers `store` errors (503) at once
 * while Redis is down, and serves again once it is back, with the states Redis kept.
 */
import { setTimeout as sleep } from 'node:timers/promises';
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
  expect(after.json.impressions).toBe(21);

  const { code } = await server.stop('SIGTERM');
  expect(code).toBe(0);
});
