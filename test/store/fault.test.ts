import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { rb, seen } from './fixtures.js';
import { keysMatching, uniquePrefix } from './redisClient.js';
import { clusterOf3, ready, singleNode, type FaultTarget } from './faultTargets.js';

async function expectStoreError(promise: Promise<unknown>): Promise<void> {
  const error: unknown = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RebalanceError);
  expect(error).toMatchObject({ code: 'store' });
}

/** Tries `call` until it succeeds, as a caller retries after a `store` error; how many failed. */
async function untilDone(call: () => Promise<unknown>, otherErrors: unknown[]): Promise<number> {
  for (let failed = 0; ; failed++) {
    try {
      await call();
      return failed;
    } catch (error) {
      if (!(error instanceof RebalanceError && error.code === 'store')) {
        otherErrors.push(error);
        return failed;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe.each([
  ['single node', singleNode],
  ['cluster', clusterOf3],
] as const)('RedisStateStore through a restart of Redis on a %s', (_name, startTarget) => {
  let target: FaultTarget;

  beforeAll(async () => {
    target = await startTarget();
  }, 60_000);

  afterAll(async () => {
    await target?.close();
  });

  it('get/update/append/delete fail with code store while Redis is stopped, and once it is back every event appended or updated by a caller that retried is applied exactly once', async () => {
    const { client } = target;
    const p = uniquePrefix();
    const store = new RedisStateStore({ client, prefix: p, rebalancer: rb, foldEvery: 3 });
    const users = Array.from({ length: 12 }, (_, u) => `user-${u}`);
    const otherErrors: unknown[] = [];
    const writeAll = (rounds: number) =>
      Promise.all(
        users.map(async (user, u) => {
          for (let i = 0; i < rounds; i++) {
            await untilDone(
              () =>
                u % 2 === 0
                  ? store.append(user, { item: { id: `i${i}` }, at: i })
                  : store.update(user, (s) => seen(s, i)),
              otherErrors,
            );
          }
        }),
      );
    await writeAll(5);
    await target.stop('SIGTERM');
    for (const user of users.slice(0, 4)) {
      await expectStoreError(store.get(user));
      await expectStoreError(store.update(user, (s) => seen(s, 0)));
      await expectStoreError(store.append(user, { item: { id: 'x' }, at: 0 }));
      await expectStoreError(store.delete(user));
    }
    // Callers keep writing while Redis is down and retry until it is back.
    const during = writeAll(5);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await target.start();
    await ready(client);
    await during;
    expect(otherErrors).toEqual([]);
    for (const user of users) expect((await store.get(user))?.impressions).toBe(10);
  });

  it('appends and updates interrupted by a crash (SIGKILL) mid-run keep whole states and logs: each user counts every acknowledged write, plus at most the ones whose reply was lost', async () => {
    const { client } = target;
    const p = uniquePrefix();
    const store = new RedisStateStore({ client, prefix: p, rebalancer: rb, foldEvery: 3 });
    const USERS = 30;
    const TARGET = 20;
    const ok = new Array<number>(USERS).fill(0);
    const failed = new Array<number>(USERS).fill(0);
    const otherErrors: unknown[] = [];
    let total = 0;
    let crash: Promise<void> | undefined;
    const loops = Array.from({ length: USERS }, async (_, u) => {
      while (ok[u]! < TARGET) {
        failed[u]! += await untilDone(
          () =>
            u % 2 === 0
              ? store.append(`user-${u}`, { item: { id: `i${ok[u]}` }, at: ok[u]! })
              : store.update(`user-${u}`, (s) => seen(s, ok[u]!)),
          otherErrors,
        );
        ok[u]!++;
        total++;
        // Crash once, while every loop has writes in flight.
        if (crash === undefined && total >= (USERS * TARGET) / 3) {
          crash = (async () => {
            await target.stop('SIGKILL');
            await new Promise((resolve) => setTimeout(resolve, 200));
            await target.start();
          })();
        }
      }
    });
    await Promise.all(loops);
    await crash;
    await ready(client);
    expect(otherErrors).toEqual([]);
    expect(failed.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (let u = 0; u < USERS; u++) {
      const state = await store.get(`user-${u}`);
      expect(state!.impressions).toBeGreaterThanOrEqual(ok[u]!);
      expect(state!.impressions).toBeLessThanOrEqual(ok[u]! + failed[u]!);
    }
    for (const key of await keysMatching(client, `${p}*`)) {
      const type = await client.type(key);
      if (key.endsWith(':log')) expect(type).toBe('list');
      else expect(Object.keys(await client.hgetall(key)).sort()).toEqual(['s', 'v']);
    }
  });
});
