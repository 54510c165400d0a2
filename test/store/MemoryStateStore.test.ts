import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { MemoryStateStore } from '../../src/store/MemoryStateStore.js';
import { readEvents } from '../../src/store/appendEvents.js';
import type { UserState } from '../../src/index.js';
import { emptyState, events as eventBatches, rb, seen } from './fixtures.js';

const TTL = 100;

/** What the model stores per user: the impressions count stands for the state. */
interface ModelEntry {
  impressions: number;
  expiresAt: number;
  lastUsed: number;
}

/**
 * A brute-force reference: a list of entries, scanned in full on every operation. Expiry counts
 * from the last update; eviction removes the live entry used longest ago.
 */
class Model {
  readonly entries = new Map<number, ModelEntry>();
  #uses = 0;
  constructor(readonly maxUsers: number) {}

  #live(user: number, now: number): ModelEntry | undefined {
    const e = this.entries.get(user);
    return e !== undefined && e.expiresAt > now ? e : undefined;
  }
  liveCount(now: number): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.expiresAt > now) n++;
    return n;
  }
  get(user: number, now: number): number | undefined {
    const e = this.#live(user, now);
    if (e !== undefined) e.lastUsed = ++this.#uses;
    return e?.impressions;
  }
  update(user: number, now: number): number {
    const impressions = (this.#live(user, now)?.impressions ?? 0) + 1;
    this.entries.set(user, { impressions, expiresAt: now + TTL, lastUsed: ++this.#uses });
    if (this.liveCount(now) > this.maxUsers) {
      let oldest: number | undefined;
      for (const [u, e] of this.entries) {
        if (e.expiresAt <= now) continue;
        if (oldest === undefined || e.lastUsed < this.entries.get(oldest)!.lastUsed) oldest = u;
      }
      this.entries.delete(oldest!);
    }
    return impressions;
  }
  delete(user: number, now: number): boolean {
    const had = this.#live(user, now) !== undefined;
    this.entries.delete(user);
    return had;
  }
}

const operation = fc.record({
  kind: fc.constantFrom('get', 'update', 'update', 'delete'),
  user: fc.integer({ min: 0, max: 6 }),
  // Steps of up to 60% of the TTL make expiry common within a run.
  dt: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60 })),
});

