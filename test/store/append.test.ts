import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import type { ObserveEvent } from '../../src/index.js';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { events as eventArbitrary, rb, seen } from './fixtures.js';
import { closeClient, keysMatching, TARGETS, uniquePrefix } from './redisClient.js';

function keyOf(prefix: string, userId: string): string {
  return `${prefix}{${createHash('sha256').update(userId, 'utf8').digest('base64url')}}`;
}

/** What observing the batches one after the other gives, serialised: the oracle. */
function observed(batches: readonly (readonly ObserveEvent[])[]): string {
  let state = rb.emptyState();
  for (const batch of batches) state = rb.observe(state, batch);
  return rb.serializeState(state);
}

describe.each(TARGETS)('RedisStateStore.append on a $name', (target) => {
  let client: Redis | Cluster;

  beforeAll(async () => {
    client = await target.connect();
  });

  afterAll(async () => {
    await closeClient(client);
  });

  it('append then get gives exactly the state rb.observe gives for the same batches in the same order, whether or not the log was folded meanwhile', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArbitrary(), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        async (batches, foldEvery) => {
          const prefix = uniquePrefix();
          const store = new RedisStateStore({ client, prefix, rebalancer: rb, foldEvery });
          for (const batch of batches) await store.append('u', batch);
          const state = await store.get('u');
          expect(rb.serializeState(state!)).toBe(observed(batches));
          // Folded entries left the log; the rest are still pending.
          expect(await client.llen(`${keyOf(prefix, 'u')}:log`)).toBe(batches.length % foldEvery);
          // A replica that never saw the user reads the same.
          const other = new RedisStateStore({ client, prefix, rebalancer: rb });
          expect(rb.serializeState((await other.get('u'))!)).toBe(observed(batches));
        },
      ),
      { numRuns: 15 },
    );
  });

  it('update folds the pending events first, passes the folded state to fn and removes exactly the entries it folded', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    const a = [{ item: { id: 'a', hashtags: ['#thinspo'] }, at: 10 }];
    const b = [
      { item: { id: 'b' }, at: 20 },
      { seeLess: { target: 'pro-ana' }, at: 25 },
    ];
    await store.append('u', a);
    await store.append('u', b);
    let given: string | undefined;
    const written = await store.update('u', (s) => {
      given = rb.serializeState(s!);
      return seen(s, 30);
    });
    expect(given).toBe(observed([a, b]));
    expect(written.impressions).toBe(3);
    expect(await client.exists(`${keyOf(prefix, 'u')}:log`)).toBe(0);
    expect((await store.get('u'))?.impressions).toBe(3);
  });

  it('get folds only the entries appended since this replica last folded the log, and starts over when another writer changed the state or the log was erased', async () => {
    const prefix = uniquePrefix();
    const writer = new RedisStateStore({ client, prefix, rebalancer: rb, foldEvery: 100 });
    // Events folded, not calls: consecutive entries may be folded in one call.
    let observedEvents = 0;
    const counting = {
      observe: (state: Parameters<typeof rb.observe>[0], e: Parameters<typeof rb.observe>[1]) => {
        observedEvents += Array.isArray(e) ? e.length : 1;
        return rb.observe(state, e);
      },
      emptyState: () => rb.emptyState(),
    };
    const reader = new RedisStateStore({ client, prefix, rebalancer: counting });
    const batch = (i: number) => [{ item: { id: `v${i}`, hashtags: ['#thinspo'] }, at: i * 10 }];
    const batches: ObserveEvent[][] = [];
    const appendAll = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        batches.push(batch(i));
        await writer.append('u', batch(i));
      }
    };
    const read = async () => rb.serializeState((await reader.get('u'))!);
    await appendAll(0, 3);
    expect(await read()).toBe(observed(batches));
    expect(observedEvents).toBe(3);
    await appendAll(3, 5);
    expect(await read()).toBe(observed(batches));
    expect(observedEvents).toBe(5);
    // Another replica folds the log into a new state: nothing left to fold.
    await writer.update('u', (s) => s!);
    expect(await read()).toBe(observed(batches));
    expect(observedEvents).toBe(5);
    // A write that folded nothing lands after the reader folded an entry appended meanwhile: the
    // log begins with the same entry, but the state under it changed.
    const fresh = new RedisStateStore({ client, prefix, rebalancer: rb, cacheSize: 0 });
    let readMeanwhile: Promise<unknown> | undefined;
    await fresh.update('u', (s) => {
      if (readMeanwhile === undefined) {
        // Sent before this update's write: an append, then the reader's get.
        batches.push(batch(5));
        void writer.append('u', batch(5));
        readMeanwhile = reader.get('u');
      }
      return seen(s, 70);
    });
    await readMeanwhile;
    batches.splice(batches.length - 1, 0, [
      { item: { id: 'seen-70', hashtags: ['#thinspo'] }, at: 70, dwellMs: 10_000 },
    ]);
    expect(await read()).toBe(observed(batches));
    expect(observedEvents).toBe(7);
    // Erased, then the same events appended again: a new log, folded from the start.
    await writer.delete('u');
    batches.length = 0;
    await appendAll(0, 2);
    expect(await read()).toBe(observed(batches));
    expect(observedEvents).toBe(9);
    // An update right after a read starts from what the read folded: nothing is folded again.
    expect(rb.serializeState(await reader.update('u', (s) => s!))).toBe(observed(batches));
    expect(observedEvents).toBe(9);
    expect(await client.exists(`${keyOf(prefix, 'u')}:log`)).toBe(0);
  });

  it('append stores one compact JSON entry per call with a unique id, keeping every field of the events (an event id included) but items’ embeddings', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix, rebalancer: rb, foldEvery: 100 });
    const embedding = new Float32Array([0.5, 0.25]);
    const event = { item: { id: 'v', topics: { embedding: 1 }, embedding }, at: 5, eventId: 'e-1' };
    await store.append('u', [event]);
    await store.append('u', [event]);
    const entries = await client.lrange(`${keyOf(prefix, 'u')}:log`, 0, -1);
    expect(entries).toHaveLength(2);
    const parsed = entries.map((e) => JSON.parse(e) as { a: string; e: unknown[] });
    expect(parsed[0]!.a).not.toBe(parsed[1]!.a);
    expect(parsed[0]!.e).toEqual([
      { item: { id: 'v', topics: { embedding: 1 } }, at: 5, eventId: 'e-1' },
    ]);
    expect(entries[0]).not.toMatch(/\s/);
    // The caller's event is untouched.
    expect(event.item.embedding).toBe(embedding);
    // Both entries are stored; the fold counts the event once, by its id.
    expect((await store.get('u'))?.impressions).toBe(1);
  });

  it('append rejects a malformed event with code impression naming its index under events, and stores nothing', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    const good = { item: { id: 'a' }, at: 1 };
    const cases: [unknown, string][] = [
      [[good, good, { item: { id: 'b' }, at: 'soon' }], 'events[2].at'],
      [[good, { item: { id: '' }, at: 2 }], 'events[1].item.id'],
      [[{ seeLess: { target: 'no-such-topic' }, at: 3 }], 'events[0].seeLess.target'],
      [[good, 7], 'events[1]'],
      [{ item: { id: 'c', embedding: [1, Number.NaN] }, at: 4 }, 'events[0].item.embedding[1]'],
    ];
    for (const [events, path] of cases) {
      const error: unknown = await store.append('u', events as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RebalanceError);
      expect(error).toMatchObject({ code: 'impression', path });
      expect((error as Error).message).toMatch(
        new RegExp(`^RedisStateStore\\.append: ${path.replace(/[[\].]/g, '\\$&')} `),
      );
    }
    expect(await keysMatching(client, `${prefix}*`)).toEqual([]);
  });

  it('append bounds one call by maxAppendEvents and maxAppendBytes with code impression, and needs the rebalancer option (code argument); nothing is stored', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({
      client,
      prefix,
      rebalancer: rb,
      maxAppendEvents: 3,
      maxAppendBytes: 200,
    });
    const event = (i: number) => ({ item: { id: `v${i}` }, at: i });
    await expect(store.append('u', [0, 1, 2, 3].map(event))).rejects.toMatchObject({
      code: 'impression',
      path: 'events',
      message: expect.stringMatching(/at most 3 entries per call.*\(got 4\)/),
    });
    await expect(
      store.append('u', [{ item: { id: 'x', text: 'y'.repeat(300) }, at: 0 }]),
    ).rejects.toMatchObject({
      code: 'impression',
      path: 'events',
      message: expect.stringMatching(/at most 200 bytes as stored.*\(got \d+ bytes\)/),
    });
    const bare = new RedisStateStore({ client, prefix });
    await expect(bare.append('u', event(0))).rejects.toMatchObject({
      code: 'argument',
      path: 'rebalancer',
    });
    expect(await keysMatching(client, `${prefix}*`)).toEqual([]);
    // Exactly at the bounds is fine.
    await store.append('u', [0, 1, 2].map(event));
    expect((await store.get('u'))?.impressions).toBe(3);
  });

  it('an entry the rebalancer refuses makes get and update fail with code state naming it, folds stop, and appends to the full log fail with code state: nothing is dropped', async () => {
    const prefix = uniquePrefix();
    const store = new RedisStateStore({
      client,
      prefix,
      rebalancer: rb,
      foldEvery: 2,
      maxPendingEntries: 4,
    });
    const log = `${keyOf(prefix, 'u')}:log`;
    await store.append('u', { item: { id: 'a' }, at: 1 });
    // As if written by a replica whose taxonomy had a topic this one lacks.
    await client.rpush(log, '{"a":"other.1","e":[{"seeLess":{"target":"gone"},"at":2}]}');
    await expect(store.get('u')).rejects.toMatchObject({
      code: 'state',
      message: expect.stringMatching(/refuses pending event log entry 1/),
    });
    await expect(store.update('u', (s) => seen(s, 3))).rejects.toMatchObject({ code: 'state' });
    await store.append('u', { item: { id: 'b' }, at: 3 });
    await store.append('u', { item: { id: 'c' }, at: 4 });
    await expect(store.append('u', { item: { id: 'd' }, at: 5 })).rejects.toMatchObject({
      code: 'state',
      message: expect.stringMatching(/log is full \(4 entries/),
    });
    expect(await client.llen(log)).toBe(4);
    expect(await client.exists(keyOf(prefix, 'u'))).toBe(0);
    // A store without a rebalancer cannot fold what is pending: a clear argument error.
    const bare = new RedisStateStore({ client, prefix });
    await expect(bare.get('u')).rejects.toMatchObject({ code: 'argument', path: 'rebalancer' });
    // Erasure takes the log too.
    expect(await store.delete('u')).toBe(true);
    expect(await keysMatching(client, `${prefix}*`)).toEqual([]);
  });

  it('interleavings of appends, updates and folds from three replicas, chosen by fast-check, lose and repeat no event', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(
          fc.record({
            replica: fc.integer({ min: 0, max: 2 }),
            kind: fc.constantFrom('append', 'append', 'update', 'get'),
            size: fc.integer({ min: 1, max: 3 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        async (s, ops) => {
          const prefix = uniquePrefix();
          // Every script a replica sends waits for the scheduler, which picks the order in which
          // replicas' commands reach Redis.
          const gated = {
            evalsha: (...args: [string, number, ...string[]]) =>
              s.schedule(Promise.resolve(), 'evalsha').then(() => client.evalsha(...args)),
            eval: (...args: [string, number, ...string[]]) => client.eval(...args),
            del: (...keys: string[]) => client.del(...keys),
          } as unknown as Redis;
          const replicas = [0, 1, 2].map(
            () => new RedisStateStore({ client: gated, prefix, rebalancer: rb, foldEvery: 2 }),
          );
          let expected = 0;
          let at = 0;
          const runs = ops.map((op) => {
            const store = replicas[op.replica]!;
            if (op.kind === 'append') {
              expected += op.size;
              const batch = Array.from({ length: op.size }, () => ({
                item: { id: 'i' },
                at: at++,
              }));
              return store.append('u', batch);
            }
            if (op.kind === 'update') {
              expected += 1;
              return store.update('u', (state) => seen(state, 0));
            }
            return store.get('u');
          });
          await s.waitFor(Promise.all(runs));
          const final = await new RedisStateStore({ client, prefix, rebalancer: rb }).get('u');
          expect(final?.impressions ?? 0).toBe(expected);
        },
      ),
      { numRuns: 25 },
    );
  });
});
