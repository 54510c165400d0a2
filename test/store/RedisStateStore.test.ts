import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { serializeState } from '../../src/exposure/stateShape.js';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { CHECK_AND_SET, READ } from '../../src/store/redis/scripts.js';
import { emptyState, rb, seen } from './fixtures.js';
import { closeClient, keysMatching, TARGETS, uniquePrefix } from './redisClient.js';

function hashOf(userId: string): string {
  return createHash('sha256').update(userId, 'utf8').digest('base64url');
}

/** The state key of a user, written out here rather than taken from the store. */
function keyOf(prefix: string, userId: string): string {
  return `${prefix}{${hashOf(userId)}}`;
}

describe.each(TARGETS)('RedisStateStore on a $name', (target) => {
  let client: Redis | Cluster;

  beforeAll(async () => {
    client = await target.connect();
  });

  afterAll(async () => {
    await closeClient(client);
  });

  const keysUnder = (prefix: string) => keysMatching(client, `${prefix}*`);

  it('update/get/delete round-trip a state under prefix{SHA-256(userId)}, with the state JSON and a version token in one hash', async () => {
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

  it('update sets the TTL to ttlSeconds and refreshes it on every write, while get leaves it alone; append refreshes the TTL of state and log', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix, ttlSeconds: 1_000, rebalancer: rb });
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
    await client.expire(key, 50);
    await store.append('u', { item: { id: 'a' }, at: 2 });
    expect(await client.ttl(key)).toBeGreaterThan(990);
    expect(await client.ttl(`${key}:log`)).toBeGreaterThan(990);
  });

  it('the default TTL is 30 days', async () => {
    const prefix = uniquePrefix();
    await new RedisStateStore({ client, prefix }).update('u', (s) => seen(s, 0));
    const ttl = await client.ttl(keyOf(prefix, 'u'));
    expect(ttl).toBeGreaterThan(30 * 86_400 - 10);
    expect(ttl).toBeLessThanOrEqual(30 * 86_400);
  });

  it('hostile user ids (separators, globs, cluster hash tags, control characters, 1,024 characters) each get their own fixed-length hash-tagged keys inside the prefix, never containing the id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.oneof(
            fc.constantFrom('*', '{tag}', '}{', 'a:b', '../x', '\u0000', 'k'.repeat(1_024)),
            fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        async (ids) => {
          const prefix = uniquePrefix();
          const store = new RedisStateStore({ client, prefix, rebalancer: rb });
          for (let i = 0; i < ids.length; i++) {
            for (let k = 0; k <= i; k++) await store.update(ids[i]!, (s) => seen(s, k));
            await store.append(ids[i]!, { item: { id: 'x' }, at: 100 });
          }
          const keys = await keysUnder(prefix);
          expect(keys).toHaveLength(2 * ids.length);
          for (const key of keys) {
            expect(key.slice(prefix.length)).toMatch(/^\{[A-Za-z0-9_-]{43}\}(:log)?$/);
          }
          for (let i = 0; i < ids.length; i++) {
            expect((await store.get(ids[i]!))?.impressions).toBe(i + 2);
            expect(await store.delete(ids[i]!)).toBe(true);
          }
          expect(await keysUnder(prefix)).toEqual([]);
        },
      ),
      { numRuns: 10 },
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

  it('update that loses a race after a fresh read queues for the lease, runs fn again on what is stored, and lands; the lease and queue are gone afterwards', async () => {
    const prefix = uniquePrefix();
    // No remembered snapshots: every attempt starts from a fresh read.
    const store = new RedisStateStore({ client, prefix, cacheSize: 0 });
    await store.update('u', (s) => seen(s, 0));
    const key = keyOf(prefix, 'u');
    let calls = 0;
    const given: number[] = [];
    const state = await store.update('u', (s) => {
      calls++;
      given.push(s?.impressions ?? 0);
      // Sent on the same connection before the store's check-and-set, so it always lands first.
      if (calls <= 3) void client.hset(key, 'v', `intruder-${calls}`);
      return seen(s, calls);
    });
    expect(calls).toBe(4);
    expect(given).toEqual([1, 1, 1, 1]);
    expect(state.impressions).toBe(2);
    expect((await store.get('u'))?.impressions).toBe(2);
    expect(await keysUnder(prefix)).toEqual([key]);
  });

  it('update called 200 times at once for one user in one process lands every update in call order, because updates of a user queue in process', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix });
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

  it('update waits while another writer holds the lease and writes once it expires (a crashed holder); with maxWaitMs shorter than the lease it rejects with code conflict, writes nothing and leaves the queue', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix });
    await store.update('u', (s) => seen(s, 0));
    const key = keyOf(prefix, 'u');
    await client.set(`${key}:lease`, 'crashed-writer', 'PX', 300);
    let calls = 0;
    const state = await store.update('u', (s) => {
      calls++;
      return seen(s, 1);
    });
    // Refused while the lease was held, then run again once this writer held it.
    expect(calls).toBe(2);
    expect(state.impressions).toBe(2);
    expect(await client.exists(`${key}:lease`, `${key}:queue`)).toBe(0);

    await client.set(`${key}:lease`, 'stuck-writer', 'PX', 60_000);
    const impatient = new RedisStateStore({ client, prefix, maxWaitMs: 100 });
    const error: unknown = await impatient.update('u', (s) => seen(s, 2)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RebalanceError);
    expect(error).toMatchObject({ code: 'conflict' });
    expect((error as Error).message).toMatch(
      /^RedisStateStore\.update: waited 100 ms \(maxWaitMs\)/,
    );
    expect(await client.zcard(`${key}:queue`)).toBe(0);
    await client.del(`${key}:lease`);
    expect((await store.get('u'))?.impressions).toBe(2);
  });

  it('the check-and-set script applies a write once even when a client sends it twice, and reports the write as done both times', async () => {
    const key = keyOf(uniquePrefix(), 'u');
    const keys = [key, `${key}:log`, `${key}:lease`, `${key}:queue`];
    const json = serializeState(seen(undefined, 0));
    const cas = (...args: string[]) => client.evalsha(CHECK_AND_SET.sha, 4, ...keys, ...args);
    await client.eval(
      CHECK_AND_SET.source,
      4,
      ...keys,
      '',
      '',
      '0',
      '0',
      'token-1',
      json,
      '60',
      '',
    );
    // Sent again, it finds its own token: done, nothing changes.
    expect(await cas('', '', '0', '0', 'token-1', json, '60', '')).toBe('token-1');
    // A writer holding a stale token is told what is stored now and changes nothing.
    expect(await cas('', '', '0', '0', 'token-2', '{}', '60', '')).toEqual([
      1,
      'token-1',
      json,
      [],
    ]);
    expect(await client.hget(key, 's')).toBe(json);
    // With no state at all, the reply says so.
    const empty = keyOf(uniquePrefix(), 'nobody');
    const emptyKeys = [empty, `${empty}:log`, `${empty}:lease`, `${empty}:queue`];
    expect(
      await client.evalsha(
        CHECK_AND_SET.sha,
        4,
        ...emptyKeys,
        't0',
        '',
        '0',
        '0',
        't3',
        json,
        '60',
        '',
      ),
    ).toEqual([1, '', null, []]);
    expect(await client.exists(empty)).toBe(0);
  });

  it('get, update and append fall back to EVAL when a node has lost its script cache', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    const flush = async () => {
      if ('nodes' in client) {
        await Promise.all(client.nodes('master').map((node) => node.script('FLUSH')));
      } else await client.script('FLUSH');
    };
    await flush();
    expect((await store.update('u', (s) => seen(s, 0))).impressions).toBe(1);
    await flush();
    await store.append('u', { item: { id: 'a' }, at: 1 });
    await flush();
    expect((await store.get('u'))?.impressions).toBe(2);
  });

  it('get/update/append/delete reject malformed user ids with code request before sending any command', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    for (const userId of ['', 'x'.repeat(1_025), '\uD800', 7]) {
      await expect(store.get(userId as string)).rejects.toMatchObject({
        code: 'request',
        path: 'userId',
      });
      await expect(store.update(userId as string, (s) => seen(s, 0))).rejects.toMatchObject({
        code: 'request',
        path: 'userId',
      });
      await expect(
        store.append(userId as string, { item: { id: 'a' }, at: 0 }),
      ).rejects.toMatchObject({ code: 'request', path: 'userId' });
      await expect(store.delete(userId as string)).rejects.toMatchObject({ code: 'request' });
    }
    await expect(store.update('u', null as never)).rejects.toMatchObject({
      code: 'request',
      path: 'fn',
    });
    expect(await keysUnder(prefix)).toEqual([]);
  });

  it('get/update/append/delete reject with code store, wrapping the cause, when the client cannot reach Redis', async () => {
    const closed = await target.connect();
    await closed.quit();
    const store = new RedisStateStore({ client: closed, prefix: uniquePrefix(), rebalancer: rb });
    for (const call of [
      () => store.get('u'),
      () => store.update('u', (s) => seen(s, 0)),
      () => store.append('u', { item: { id: 'a' }, at: 0 }),
      () => store.delete('u'),
    ]) {
      const error: unknown = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RebalanceError);
      expect(error).toMatchObject({ code: 'store' });
      expect((error as Error).cause).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(
        /^RedisStateStore\.(get|update|append|delete): the Redis command failed/,
      );
    }
  });

  it('update from the snapshot this replica wrote last costs one command (the check-and-set), and get answers without parsing the same JSON again', async () => {
    const prefix = uniquePrefix();
    const { counting, calls } = countingClient(client);
    const store = new RedisStateStore({ client: counting, prefix });
    await store.update('u', (s) => seen(s, 0));
    expect(calls).toEqual({ read: 1, write: 1, other: 0 });
    const second = await store.update('u', (s) => seen(s, 1));
    expect(calls).toEqual({ read: 1, write: 2, other: 0 });
    expect(second.impressions).toBe(2);
    const read = await store.get('u');
    expect(read).toBe(second);
    // A store without remembered snapshots reads before every write.
    const cold = new RedisStateStore({ client: counting, prefix, cacheSize: 0 });
    expect((await cold.update('u', (s) => seen(s, 2))).impressions).toBe(3);
    expect(calls).toEqual({ read: 3, write: 3, other: 0 });
  });

  it('a snapshot made stale by another replica loses nothing: the check-and-set answers with the stored state and fn runs again on it, without queueing', async () => {
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

  it('every script sent touches only keys of one hash slot (a key without the hash tag fails with CROSSSLOT on a cluster)', async () => {
    const prefix = uniquePrefix();
    const key = keyOf(prefix, 'u');
    // The store's own keys: one slot.
    expect(
      await client
        .evalsha(READ.sha, 2, key, `${key}:log`)
        .catch(() => client.eval(READ.source, 2, key, `${key}:log`)),
    ).toEqual(['', null, []]);
    const untagged = `${prefix}${hashOf('u')}`;
    const crossSlot = client.eval(READ.source, 2, untagged, `${untagged}:log`);
    if (target.name === 'cluster') await expect(crossSlot).rejects.toThrow(/CROSSSLOT/);
    else expect(await crossSlot).toEqual(['', null, []]);
  });
});

/** The client with the store's scripts counted: reads (READ), writes (CHECK_AND_SET), other. */
function countingClient(client: Redis | Cluster) {
  const calls = { read: 0, write: 0, other: 0 };
  const count = (sha: string) => {
    if (sha === READ.sha) calls.read++;
    else if (sha === CHECK_AND_SET.sha) calls.write++;
    else calls.other++;
  };
  const counting = {
    evalsha: (sha: string, keys: number, ...args: string[]) => {
      count(sha);
      return client.evalsha(sha, keys, ...args);
    },
    eval: (script: string, keys: number, ...args: string[]) => client.eval(script, keys, ...args),
    del: (...keys: string[]) => client.del(...keys),
  };
  return { counting: counting as unknown as Redis, calls };
}
