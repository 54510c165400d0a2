import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { serializeState } from '../../src/exposure/stateShape.js';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { backoffDelay, systemRandom } from '../../src/store/redis/backoff.js';
import { CHECK_AND_SET_SHA } from '../../src/store/redis/script.js';
import { emptyState, seen } from './fixtures.js';
import { connectRedis, redisPort, uniquePrefix } from './redisClient.js';

let client: Redis;

beforeAll(async () => {
  client = await connectRedis(redisPort());
});

afterAll(async () => {
  await client?.quit();
});

function keyOf(prefix: string, userId: string): string {
  return prefix + createHash('sha256').update(userId, 'utf8').digest('base64url');
}

async function keysUnder(prefix: string): Promise<string[]> {
  return client.keys(`${prefix}*`);
}

describe('RedisStateStore', () => {
  it('update/get/delete round-trip a state under prefix + SHA-256(userId), with the state JSON and a version token in one hash', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix });
    expect(await store.get('user-1')).toBeUndefined();
    const written = await store.update('user-1', (s) => seen(s, 5));
    expect(written.impressions).toBe(1);
    expect(await store.get('user-1')).toEqual(written);
    const key = keyOf(prefix, 'user-1');
    expect(await keysUnder(prefix)).toEqual([key]);
    const hash = await client.hgetall(key);
    expect(Object.keys(hash).sort()).toEqual(['s', 'v']);
    expect(hash.s).toBe(serializeState(written));
    expect(await store.delete('user-1')).toBe(true);
    expect(await store.get('user-1')).toBeUndefined();
    expect(await store.delete('user-1')).toBe(false);
    expect(await keysUnder(prefix)).toEqual([]);
  });

  it('update sets the TTL to ttlSeconds and refreshes it on every write, while get leaves it alone', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix, ttlSeconds: 1_000 });
    await store.update('u', (s) => seen(s, 0));
    const key = keyOf(prefix, 'u');
    const ttl = await client.ttl(key);
    expect(ttl).toBeGreaterThan(990);
    expect(ttl).toBeLessThanOrEqual(1_000);
    await client.expire(key, 50);
    await store.get('u');
    expect(await client.ttl(key)).toBeLessThanOrEqual(50);
    await store.update('u', (s) => seen(s, 1));
    expect(await client.ttl(key)).toBeGreaterThan(990);
  });

  it('the default TTL is 30 days', async () => {
    const prefix = uniquePrefix();
    await new RedisStateStore({ client, prefix }).update('u', (s) => seen(s, 0));
    const ttl = await client.ttl(keyOf(prefix, 'u'));
    expect(ttl).toBeGreaterThan(30 * 86_400 - 10);
    expect(ttl).toBeLessThanOrEqual(30 * 86_400);
  });

  it('hostile user ids (separators, globs, cluster hash tags, control characters, 1,024 characters) each get their own fixed-length key inside the prefix, never containing the id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.oneof(
            fc.constantFrom('*', '{tag}', 'a:b', '../x', '\u0000', 'k'.repeat(1_024), 'user-1'),
            fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        async (ids) => {
          const prefix = uniquePrefix();
          const store = new RedisStateStore({ client, prefix });
          for (let i = 0; i < ids.length; i++) {
            for (let k = 0; k <= i; k++) await store.update(ids[i]!, (s) => seen(s, k));
          }
          const keys = await keysUnder(prefix);
          expect(keys).toHaveLength(ids.length);
          for (const key of keys) {
            expect(key.slice(prefix.length)).toMatch(/^[A-Za-z0-9_-]{43}$/);
          }
          for (let i = 0; i < ids.length; i++) {
            expect((await store.get(ids[i]!))?.impressions).toBe(i + 1);
            expect(await store.delete(ids[i]!)).toBe(true);
          }
          expect(await keysUnder(prefix)).toEqual([]);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('get and update reject a tampered, truncated or future-version stored state with code state, and update does not overwrite it', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix });
    const good = serializeState(seen(undefined, 0));
    const tampered = [
      good.slice(0, good.length - 5),
      good.replace('"impressions":1', '"impressions":-3'),
      good.replace('"version":1', '"version":2'),
      'not json',
    ];
    for (const [i, text] of tampered.entries()) {
      const key = keyOf(prefix, `u${i}`);
      await client.hset(key, 'v', 'x', 's', text);
      await expect(store.get(`u${i}`)).rejects.toMatchObject({ code: 'state' });
      await expect(store.update(`u${i}`, (s) => seen(s, 1))).rejects.toMatchObject({
        code: 'state',
      });
      expect(await client.hget(key, 's')).toBe(text);
      expect(await store.delete(`u${i}`)).toBe(true);
    }
  });

  it('update(userId, fn) writes nothing when fn returns something that is not a valid state', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix });
    const results: unknown[] = [undefined, 7, { ...emptyState(), lastAt: 'yesterday' }];
    for (const result of results) {
      await expect(store.update('u', () => result as never)).rejects.toMatchObject({
        code: 'state',
      });
    }
    expect(await keysUnder(prefix)).toEqual([]);
  });

  it('update retries with jitter when another writer changes the state between read and write, and succeeds once it stops', async () => {
    const prefix = uniquePrefix();
    const draws: number[] = [];
    // No remembered snapshots: every attempt reads first, so every lost race waits.
    const store = new RedisStateStore({
      client,
      prefix,
      cacheSize: 0,
      maxRetries: 5,
      random: () => {
        draws.push(0);
        return 0;
      },
    });
    await store.update('u', (s) => seen(s, 0));
    const key = keyOf(prefix, 'u');
    let calls = 0;
    const state = await store.update('u', (s) => {
      calls++;
      // Sent on the same connection before the store's check-and-set, so it always lands first.
      if (calls <= 3) void client.hset(key, 'v', `intruder-${calls}`);
      return seen(s, calls);
    });
    expect(calls).toBe(4);
    expect(draws).toHaveLength(3);
    expect(state.impressions).toBe(2);
    expect((await store.get('u'))?.impressions).toBe(2);
  });

  it('update called 200 times at once for one user in one process lands every update even with maxRetries: 0, because updates of a user queue in process', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix, maxRetries: 0 });
    const states = await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.update('u', (s) => seen(s, i))),
    );
    expect(states.map((s) => s.impressions)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect((await store.get('u'))?.impressions).toBe(200);
    // A failing update does not block the ones queued behind it.
    const results = await Promise.allSettled([
      store.update('u', () => undefined as never),
      store.update('u', (s) => seen(s, 200)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect((await store.get('u'))?.impressions).toBe(201);
  });

  it('update rejects with code conflict after maxRetries + 1 lost races, leaving the other writer’s state', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({
      client,
      prefix,
      cacheSize: 0,
      maxRetries: 2,
      random: () => 0,
    });
    await store.update('u', (s) => seen(s, 0));
    const key = keyOf(prefix, 'u');
    let calls = 0;
    const error: unknown = await store
      .update('u', (s) => {
        calls++;
        void client.hset(key, 'v', `intruder-${calls}`);
        return seen(s, calls);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RebalanceError);
    expect(error).toMatchObject({ code: 'conflict' });
    expect((error as Error).message).toMatch(/^RedisStateStore\.update: .*3 attempts/);
    expect(calls).toBe(3);
    expect((await store.get('u'))?.impressions).toBe(1);
  });

  it('the check-and-set script applies a write once even when a client sends it twice, and reports the write as done both times', async () => {
    const key = keyOf(uniquePrefix(), 'u');
    const json = serializeState(seen(undefined, 0));
    const args = [key, '', 'token-1', json, '60'];
    expect(await client.evalsha(CHECK_AND_SET_SHA, 1, ...args)).toBe('token-1');
    // Sent again, it finds its own token: done, nothing changes.
    expect(await client.evalsha(CHECK_AND_SET_SHA, 1, ...args)).toEqual(['token-1', json]);
    // A writer holding a stale token is told what is stored now and changes nothing.
    expect(await client.evalsha(CHECK_AND_SET_SHA, 1, key, '', 'token-2', '{}', '60')).toEqual([
      'token-1',
      json,
    ]);
    expect(await client.hget(key, 's')).toBe(json);
    // With no state at all, the reply says so.
    const empty = keyOf(uniquePrefix(), 'nobody');
    expect(
      await client.evalsha(CHECK_AND_SET_SHA, 1, empty, 'token-0', 'token-3', json, '60'),
    ).toEqual(['', null]);
    expect(await client.exists(empty)).toBe(0);
  });

  it('update falls back to EVAL when the server has lost its script cache', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix });
    await client.script('FLUSH');
    expect((await store.update('u', (s) => seen(s, 0))).impressions).toBe(1);
    expect(await client.script('EXISTS', CHECK_AND_SET_SHA)).toEqual([1]);
  });

  it('get/update/delete reject malformed user ids with code request before sending any command', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix });
    for (const userId of ['', 'x'.repeat(1_025), '\uD800', 7]) {
      await expect(store.get(userId as string)).rejects.toMatchObject({
        code: 'request',
        path: 'userId',
      });
      await expect(store.update(userId as string, (s) => seen(s, 0))).rejects.toMatchObject({
        code: 'request',
        path: 'userId',
      });
      await expect(store.delete(userId as string)).rejects.toMatchObject({ code: 'request' });
    }
    await expect(store.update('u', null as never)).rejects.toMatchObject({
      code: 'request',
      path: 'fn',
    });
    expect(await keysUnder(prefix)).toEqual([]);
  });

  it('get/update/delete reject with code store, wrapping the cause, when the client cannot reach Redis', async () => {
    const closed = await connectRedis(redisPort());
    await closed.quit();
    const store = new RedisStateStore({ client: closed, prefix: uniquePrefix() });
    for (const call of [
      () => store.get('u'),
      () => store.update('u', (s) => seen(s, 0)),
      () => store.delete('u'),
    ]) {
      const error: unknown = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RebalanceError);
      expect(error).toMatchObject({ code: 'store' });
      expect((error as Error).cause).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(
        /^RedisStateStore\.(get|update|delete): the Redis command failed/,
      );
    }
  });

  it('update from the snapshot this replica wrote last costs one command (the check-and-set), and get answers without parsing the same JSON again', async () => {
    const prefix = uniquePrefix();
    const { counting, calls } = countingClient();
    const store = new RedisStateStore({ client: counting, prefix });
    await store.update('u', (s) => seen(s, 0));
    expect(calls).toEqual({ hmget: 1, evalsha: 1 });
    const second = await store.update('u', (s) => seen(s, 1));
    expect(calls).toEqual({ hmget: 1, evalsha: 2 });
    expect(second.impressions).toBe(2);
    const read = await store.get('u');
    expect(read).toBe(second);
    // A store without remembered snapshots reads before every write.
    const cold = new RedisStateStore({ client: counting, prefix, cacheSize: 0 });
    expect((await cold.update('u', (s) => seen(s, 2))).impressions).toBe(3);
    expect(calls).toEqual({ hmget: 3, evalsha: 3 });
  });

  it('a snapshot made stale by another replica loses nothing: the check-and-set answers with the stored state and fn runs again on it, without waiting', async () => {
    const prefix = uniquePrefix();
    const draws: number[] = [];
    const a = new RedisStateStore({ client, prefix, random: () => (draws.push(0), 0) });
    const b = new RedisStateStore({ client, prefix });
    await a.update('u', (s) => seen(s, 0));
    await b.update('u', (s) => seen(s, 1));
    const given: number[] = [];
    const state = await a.update('u', (s) => {
      given.push(s?.impressions ?? 0);
      return seen(s, 2);
    });
    expect(given).toEqual([1, 2]);
    expect(state.impressions).toBe(3);
    expect(draws).toEqual([]);
    // Erased by the other replica: the next update starts from nothing.
    expect(await b.delete('u')).toBe(true);
    const after: (number | undefined)[] = [];
    const fresh = await a.update('u', (s) => {
      after.push(s?.impressions);
      return seen(s, 3);
    });
    expect(after).toEqual([3, undefined]);
    expect(fresh.impressions).toBe(1);
    expect((await b.get('u'))?.impressions).toBe(1);
  });

  it('a remembered state is never answered for JSON that differs from what Redis returns', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix });
    const written = await store.update('u', (s) => seen(s, 0));
    const key = keyOf(prefix, 'u');
    // Another writer replaces the JSON but not the token: get validates what it reads.
    const other = serializeState(seen(seen(undefined, 5), 6));
    await client.hset(key, 's', other);
    const read = await store.get('u');
    expect(read?.impressions).toBe(2);
    expect(read).not.toBe(written);
    await client.hset(key, 's', '{"version": 1');
    await expect(store.get('u')).rejects.toMatchObject({ code: 'state' });
  });

  it('new RedisStateStore(options) rejects a missing client and out-of-range options with code argument and the option as path', () => {
    const cases: [unknown, string][] = [
      [undefined, 'options'],
      [{}, 'client'],
      [{ client: { get: () => 0 } }, 'client'],
      [{ client, prefix: 'p'.repeat(257) }, 'prefix'],
      [{ client, ttlSeconds: 0 }, 'ttlSeconds'],
      [{ client, ttlSeconds: 1.5 }, 'ttlSeconds'],
      [{ client, maxRetries: -1 }, 'maxRetries'],
      [{ client, maxRetries: 1_001 }, 'maxRetries'],
      [{ client, random: 0.5 }, 'random'],
      [{ client, cacheSize: -1 }, 'cacheSize'],
      [{ client, cacheSize: 1.5 }, 'cacheSize'],
      [{ client, cacheSize: 1_000_001 }, 'cacheSize'],
    ];
    for (const [options, path] of cases) {
      expect(() => new RedisStateStore(options as never)).toThrow(
        expect.objectContaining({ code: 'argument', path }),
      );
    }
  });
});

