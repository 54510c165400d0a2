import { fork, type ChildProcess } from 'node:child_process';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consumeImpressions,
  RedisStateStore,
  type ConsumeImpressionsStats,
} from '../../src/store/redis/index.js';
import { rb } from './fixtures.js';
import { closeClient, TARGETS, uniquePrefix } from './redisClient.js';
import { bundle, removeBundle } from './workers.js';
import { eventually, produce, sameCounts, storedCounts, testStreams } from './consumeFixtures.js';

let script: string;
beforeAll(async () => {
  script = await bundle('consumerWorker');
});
afterAll(() => {
  removeBundle(script);
});

/** A consumer process; resolves once it runs. */
function startConsumer(
  address: string,
  prefix: string,
  streams: readonly string[],
  name: string,
): Promise<ChildProcess> {
  const child = fork(script, [address, prefix, JSON.stringify(streams), name], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => {
      resolve(child);
    });
    child.once('exit', (code) => {
      reject(new Error(`consumer ${name} exited with code ${code}`));
    });
  });
}

/** Stops a consumer process cleanly; its stats. */
function stopConsumer(child: ChildProcess): Promise<ConsumeImpressionsStats> {
  return new Promise((resolve) => {
    child.on('message', (m: { stats?: ConsumeImpressionsStats }) => {
      if (m.stats !== undefined) resolve(m.stats);
    });
    child.send({ stop: true });
  });
}

describe.each(TARGETS)('consumeImpressions under faults on a $name', (target) => {
  let client: Redis | Cluster;
  beforeAll(async () => {
    client = await target.connect();
  });
  afterAll(async () => {
    await closeClient(client);
  });

  it('3 consumer processes over 2 streams, 10,000 events of 500 users, one killed with SIGKILL mid-run and a new one started: each user counts exactly the impressions produced', async () => {
    const prefix = uniquePrefix();
    const streams = testStreams(prefix, 2);
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    const address = target.address();
    const consumers = new Map<string, ChildProcess>();
    for (const name of ['c1', 'c2', 'c3'])
      consumers.set(name, await startConsumer(address, prefix, streams, name));
    // The first half, then a kill of a consumer that owns a stream while it works, then the rest.
    const expected = await produce(client, streams, 5_000, 500);
    const working = await eventually(async () => {
      const counts = await storedCounts(store, expected.keys());
      let sum = 0;
      for (const v of counts.values()) sum += v;
      return sum > 1_000;
    }, 20_000);
    expect(working).toBe(true);
    const owner = (await client.get(`${streams[0]!}:owner`))!.split(':')[0]!;
    consumers.get(owner)!.kill('SIGKILL');
    consumers.delete(owner);
    consumers.set('c4', await startConsumer(address, prefix, streams, 'c4'));
    for (const [user, n] of await produce(client, streams, 5_000, 500, { from: 5_000 }))
      expected.set(user, (expected.get(user) ?? 0) + n);
    const done = await eventually(
      async () => sameCounts(await storedCounts(store, expected.keys()), expected),
      30_000,
    );
    const stats = await Promise.all([...consumers.values()].map(stopConsumer));
    const final = await storedCounts(store, expected.keys());
    expect(done).toBe(true);
    expect(sameCounts(final, expected)).toBe(true);
    expect([...final.values()].reduce((a, b) => a + b, 0)).toBe(10_000);
    // The killed consumer's stream was taken over by another.
    expect(stats.reduce((a, s) => a + s.takeovers, 0)).toBeGreaterThanOrEqual(1);
    for (const s of streams) expect(((await client.xpending(s, 'g')) as [number])[0]).toBe(0);
  }, 90_000);

  it('every one of 10,000 events produced twice (a producer retry, same event id): each user counts each event once', async () => {
    const prefix = uniquePrefix();
    const streams = testStreams(prefix, 2);
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    const expected = await produce(client, streams, 10_000, 500, { twice: true });
    const stop = new AbortController();
    const clients = [await target.connect(), await target.connect()];
    const runs = clients.map((c, i) =>
      consumeImpressions({
        client: c,
        streams,
        group: 'g',
        consumer: `c${i}`,
        store,
        maxStreams: 1,
        blockMs: 50,
        leaseMs: 1_000,
        signal: stop.signal,
      }),
    );
    const done = await eventually(
      async () => sameCounts(await storedCounts(store, expected.keys()), expected),
      30_000,
    );
    stop.abort();
    const stats = await Promise.all(runs);
    await Promise.all(clients.map(closeClient));
    expect(done).toBe(true);
    expect(stats.reduce((a, s) => a + s.entries, 0)).toBe(20_000);
    expect(sameCounts(await storedCounts(store, expected.keys()), expected)).toBe(true);
  }, 60_000);
});