describe('MemoryStateStore', () => {
  it('get/update/delete match a brute-force LRU-with-TTL model on random operation sequences, and size counts exactly the live users', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(operation, { maxLength: 80 }),
        async (maxUsers, ops) => {
          let now = 1_000;
          const store = new MemoryStateStore({ maxUsers, ttlMs: TTL, now: () => now });
          const model = new Model(maxUsers);
          for (const op of ops) {
            now += op.dt;
            const id = `user-${op.user}`;
            if (op.kind === 'get') {
              expect((await store.get(id))?.impressions).toBe(model.get(op.user, now));
            } else if (op.kind === 'update') {
              const state = await store.update(id, (s) => seen(s, now));
              expect(state.impressions).toBe(model.update(op.user, now));
            } else {
              expect(await store.delete(id)).toBe(model.delete(op.user, now));
            }
            expect(store.size).toBe(model.liveCount(now));
            expect(store.size).toBeLessThanOrEqual(maxUsers);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('update(userId, fn) run 1,000 times concurrently for one user loses no impression', async () => {
    const store = new MemoryStateStore();
    const updates = Array.from({ length: 1_000 }, (_, i) =>
      store.update('same-user', (s) => seen(s, i)),
    );
    const states = await Promise.all(updates);
    expect((await store.get('same-user'))?.impressions).toBe(1_000);
    // Each update saw the result of the one before it.
    expect(states.map((s) => s.impressions)).toEqual(
      Array.from({ length: 1_000 }, (_, i) => i + 1),
    );
  });

  it('update(userId, fn) calls fn with undefined once ttlMs has passed since the last update, and reads do not extend the TTL', async () => {
    let now = 0;
    const store = new MemoryStateStore({ ttlMs: 1_000, now: () => now });
    await store.update('u', (s) => seen(s, now));
    now = 999;
    expect((await store.get('u'))?.impressions).toBe(1);
    now = 1_000;
    expect(await store.get('u')).toBeUndefined();
    const received: unknown[] = [];
    await store.update('u', (s) => {
      received.push(s);
      return seen(s, now);
    });
    expect(received).toEqual([undefined]);
  });

  it('update with maxUsers: 1,000 over 10,000 users keeps exactly the 1,000 most recently used', async () => {
    const store = new MemoryStateStore({ maxUsers: 1_000 });
    for (let i = 0; i < 10_000; i++) await store.update(`u${i}`, (s) => seen(s, i));
    // Reading u9000 makes it the most recent, so the next write evicts u9001 instead.
    await store.get('u9000');
    await store.update('extra', (s) => seen(s, 0));
    expect(store.size).toBe(1_000);
    expect(await store.get('u9000')).toBeDefined();
    expect(await store.get('u9001')).toBeUndefined();
    expect(await store.get('u8999')).toBeUndefined();
    expect(await store.get('u9999')).toBeDefined();
  });

  it('update after a long idle period sweeps every expired state, so memory holds live users only', async () => {
    let now = 0;
    const store = new MemoryStateStore({ ttlMs: 10, now: () => now });
    for (let i = 0; i < 500; i++) await store.update(`u${i}`, (s) => seen(s, now));
    now = 5;
    await store.update('u0', (s) => seen(s, now));
    now = 12;
    await store.get('anyone');
    expect(store.size).toBe(1);
    expect((await store.get('u0'))?.impressions).toBe(2);
  });

  it('delete(userId) erases the state and reports whether there was one', async () => {
    const store = new MemoryStateStore();
    await store.update('u', (s) => seen(s, 0));
    expect(await store.delete('u')).toBe(true);
    expect(await store.get('u')).toBeUndefined();
    expect(await store.delete('u')).toBe(false);
    expect(store.size).toBe(0);
  });

  it('operations leave no timer or other handle behind, so a process using the store can exit', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
    let now = 0;
    const store = new MemoryStateStore({ maxUsers: 10, ttlMs: 5, now: () => now });
    for (let i = 0; i < 100; i++) {
      now += 1;
      await store.update(`u${i % 20}`, (s) => seen(s, now));
      await store.get(`u${i % 7}`);
    }
    const after = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
    expect(after).toEqual(before);
  });

  it('get/update/delete reject a user id that is not a non-empty well-formed string of at most 1,024 characters with code request and path userId, without echoing the id', async () => {
    const store = new MemoryStateStore();
    const bad: unknown[] = ['', 'x'.repeat(1_025), 'a\uD800b', '\uDC00', 42, null, undefined, {}];
    for (const userId of bad) {
      for (const call of [
        () => store.get(userId as string),
        () => store.update(userId as string, (s) => seen(s, 0)),
        () => store.delete(userId as string),
      ]) {
        const error: unknown = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RebalanceError);
        expect(error).toMatchObject({ code: 'request', path: 'userId' });
        expect((error as Error).message).toMatch(
          /^MemoryStateStore\.(get|update|delete): userId must /,
        );
        if (typeof userId === 'string' && userId.length > 2) {
          expect((error as Error).message).not.toContain(userId.slice(0, 20));
        }
      }
    }
    expect(store.size).toBe(0);
  });

  it('get/update accept any well-formed id of 1 to 1,024 characters as a distinct key', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (ids) => {
          const store = new MemoryStateStore();
          for (let i = 0; i < ids.length; i++) {
            for (let k = 0; k <= i; k++) await store.update(ids[i]!, (s) => seen(s, k));
          }
          for (let i = 0; i < ids.length; i++) {
            expect((await store.get(ids[i]!))?.impressions).toBe(i + 1);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('update(userId, fn) rejects a non-function fn with code request, a non-state result with code state, and stores nothing', async () => {
    const store = new MemoryStateStore();
    await expect(store.update('u', 'fn' as never)).rejects.toMatchObject({
      code: 'request',
      path: 'fn',
    });
    const results: unknown[] = [
      undefined,
      null,
      [],
      Promise.resolve(emptyState()),
      { ...emptyState(), impressions: -1 },
      { ...emptyState(), version: 2 },
    ];
    for (const result of results) {
      await expect(store.update('u', () => result as never)).rejects.toMatchObject({
        code: 'state',
      });
    }
    expect(store.size).toBe(0);
  });

  it('update(userId, fn) passes on what fn throws and keeps the previous state', async () => {
    const store = new MemoryStateStore();
    await store.update('u', (s) => seen(s, 0));
    const boom = new Error('boom');
    await expect(
      store.update('u', () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect((await store.get('u'))?.impressions).toBe(1);
  });

  it('new MemoryStateStore(options) rejects out-of-range options with code argument and the option as path', () => {
    const cases: [object, string][] = [
      [{ maxUsers: 0 }, 'maxUsers'],
      [{ maxUsers: 1.5 }, 'maxUsers'],
      [{ maxUsers: 16_777_217 }, 'maxUsers'],
      [{ ttlMs: 0 }, 'ttlMs'],
      [{ ttlMs: Number.POSITIVE_INFINITY }, 'ttlMs'],
      [{ ttlMs: Number.NaN }, 'ttlMs'],
      [{ now: 5 }, 'now'],
      [{ rebalancer: {} }, 'rebalancer'],
      [{ rebalancer: { observe: () => 0 } }, 'rebalancer'],
      [{ maxAppendEvents: 0 }, 'maxAppendEvents'],
      [{ maxAppendEvents: 100_001 }, 'maxAppendEvents'],
    ];
    for (const [options, path] of cases) {
      expect(() => new MemoryStateStore(options)).toThrow(
        expect.objectContaining({ code: 'argument', path }),
      );
    }
  });

  it('get rejects with code argument when the now option returns something other than a finite number', async () => {
    const store = new MemoryStateStore({ now: () => Number.NaN });
    await expect(store.get('u')).rejects.toMatchObject({ code: 'argument', path: 'now' });
  });

  it('append(userId, events) folds each batch at once: the state equals rb.observe of the batches in order, interleaved with updates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventBatches(), { minLength: 1, maxLength: 6 }),
        async (batches) => {
          const store = new MemoryStateStore({ rebalancer: rb });
          let expected = rb.emptyState();
          for (const [i, batch] of batches.entries()) {
            await store.append('u', batch);
            expected = rb.observe(expected, batch);
            if (i % 2 === 1) {
              await store.update('u', (s) => seen(s, 20_000_000 + i));
              expected = seen(expected, 20_000_000 + i);
            }
          }
          expect(rb.serializeState((await store.get('u'))!)).toBe(rb.serializeState(expected));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('append run 1,000 times concurrently for one user counts every impression, refreshes the TTL and keeps the LRU bound', async () => {
    let now = 0;
    const store = new MemoryStateStore({ rebalancer: rb, maxUsers: 2, ttlMs: 100, now: () => now });
    await Promise.all(
      Array.from({ length: 1_000 }, (_, i) => store.append('u', { item: { id: `v${i}` }, at: i })),
    );
    expect((await store.get('u'))?.impressions).toBe(1_000);
    now = 90;
    await store.append('u', { item: { id: 'late' }, at: 1_000 });
    now = 150;
    expect((await store.get('u'))?.impressions).toBe(1_001);
    await store.append('v', { item: { id: 'a' }, at: 0 });
    await store.append('w', { item: { id: 'a' }, at: 0 });
    expect(store.size).toBe(2);
    expect(await store.get('u')).toBeUndefined();
  });

  it('append rejects a malformed event with code impression naming its index under events, too many events, a missing rebalancer (code argument) and a malformed user id, and changes nothing', async () => {
    const store = new MemoryStateStore({ rebalancer: rb, maxAppendEvents: 2 });
    await store.append('u', { item: { id: 'a' }, at: 0 });
    const bad = [
      { item: { id: 'b' }, at: 1 },
      { item: { id: 'c' }, at: Number.NaN },
    ];
    await expect(store.append('u', bad as never)).rejects.toMatchObject({
      code: 'impression',
      path: 'events[1].at',
      message: expect.stringMatching(/^MemoryStateStore\.append: events\[1\]\.at must be/),
    });
    const three = [0, 1, 2].map((i) => ({ item: { id: `x${i}` }, at: i }));
    await expect(store.append('u', three)).rejects.toMatchObject({
      code: 'impression',
      path: 'events',
    });
    await expect(store.append('', [])).rejects.toMatchObject({ code: 'request', path: 'userId' });
    await expect(
      new MemoryStateStore().append('u', { item: { id: 'a' }, at: 0 }),
    ).rejects.toMatchObject({ code: 'argument', path: 'rebalancer' });
    expect((await store.get('u'))?.impressions).toBe(1);
    // An empty list stores nothing and creates no state.
    await store.append('new', []);
    expect(await store.get('new')).toBeUndefined();
  });

  it('append refuses exactly the batches a check of every event on an empty state refuses, with the same error, and otherwise stores what observe gives, with or without event ids', async () => {
    // Valid impressions and feedback, and entries broken in the ways observe refuses.
    const entry = fc.oneof(
      fc.record({
        item: fc.record({ id: fc.constantFrom('a', 'b', 'c'), topics: fc.constant(['pro-ana']) }),
        at: fc.integer({ min: 0, max: 1_000 }),
      }),
      fc.record({ seeLess: fc.constant({ target: 'eating-disorder' }), at: fc.nat(1_000) }),
      fc.constantFrom<unknown>(
        { item: { id: '' }, at: 1 },
        { item: { id: 'x' }, at: Number.NaN },
        { item: { id: 'x' }, at: 1, dwellMs: -1 },
        { seeLess: { target: 'nope' }, at: 1 },
        null,
        7,
      ),
    );
    const withIds = (list: unknown[], ids: boolean): unknown[] =>
      ids
        ? list.map((e, i) =>
            typeof e === 'object' && e !== null ? { ...e, eventId: `e${i % 3}` } : e,
          )
        : list;
    await fc.assert(
      fc.asyncProperty(
        fc.array(entry, { maxLength: 6 }),
        fc.array(entry, { maxLength: 6 }),
        fc.boolean(),
        async (first, second, ids) => {
          const store = new MemoryStateStore({ rebalancer: rb });
          let expected: UserState | undefined;
          for (const batch of [withIds(first, ids), withIds(second, ids)]) {
            const api = 'MemoryStateStore.append';
            let refusal: unknown = null;
            try {
              readEvents(api, rb, batch, 1_000);
            } catch (error) {
              refusal = error;
            }
            const got: unknown = await store.append('u', batch as never).catch((e: unknown) => e);
            if (refusal === null) {
              expect(got).toBeUndefined();
              if (batch.length > 0) expected = rb.observe(expected ?? emptyState(), batch as never);
            } else {
              expect(got).toBeInstanceOf(RebalanceError);
              const { code, path, message } = got as RebalanceError;
              const want = refusal as RebalanceError;
              expect({ code, path, message }).toEqual({
                code: want.code,
                path: want.path,
                message: want.message,
              });
            }
            expect(await store.get('u')).toEqual(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
