import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import {
  consumeImpressions,
  pickStream,
  RedisStateStore,
  type ConsumeImpressionsOptions,
} from '../../src/store/redis/index.js';
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

describe.each(TARGETS)('consumeImpressions on a $name', (target) => {
  let client: Redis | Cluster;
  const extra: (Redis | Cluster)[] = [];
  const connect = async (): Promise<Redis | Cluster> => {
    const c = await target.connect();
    extra.push(c);
    return c;
  };
  const settings = { group: 'g', batchSize: 50, blockMs: 50, leaseMs: 1_000, retryDelayMs: 50 };

  beforeAll(async () => {
    client = await target.connect();
  });
  afterAll(async () => {
    await Promise.all([client, ...extra].map(closeClient));
  });

  it('consumeImpressions with two consumers over two streams applies every event once, producer retries included, acknowledges every entry and stops on abort', async () => {
    const prefix = uniquePrefix();
    const streams = testStreams(prefix, 2);
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    const expected = await produce(client, streams, 600, 40, { twice: true });
    const stop = new AbortController();
    const runs = ['c1', 'c2'].map(async (consumer) =>
      consumeImpressions({
        ...settings,
        client: await connect(),
        streams,
        consumer,
        store,
        maxStreams: 1,
        signal: stop.signal,
      }),
    );
    const done = await eventually(
      async () =>
        sameCounts(await storedCounts(store, expected.keys()), expected) &&
        (await pending(client, streams)) === 0,
      20_000,
    );
    stop.abort();
    const stats = await Promise.all(runs);
    expect(done).toBe(true);
    expect(sameCounts(await storedCounts(store, expected.keys()), expected)).toBe(true);
    // Each consumer owned one stream; together they acknowledged all 1,200 entries.
    expect(stats.map((s) => s.takeovers)).toEqual([1, 1]);
    expect(stats[0]!.entries + stats[1]!.entries).toBe(1_200);
    expect(stats[0]!.errors + stats[1]!.errors).toBe(0);
    // Leases were released: a new consumer takes both streams at once.
    for (const s of streams) expect(await client.exists(`${s}:owner`)).toBe(0);
  });

  it("consumeImpressions takes over a dead consumer's pending entries, some of them already appended, and applies each once", async () => {
    const prefix = uniquePrefix();
    const [stream] = testStreams(prefix, 1);
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    const expected = await produce(client, [stream!], 120, 10);
    // A consumer that read 80 entries, appended the first 50 users' events, and died unacknowledged.
    await client.xgroup('CREATE', stream!, 'g', '0');
    const read = (await client.xreadgroup(
      'GROUP',
      'g',
      'ghost',
      'COUNT',
      80,
      'STREAMS',
      stream!,
      '>',
    )) as [string, [string, string[]][]][];
    const entries = read[0]![1];
    for (const [id, fields] of entries.slice(0, 50)) {
      const user = fields[fields.indexOf('u') + 1]!;
      const event = JSON.parse(fields[fields.indexOf('e') + 1]!) as { eventId?: string };
      delete event.eventId; // only the offset can tell that it was applied
      await store.append(user, event as never, { source: stream!, offset: id });
    }
    const stop = new AbortController();
    const run = consumeImpressions({
      ...settings,
      client: await connect(),
      stream: stream!,
      consumer: 'heir',
      store,
      signal: stop.signal,
    });
    const done = await eventually(
      async () =>
        (await pending(client, [stream!])) === 0 &&
        sameCounts(await storedCounts(store, expected.keys()), expected),
      10_000,
    );
    stop.abort();
    const stats = await run;
    expect(done).toBe(true);
    expect(sameCounts(await storedCounts(store, expected.keys()), expected)).toBe(true);
    expect(stats.entries).toBe(120);
  });

  it('consumeImpressions reads a stream key without a hash tag (its lease in another slot on a cluster) and applies every event once', async () => {
    const prefix = uniquePrefix();
    const stream = `${prefix}untagged`;
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    const expected = await produce(client, [stream], 300, 20);
    const stop = new AbortController();
    const run = consumeImpressions({
      ...settings,
      client: await connect(),
      stream,
      consumer: 'c',
      store,
      signal: stop.signal,
    });
    const done = await eventually(
      async () =>
        (await pending(client, [stream])) === 0 &&
        sameCounts(await storedCounts(store, expected.keys()), expected),
      10_000,
    );
    stop.abort();
    const stats = await run;
    expect(done).toBe(true);
    expect(stats).toMatchObject({ entries: 300, errors: 0 });
  });

  it('consumeImpressions claims again the entries of a read whose reply was lost, and applies each once', async () => {
    const prefix = uniquePrefix();
    const [stream] = testStreams(prefix, 1);
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    const expected = await produce(client, [stream!], 200, 20);
    const reader = await connect();
    let lost = 0;
    // The second read reaches Redis, which hands its entries to the consumer, but the reply
    // never comes back.
    const flaky = aroundCalls(reader, async (args, send) => {
      const reply = await send();
      if (args[0] === 'XREADGROUP' && reply !== null && ++lost === 2)
        throw new Error('connection lost');
      return reply;
    });
    const errors: unknown[] = [];
    const stop = new AbortController();
    const run = consumeImpressions({
      ...settings,
      client: flaky,
      stream: stream!,
      consumer: 'c',
      store,
      signal: stop.signal,
      onError: (e) => errors.push(e),
    });
    const done = await eventually(
      async () =>
        (await pending(client, [stream!])) === 0 &&
        sameCounts(await storedCounts(store, expected.keys()), expected),
      10_000,
    );
    stop.abort();
    const stats = await run;
    expect(done).toBe(true);
    expect(lost).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([expect.objectContaining({ code: 'store' })]);
    // Without the claim, the lost batch would stay pending and its users short of impressions;
    // it was applied once, like every other entry.
    expect(stats.entries).toBe(200);
  });

  it('consumeImpressions moves malformed entries to <stream>:dead with their reason, acknowledges them and applies the rest', async () => {
    const prefix = uniquePrefix();
    const [stream] = testStreams(prefix, 1);
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    const good = (i: number) => JSON.stringify({ item: { id: `v${i}` }, at: i });
    await client.xadd(stream!, '*', 'u', 'a', 'e', good(1));
    await client.xadd(stream!, '*', 'e', good(2)); // no user
    await client.xadd(stream!, '*', 'u', 'a', 'e', '{not json');
    await client.xadd(stream!, '*', 'u', 'a', 'e', JSON.stringify({ item: { id: '' }, at: 3 })); // refused by observe
    await client.xadd(
      stream!,
      '*',
      'u',
      'a',
      'e',
      JSON.stringify([
        { item: { id: 'v4' }, at: 4 },
        { seeLess: { target: 'pro-ana' }, at: 5 },
      ]),
    );
    const dead: string[] = [];
    const stop = new AbortController();
    const run = consumeImpressions({
      ...settings,
      client: await connect(),
      stream: stream!,
      consumer: 'c',
      store,
      signal: stop.signal,
      onDeadLetter: (d) => dead.push(d.reason),
    });
    await eventually(
      async () =>
        (await client.xlen(`${stream!}:dead`)) === 3 && (await pending(client, [stream!])) === 0,
      10_000,
    );
    stop.abort();
    const stats = await run;
    expect(stats.deadLetters).toBe(3);
    expect(dead).toEqual([
      expect.stringMatching(/field u/),
      expect.stringMatching(/not valid JSON/),
      expect.stringMatching(/^RedisStateStore\.append: events\[\d+\]\.item\.id/),
    ]);
    const letters = await client.xrange(`${stream!}:dead`, '-', '+');
    expect(letters[2]![1]).toEqual(expect.arrayContaining(['stream', stream!, 'reason', 'u', 'a']));
    const state = await store.get('a');
    expect(state?.impressions).toBe(2);
    expect(state?.seeLess?.map(([t]) => t)).toEqual(['pro-ana']);
  });

  it('consumeImpressions rejects malformed options with code argument and the option as path', async () => {
    const store = new RedisStateStore({ client, rebalancer: rb });
    const base: ConsumeImpressionsOptions = {
      client,
      stream: 's',
      group: 'g',
      consumer: 'c',
      store,
    };
    const cases: [Partial<Record<keyof ConsumeImpressionsOptions, unknown>>, string][] = [
      [{ stream: undefined }, 'streams'],
      [{ streams: ['a'] }, 'streams'],
      [{ stream: undefined, streams: ['a', 'a'] }, 'streams[1]'],
      [{ consumer: '' }, 'consumer'],
      [{ batchSize: 0 }, 'batchSize'],
      [{ maxApplyEntries: 0 }, 'maxApplyEntries'],
      [{ maxApplyEntries: 1.5 }, 'maxApplyEntries'],
      [{ leaseMs: 1_000, blockMs: 600 }, 'leaseMs'],
      [{ store: {} }, 'store'],
    ];
    for (const [change, path] of cases) {
      const error = await consumeImpressions({
        ...base,
        ...change,
      } as ConsumeImpressionsOptions).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RebalanceError);
      expect(error).toMatchObject({ code: 'argument', path });
      expect((error as Error).message).toMatch(
        new RegExp(`^consumeImpressions: ${path.replace(/[[\]]/g, '\\$&')} `),
      );
    }
  });
});

describe('pickStream', () => {
  it('pickStream sends every user to one stream and spreads 10,000 users evenly over 4 streams (each within 10% of a quarter)', () => {
    const streams = ['s{0}', 's{1}', 's{2}', 's{3}'];
    const counts = new Map<string, number>();
    for (let u = 0; u < 10_000; u++) {
      const s = pickStream(`user-${u}`, streams);
      expect(pickStream(`user-${u}`, streams)).toBe(s);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    for (const s of streams) expect(Math.abs(counts.get(s)! - 2_500)).toBeLessThan(250);
    expect(() => pickStream('u', [])).toThrow(RebalanceError);
  });
});