describe('backoffDelay', () => {
  it('backoffDelay(attempt, random) lies in [0, min(100, 2 · 2^attempt)) ms and grows with random', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, u) => {
          const ceiling = Math.min(100, 2 * 2 ** attempt);
          const delay = backoffDelay(attempt, () => u);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(ceiling);
          expect(delay).toBeCloseTo(u * ceiling, 9);
        },
      ),
    );
  });

  it('systemRandom() draws from [0, 1) with a mean near 1/2', () => {
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 10_000; i++) {
      const u = systemRandom();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // Standard error of the mean of 10,000 uniforms: 1 / sqrt(12 · 10,000) ≈ 0.0029; allow 6σ.
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.018);
  });
});

/** The shared client with `hmget` and `evalsha` counted. */
function countingClient(): { counting: Redis; calls: { hmget: number; evalsha: number } } {
  const calls = { hmget: 0, evalsha: 0 };
  const counting = {
    hget: (...args: Parameters<Redis['hget']>) => client.hget(...args),
    hmget: (key: string, ...fields: string[]) => {
      calls.hmget++;
      return client.hmget(key, ...fields);
    },
    evalsha: (sha: string, keys: number, ...args: string[]) => {
      calls.evalsha++;
      return client.evalsha(sha, keys, ...args);
    },
    eval: (script: string, keys: number, ...args: string[]) => client.eval(script, keys, ...args),
    del: (key: string) => client.del(key),
  };
  return { counting: counting as unknown as Redis, calls };
}
