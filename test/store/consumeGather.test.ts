/**
 * A consumer behind on its stream gathers the entries of several reads and applies them
 * together (`maxApplyEntries`): what that changes in the store, and what it must not change.
 */
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consumeImpressions,
  RedisStateStore,
  type ConsumeImpressionsOptions,
  type ConsumeImpressionsStats,
} from '../../src/store/redis/index.js';
import { userKeys } from '../../src/store/redis/keys.js';
import { rb } from './fixtures.js';
import { closeClient, TARGETS, uniquePrefix } from './redisClient.js';
import {
  aroundCalls,
  eventually,
  pending,
  produce,
  sameCounts,
  storedCounts,
  testStreams,
} from './consumeFixtures.js';

const settings = { group: 'g', batchSize: 50, blockMs: 50, leaseMs: 1_000, retryDelayMs: 50 };

describe.each(TARGETS)('a consumer gathering a backlog on a $name', (target) => {
  let client: Redis | Cluster;
  const extra: (Redis | Cluster)[] = [];
  const connect = async (): Promise<Redis | Cluster> => {
    const c = await target.connect();
    extra.push(c);
    return c;
  };
  /** Log entries of each user (no fold runs below 64). */
  const logLengths = async (prefix: string, users: Iterable<string>): Promise<number[]> =>
    Promise.all([...users].map((u) => client.llen(userKeys(prefix, u).log)));

  /** Starts a consumer of `stream`; `stop` aborts it and resolves with its stats. */
  const start = async (
    stream: string,
    store: RedisStateStore,
    more: Partial<ConsumeImpressionsOptions> = {},
  ): Promise<{ stop: () => Promise<ConsumeImpressionsStats> }> => {
    const signal = new AbortController();
    const run = consumeImpressions({
      ...settings,
      client: await connect(),
      stream,
      consumer: 'c',
      store,
      signal: signal.signal,
      ...more,
    });
    return {
      stop: () => {
        signal.abort();
        return run;
      },
    };
  };
  /** Whether every entry is acknowledged and the store holds the expected counts. */
  const drained = (stream: string, store: RedisStateStore, expected: Map<string, number>) =>
    eventually(
      async () =>
        (await pending(client, [stream])) === 0 &&
        sameCounts(await storedCounts(store, expected.keys()), expected),
      20_000,
    );

  beforeAll(async () => {
    client = await target.connect();
  });
  afterAll(async () => {
    await Promise.all([client, ...extra].map(closeClient));
  });

  /** Drains a backlog of `n` entries of `users` users; the length of each user's log after. */
  async function drain(n: number, users: number, more: Partial<ConsumeImpressionsOptions> = {}) {
    const prefix = uniquePrefix();
    const [stream] = testStreams(prefix, 1);
    const store = new RedisStateStore({ client, prefix, rebalancer: rb, foldEvery: 64 });
    const expected = await produce(client, [stream!], n, users);
    const consumer = await start(stream!, store, more);
    const done = await drained(stream!, store, expected);
    const stats = await consumer.stop();
    expect(done).toBe(true);
    expect(stats).toMatchObject({ entries: n, errors: 0 });
    return logLengths(prefix, expected.keys());
  }

  it('stores each user’s events of a backlog read 50 at a time as one log entry, and one per read with maxApplyEntries 1', async () => {
    // 20 reads of 50 entries, 5 of each user a read: gathered, each user's 100 events are one
    // append; applied read by read, 20 appends.
    expect(await drain(1_000, 10)).toEqual(Array<number>(10).fill(1));
    expect(await drain(1_000, 10, { maxApplyEntries: 1 })).toEqual(Array<number>(10).fill(20));
  });

  it('gathers at most 64 reads, whatever maxApplyEntries allows', async () => {
    // 100 reads of 1 entry of one user: 64 gathered, then the other 36.
    expect(await drain(100, 1, { batchSize: 1 })).toEqual([2]);
  });

  it('applies an entry that arrives while the consumer is caught up without waiting for more', async () => {
    const prefix = uniquePrefix();
    const [stream] = testStreams(prefix, 1);
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    const consumer = await start(stream!, store);
    // One entry at a time, each waited for: gathering must not hold it for more to come.
    for (let i = 1; i <= 3; i++) {
      await client.xadd(
        stream!,
        '*',
        'u',
        'a',
        'e',
        JSON.stringify({ item: { id: `v${i}` }, at: i }),
      );
      const seen = await eventually(
        async () =>
          (await store.get('a'))?.impressions === i && (await pending(client, [stream!])) === 0,
        5_000,
      );
      expect(seen).toBe(true);
    }
    expect(await consumer.stop()).toMatchObject({ entries: 3, errors: 0 });
  });

  it('on a stop, applies and acknowledges what it gathered, leaves what it read after pending, and a new consumer applies the rest once', async () => {
    const prefix = uniquePrefix();
    const [stream] = testStreams(prefix, 1);
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    const expected = await produce(client, [stream!], 1_000, 10);
    const reader = await connect();
    const stop = new AbortController();
    let reads = 0;
    let read = 0;
    // Stops the consumer during its fifth read, in the middle of the backlog.
    const stopping = aroundCalls(reader, async (args, send) => {
      if (args[0] !== 'XREADGROUP') return send();
      if (++reads === 5) stop.abort();
      const reply = (await send()) as [string, unknown[]][] | null;
      read += reply?.[0]?.[1].length ?? 0;
      return reply;
    });
    const first = await consumeImpressions({
      ...settings,
      client: stopping,
      stream: stream!,
      consumer: 'c1',
      store,
      signal: stop.signal,
    });
    const stored = await storedCounts(store, expected.keys());
    const sum = [...stored.values()].reduce((a, b) => a + b, 0);
    // Gathered (at least the four reads before the stop) and applied, not left to be claimed.
    expect(first.entries).toBeGreaterThanOrEqual(200);
    expect(sum).toBe(first.entries);
    expect(await pending(client, [stream!])).toBe(read - first.entries);
    const second = await start(stream!, store, { consumer: 'c2' });
    const done = await drained(stream!, store, expected);
    await second.stop();
    expect(done).toBe(true);
  });
});
