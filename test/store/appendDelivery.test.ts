import fc from 'fast-check';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MemoryStateStore,
  RebalanceError,
  type ObserveEvent,
  type StateStore,
  type UserState,
} from '../../src/index.js';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { rb } from './fixtures.js';
import { closeClient, TARGETS, uniquePrefix } from './redisClient.js';

/** Message `i` of a source: one impression with an event id. */
const message = (i: number): ObserveEvent => ({
  item: { id: `m${i}`, hashtags: [i % 2 === 0 ? '#thinspo' : '#cooking'] },
  at: i * 1_000,
  eventId: `evt-${i}`,
});

/**
 * Appends messages 0…n−1 in calls of the given sizes, each call's events with their stream ids,
 * then replays the calls chosen by `replays` (redeliveries after a lost acknowledgement), with or
 * without their event ids: every message must be folded once.
 */
async function deliver(
  store: StateStore,
  user: string,
  n: number,
  sizes: readonly number[],
  replays: readonly number[],
  keepIds: boolean,
): Promise<void> {
  const calls: [ObserveEvent[], string[]][] = [];
  for (let i = 0, k = 0; i < n; k++) {
    const size = Math.min(sizes[k % sizes.length]!, n - i);
    const events = Array.from({ length: size }, (_, j) => message(i + j));
    calls.push([events, events.map((_, j) => `1700000000000-${i + j}`)]);
    i += size;
  }
  for (let c = 0; c < calls.length; c++) {
    const [events, offset] = calls[c]!;
    await store.append(user, events, { source: 'impressions{0}', offset });
    for (const r of replays.filter((r) => r % calls.length <= c && r % 3 === c % 3)) {
      const [again, at] = calls[r % calls.length]!;
      const stripped = keepIds ? again : again.map(withoutId);
      await store.append(user, stripped, { source: 'impressions{0}', offset: at });
    }
  }
}

/** The event without its id. */
function withoutId(event: ObserveEvent): ObserveEvent {
  const copy: { eventId?: string } = { ...event };
  delete copy.eventId;
  return copy as ObserveEvent;
}

/** The state's JSON without its delivery memory: what exposure and detection hold. */
const folded = (state: UserState): string => {
  const copy: { delivery?: unknown } = { ...state };
  delete copy.delivery;
  return rb.serializeState(copy as UserState);
};

/** Messages 0…n−1 observed once each, without ids or offsets: the oracle. */
const expected = (n: number): string =>
  folded(
    rb.observe(
      rb.emptyState(),
      Array.from({ length: n }, (_, i) => withoutId(message(i))),
    ),
  );

describe('MemoryStateStore.append with delivery options', () => {
  it('append(user, events, { source, offset }) with redelivered calls folds each message once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.boolean(),
        async (n, sizes, replays, keepIds) => {
          const store = new MemoryStateStore({ rebalancer: rb });
          await deliver(store, 'u', n, sizes, replays, keepIds);
          const state = (await store.get('u'))!;
          expect(state.impressions).toBe(n);
          expect(folded(state)).toBe(expected(n));
        },
      ),
    );
  });

  it('append rejects malformed options with code argument, renamed to the store', async () => {
    const store = new MemoryStateStore({ rebalancer: rb });
    const error = await store
      .append('u', [message(0)], { source: 's', offset: [1, 2] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RebalanceError);
    expect((error as RebalanceError).code).toBe('argument');
    expect((error as RebalanceError).path).toBe('options.offset');
    expect((error as RebalanceError).message).toMatch(
      /^MemoryStateStore\.append: options\.offset must hold one offset per event/,
    );
    expect(await store.get('u')).toBeUndefined();
  });
});

describe.each(TARGETS)('RedisStateStore.append with delivery options on a $name', (target) => {
  let client: Redis | Cluster;
  beforeAll(async () => {
    client = await target.connect();
  });
  afterAll(async () => {
    await closeClient(client);
  });

  it("the pending log keeps each append's source and offsets, so the fold skips redelivered calls, whether folded by append, get or update", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        async (n, sizes, replays, foldEvery, viaUpdate) => {
          const store = new RedisStateStore({
            client,
            prefix: uniquePrefix(),
            rebalancer: rb,
            foldEvery,
          });
          // Without event ids: only the offsets can recognise the replays.
          await deliver(store, 'u', n, sizes, replays, false);
          const state = viaUpdate ? await store.update('u', (s) => s!) : await store.get('u');
          expect(state!.impressions).toBe(n);
          expect(folded(state!)).toBe(expected(n));
          expect(state!.delivery!.marks).toEqual([['impressions{0}', `1700000000000-${n - 1}`]]);
        },
      ),
      { numRuns: 12 },
    );
  });
});
