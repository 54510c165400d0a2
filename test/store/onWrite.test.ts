/**
 * The stores' `onWrite` option: one report per state written or erased, with the state it
 * replaced, and none for reads, refused calls or writes that lose a check-and-set — so that the
 * reports of all replicas together form one chain of the states a user's key held.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStateStore, RebalanceError, type ObserveEvent } from '../../src/index.js';
import type { UserState } from '../../src/exposure/types.js';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { rb, seen } from './fixtures.js';
import { closeClient, TARGETS, uniquePrefix } from './redisClient.js';

/** One report: the state replaced and the state written, as JSON (null for none). */
type Report = readonly [string | null, string | null];

function recorder(): {
  readonly reports: Report[];
  readonly onWrite: (before: UserState | undefined, after: UserState | undefined) => void;
} {
  const reports: Report[] = [];
  const json = (s: UserState | undefined) => (s === undefined ? null : rb.serializeState(s));
  return { reports, onWrite: (before, after) => reports.push([json(before), json(after)]) };
}

/** One triggering impression with a unique id, so that every write stores a new state. */
const impression = (i: number): ObserveEvent[] => [
  { item: { id: `v${i}`, hashtags: ['#thinspo'] }, at: i * 1_000, dwellMs: 5_000 },
];
const refused: ObserveEvent[] = [{ seeLess: { target: 'no-such-topic' }, at: 1 }];

const operation = fc.constantFrom('get', 'update', 'append', 'refused', 'delete');

describe('MemoryStateStore onWrite', () => {
  it('reports every update, append and erasure once, with the state replaced and the state written; get, a refused append and an erasure of nothing report nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 30 }), async (ops) => {
        const { reports, onWrite } = recorder();
        const store = new MemoryStateStore({ rebalancer: rb, onWrite });
        let stored: string | null = null;
        for (let i = 0; i < ops.length; i++) {
          const before = reports.length;
          let expected: Report | null = null;
          if (ops[i] === 'get') await store.get('u');
          else if (ops[i] === 'refused') await expect(store.append('u', refused)).rejects.toThrow();
          else if (ops[i] === 'update') {
            const after = rb.serializeState(await store.update('u', (s) => seen(s, i)));
            expected = [stored, after];
          } else if (ops[i] === 'append') {
            await store.append('u', impression(i));
            const after = rb.serializeState((await store.get('u'))!);
            expected = [stored, after];
          } else if (await store.delete('u')) expected = [stored, null];
          expect(reports.slice(before)).toEqual(expected === null ? [] : [expected]);
          if (expected !== null) stored = expected[1];
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a listener that throws fails no call: the write stands', async () => {
    const store = new MemoryStateStore({
      rebalancer: rb,
      onWrite: () => {
        throw new Error('listener fault');
      },
    });
    await store.append('u', impression(1));
    expect((await store.update('u', (s) => seen(s, 2))).impressions).toBe(2);
    expect(await store.delete('u')).toBe(true);
    expect(await store.get('u')).toBeUndefined();
  });

  it('refuses an onWrite that is not a function with code argument and path onWrite', () => {
    const make = () => new MemoryStateStore({ onWrite: 5 as never });
    expect(make).toThrow(RebalanceError);
    expect(make).toThrow(/^MemoryStateStore: onWrite must be a function .*\(got 5\)$/);
    try {
      make();
    } catch (error) {
      expect(error).toMatchObject({ code: 'argument', path: 'onWrite' });
    }
  });
});

function stateKey(prefix: string, userId: string): string {
  return `${prefix}{${createHash('sha256').update(userId, 'utf8').digest('base64url')}}`;
}

/**
 * Links reports into one chain from no state: each report's `before` is the `after` of exactly
 * one earlier report (or null). Returns the last state, or throws when a report is left over or
 * two reports claim the same state.
 */
function chain(reports: readonly Report[]): string | null {
  const next = new Map<string | null, string | null>();
  for (const [before, after] of reports) {
    expect(next.has(before), `two writes replaced ${before}`).toBe(false);
    next.set(before, after);
  }
  let state: string | null = null;
  for (let i = 0; i < reports.length; i++) {
    expect(next.has(state), `no write replaced ${state}`).toBe(true);
    state = next.get(state)!;
  }
  return state;
}

