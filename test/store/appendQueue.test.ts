import { createRequire } from 'node:module';
import fc from 'fast-check';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { hashSlot } from '../../src/store/redis/hashSlot.js';
import { userKeys } from '../../src/store/redis/keys.js';
import { CHECK_AND_SET, CHECK_AND_SET_MANY, READ } from '../../src/store/redis/scripts.js';
import { rb } from './fixtures.js';
import { closeClient, TARGETS, uniquePrefix } from './redisClient.js';

/** The slot function ioredis routes cluster commands by (a dependency of ioredis). */
const calculateSlot = createRequire(import.meta.url)('cluster-key-slot') as (key: string) => number;

describe('hashSlot', () => {
  it('gives the slots of the Redis Cluster specification’s examples', () => {
    // CRC-16/XMODEM check value of "123456789" is 0x31C3; 0x31C3 mod 16384 = 12739.
    expect(hashSlot('123456789')).toBe(12739);
    expect(hashSlot('{user1000}.following')).toBe(hashSlot('{user1000}.followers'));
    expect(hashSlot('{user1000}.following')).toBe(hashSlot('user1000'));
    // An empty tag does not count: the whole key is hashed.
    expect(hashSlot('foo{}{bar}')).not.toBe(hashSlot('bar'));
    expect(hashSlot('foo{{bar}}zap')).toBe(hashSlot('{bar'));
    expect(hashSlot('foo{bar}{zap}')).toBe(hashSlot('bar'));
  });

  it('agrees with the cluster-key-slot package ioredis routes by, on any key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (key) => {
        expect(hashSlot(key)).toBe(calculateSlot(key));
      }),
      { numRuns: 2_000 },
    );
  });
});

/**
 * A client whose EVALSHA calls are counted, in all and by script (an EVAL after NOSCRIPT repeats
 * one of them).
 */
function counted(client: Redis | Cluster): {
  client: Redis | Cluster;
  calls: () => number;
  callsOf: (script: { sha: string }) => number;
} {
  const bySha = new Map<string, number>();
  let calls = 0;
  const proxy = new Proxy(client, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (name === 'evalsha' && typeof value === 'function')
        return (...args: unknown[]) => {
          calls++;
          bySha.set(String(args[0]), (bySha.get(String(args[0])) ?? 0) + 1);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { client: proxy, calls: () => calls, callsOf: (script) => bySha.get(script.sha) ?? 0 };
}

const event = (i: number) => ({ item: { id: `v${i}`, hashtags: ['#thinspo'] }, at: i * 1_000 });

describe.each(TARGETS)('appends made at once on a $name', (target) => {
  let client: Redis | Cluster;

  beforeAll(async () => {
    client = await target.connect();
  });

  afterAll(async () => {
    await closeClient(client);
  });

  it('are sent together, one script call per hash slot, and each user’s log gets exactly its own events in order', async () => {
    const { client: spy, calls } = counted(client);
    const store = new RedisStateStore({ client: spy, prefix: uniquePrefix(), rebalancer: rb });
    const users = Array.from({ length: 40 }, (_, u) => `user-${u}`);
    // Two appends per user in one turn: both in the same call, in order.
    await Promise.all(
      users.flatMap((user, u) => [
        store.append(user, event(2 * u)),
        store.append(user, event(2 * u + 1)),
      ]),
    );
    const isCluster = (client as { isCluster?: boolean }).isCluster === true;
    // On a single server one call carries all 80 appends; on a cluster one call per slot used.
    if (isCluster) expect(calls()).toBeLessThanOrEqual(40);
    else expect(calls()).toBe(1);
    for (const [u, user] of users.entries()) {
      const state = await store.get(user);
      expect(state).toEqual(rb.observe(rb.emptyState(), [event(2 * u), event(2 * u + 1)]));
    }
  });

  it('that make logs a multiple of foldEvery fold them without reading them again, and the folds due at once are written in one script call per hash slot', async () => {
    const { client: spy, callsOf } = counted(client);
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client: spy, prefix, rebalancer: rb, foldEvery: 2 });
    const users = Array.from({ length: 40 }, (_, u) => `user-${u}`);
    await Promise.all(users.map((user, u) => store.append(user, event(2 * u))));
    expect(callsOf(CHECK_AND_SET_MANY)).toBe(0);
    // The second append of every user makes its log two entries long: all 40 logs fold.
    await Promise.all(users.map((user, u) => store.append(user, event(2 * u + 1))));
    // The append's own script answered what the fold needed: no read, no one-user write.
    expect(callsOf(READ)).toBe(0);
    expect(callsOf(CHECK_AND_SET)).toBe(0);
    const isCluster = (client as { isCluster?: boolean }).isCluster === true;
    if (isCluster) expect(callsOf(CHECK_AND_SET_MANY)).toBeLessThanOrEqual(40);
    else expect(callsOf(CHECK_AND_SET_MANY)).toBe(1);
    const other = new RedisStateStore({ client, prefix, rebalancer: rb });
    for (const [u, user] of users.entries()) {
      const keys = userKeys(prefix, user);
      expect(await client.llen(keys.log)).toBe(0);
      expect((await other.get(user))!).toEqual(
        rb.observe(rb.emptyState(), [event(2 * u), event(2 * u + 1)]),
      );
    }
  });

  it('refuse only the appends whose log is full, and answer the others', async () => {
    const store = new RedisStateStore({
      client,
      prefix: uniquePrefix(),
      rebalancer: rb,
      foldEvery: 1_000,
      maxPendingEntries: 2,
    });
    await store.append('full', event(0));
    await store.append('full', event(1));
    const results = await Promise.allSettled([
      store.append('a', event(2)),
      store.append('full', event(3)),
      store.append('b', event(4)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const refused = (results[1] as PromiseRejectedResult).reason as RebalanceError;
    expect(refused).toBeInstanceOf(RebalanceError);
    expect(refused.code).toBe('state');
    expect((await store.get('full'))?.impressions).toBe(2);
    expect((await store.get('a'))?.impressions).toBe(1);
  });

  it('fail together with a store error when their call fails, and nothing else fails', async () => {
    const broken = new Proxy(client, {
      get(target, name, receiver) {
        if (name === 'evalsha' || name === 'eval')
          return () => Promise.reject(new Error('connection lost'));
        const value = Reflect.get(target, name, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const store = new RedisStateStore({ client: broken, prefix: uniquePrefix(), rebalancer: rb });
    const results = await Promise.allSettled([
      store.append('a', event(0)),
      store.append('b', event(1)),
    ]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect(((r as PromiseRejectedResult).reason as RebalanceError).code).toBe('store');
    }
  });
});
