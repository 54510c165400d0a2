import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { hasRedisServer, startRedisServer, type RedisServer } from '../setup/redis.js';
import { seen } from './fixtures.js';
import { connectRedis, redisPort, uniquePrefix } from './redisClient.js';

// A server of its own, so that stopping it does not disturb other test files. It keeps an
// append-only file fsynced on every write, as a durable deployment would: what Redis
// acknowledged survives the restart, and the test can count it.
let server: RedisServer;
let client: Redis;

beforeAll(async () => {
  if (!hasRedisServer()) redisPort(); // throws the setup's message
  server = await startRedisServer({ persistent: true });
  client = await connectRedis(server.port);
});

afterAll(async () => {
  client?.disconnect();
  await server?.close();
});

function ready(c: Redis): Promise<void> {
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

function down(c: Redis): Promise<void> {
  if (c.status !== 'ready') return Promise.resolve();
  return new Promise((resolve) =>
    c.once('close', () => {
      resolve();
    }),
  );
}

async function expectStoreError(promise: Promise<unknown>): Promise<void> {
  const error: unknown = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RebalanceError);
  expect(error).toMatchObject({ code: 'store' });
}

it('RedisStateStore operations fail with code store while Redis is stopped and work again on the same states once it is back', async () => {
  const store = new RedisStateStore({ client, prefix: uniquePrefix() });
  const users = Array.from({ length: 20 }, (_, u) => `user-${u}`);
  const updateAll = (rounds: number) =>
    Promise.all(
      users.map(async (user) => {
        for (let i = 0; i < rounds; i++) await store.update(user, (s) => seen(s, i));
      }),
    );
  await updateAll(10);

  const closed = down(client);
  await server.stop('SIGTERM');
  await closed;
  for (const user of users.slice(0, 5)) {
    await expectStoreError(store.get(user));
    await expectStoreError(store.update(user, (s) => seen(s, 0)));
    await expectStoreError(store.delete(user));
  }

  await server.start();
  await ready(client);
  await updateAll(10);
  for (const user of users) expect((await store.get(user))?.impressions).toBe(20);
});

it('RedisStateStore.update interrupted by a crash (SIGKILL) mid-run writes whole states only: each user counts every acknowledged update, plus at most the ones whose reply was lost', async () => {
  const prefix = uniquePrefix();
  const store = new RedisStateStore({ client, prefix });
  const USERS = 40;
  const TARGET = 25;
  const ok = new Array<number>(USERS).fill(0);
  const failed = new Array<number>(USERS).fill(0);
  const otherErrors: unknown[] = [];
  let total = 0;
  let crash: Promise<void> | undefined;

  const loops = Array.from({ length: USERS }, async (_, u) => {
    while (ok[u]! < TARGET) {
      try {
        await store.update(`user-${u}`, (s) => seen(s, ok[u]!));
        ok[u]!++;
        total++;
      } catch (error) {
        if (!(error instanceof RebalanceError && error.code === 'store')) {
          otherErrors.push(error);
          return;
        }
        failed[u]!++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Crash once, while every loop has updates in flight.
      if (crash === undefined && total >= (USERS * TARGET) / 3) {
        crash = (async () => {
          await server.stop('SIGKILL');
          await new Promise((resolve) => setTimeout(resolve, 200));
          await server.start();
        })();
      }
    }
  });
  await Promise.all(loops);
  await crash;
  await ready(client);

  expect(otherErrors).toEqual([]);
  expect(failed.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  expect(await client.keys(`${prefix}*`)).toHaveLength(USERS);
  for (let u = 0; u < USERS; u++) {
    const state = await store.get(`user-${u}`);
    expect(state).toBeDefined();
    expect(state!.impressions).toBeGreaterThanOrEqual(ok[u]!);
    expect(state!.impressions).toBeLessThanOrEqual(ok[u]! + failed[u]!);
  }
  for (const key of await client.keys(`${prefix}*`)) {
    expect(Object.keys(await client.hgetall(key)).sort()).toEqual(['s', 'v']);
  }
});