describe.each(TARGETS)('RedisStateStore onWrite on a $name', (target) => {
  let client: Redis | Cluster;

  beforeAll(async () => {
    client = await target.connect();
  });

  afterAll(async () => {
    await closeClient(client);
  });

  it('reports every update, every fold an append writes and every erasure once, in order; get (which folds without writing) and a refused append report nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { maxLength: 16 }),
        fc.integer({ min: 1, max: 3 }),
        async (ops, foldEvery) => {
          const prefix = uniquePrefix();
          const { reports, onWrite } = recorder();
          const store = new RedisStateStore({ client, prefix, rebalancer: rb, foldEvery, onWrite });
          const key = stateKey(prefix, 'u');
          let pending = 0;
          for (let i = 0; i < ops.length; i++) {
            const before = reports.length;
            const storedBefore = await client.hget(key, 's');
            let writes = 0;
            if (ops[i] === 'get') await store.get('u');
            else if (ops[i] === 'refused')
              await expect(store.append('u', refused)).rejects.toThrow();
            else if (ops[i] === 'update') {
              await store.update('u', (s) => seen(s, i));
              writes = 1;
              pending = 0;
            } else if (ops[i] === 'append') {
              await store.append('u', impression(i));
              pending++;
              if (pending % foldEvery === 0) {
                writes = 1;
                pending = 0;
              }
            } else {
              await store.delete('u');
              writes = storedBefore === null ? 0 : 1;
              pending = 0;
            }
            const stored = await client.hget(key, 's');
            expect(reports.slice(before)).toEqual(writes === 0 ? [] : [[storedBefore, stored]]);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('two replicas appending and updating one user concurrently report each stored state once, together one chain ending at the stored state: writes that lose their check-and-set report nothing', async () => {
    const prefix = uniquePrefix();
    const a = recorder();
    const b = recorder();
    const replicaA = new RedisStateStore({
      client,
      prefix,
      rebalancer: rb,
      foldEvery: 2,
      onWrite: a.onWrite,
    });
    const replicaB = new RedisStateStore({
      client,
      prefix,
      rebalancer: rb,
      foldEvery: 2,
      onWrite: b.onWrite,
    });
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      const replica = i % 2 === 0 ? replicaA : replicaB;
      calls.push(
        i % 3 === 0
          ? replica.update('u', (s) => seen(s, 100_000 + i))
          : replica.append('u', impression(i)),
      );
    }
    await Promise.all(calls);
    const reports = [...a.reports, ...b.reports];
    // Fourteen updates, plus the folds that appends won: at least one report per update.
    expect(reports.length).toBeGreaterThanOrEqual(14);
    expect(a.reports.length).toBeGreaterThan(0);
    expect(b.reports.length).toBeGreaterThan(0);
    expect(chain(reports)).toBe(await client.hget(stateKey(prefix, 'u'), 's'));
  });

  it('an update from a remembered state that another replica has replaced reports the state it actually replaced', async () => {
    const prefix = uniquePrefix();
    const a = recorder();
    const replicaA = new RedisStateStore({ client, prefix, rebalancer: rb, onWrite: a.onWrite });
    const replicaB = new RedisStateStore({ client, prefix, rebalancer: rb });
    await replicaA.update('u', (s) => seen(s, 1));
    const fromB = rb.serializeState(await replicaB.update('u', (s) => seen(s, 2)));
    const written = rb.serializeState(await replicaA.update('u', (s) => seen(s, 3)));
    expect(a.reports).toHaveLength(2);
    expect(a.reports[1]).toEqual([fromB, written]);
  });

  it('reports the erased state, also when this replica never read it, and a listener that throws fails no call', async () => {
    const prefix = uniquePrefix();
    const { reports, onWrite } = recorder();
    const writer = new RedisStateStore({
      client,
      prefix,
      rebalancer: rb,
      onWrite: () => {
        throw new Error('listener fault');
      },
    });
    const eraser = new RedisStateStore({ client, prefix, rebalancer: rb, onWrite });
    const stored = rb.serializeState(await writer.update('u', (s) => seen(s, 1)));
    await writer.append('u', impression(2));
    expect(await eraser.delete('u')).toBe(true);
    // The state as stored: the pending event was never folded into a written state.
    expect(reports).toEqual([[stored, null]]);
    expect(await eraser.delete('u')).toBe(false);
    expect(reports).toHaveLength(1);
  });
});
