import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { consumeImpressions, RedisStateStore } from '../../src/store/redis/index.js';
import { rb } from './fixtures.js';
import { closeClient, uniquePrefix } from './redisClient.js';
import { clusterOf3, ready, singleNode, type FaultTarget } from './faultTargets.js';
import { eventually, produce, sameCounts, storedCounts, testStreams } from './consumeFixtures.js';

describe.each([
  ['single node', singleNode],
  ['cluster', clusterOf3],
] as const)('consumeImpressions through a restart of Redis on a %s', (_name, startTarget) => {
  let target: FaultTarget;
  beforeAll(async () => {
    target = await startTarget();
  }, 60_000);
  afterAll(async () => {
    await target?.close();
  });

  it('consumeImpressions reports typed store errors while Redis is down, and once it is back applies every event exactly once', async () => {
    const { client } = target;
    const prefix = uniquePrefix();
    const streams = testStreams(prefix, 2);
    const store = new RedisStateStore({ client, prefix, rebalancer: rb });
    const expected = await produce(client, streams, 3_000, 200);
    const errors: unknown[] = [];
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
        batchSize: 50,
        blockMs: 50,
        leaseMs: 1_000,
        retryDelayMs: 50,
        signal: stop.signal,
        onError: (e) => errors.push(e),
      }),
    );
    // Stop Redis once the consumers are under way, keep it down for a while, start it again.
    await eventually(async () => {
      let sum = 0;
      for (const v of (await storedCounts(store, expected.keys())).values()) sum += v;
      return sum > 300;
    }, 20_000);
    await target.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 400));
    const whileDown = errors.length;
    await target.start();
    await Promise.all([client, ...clients].map(ready));
    const done = await eventually(
      async () => sameCounts(await storedCounts(store, expected.keys()), expected),
      30_000,
    );
    stop.abort();
    const stats = await Promise.all(runs);
    await Promise.all(clients.map(closeClient));
    expect(whileDown).toBeGreaterThan(0);
    expect(errors.length).toBe(stats[0]!.errors + stats[1]!.errors);
    for (const e of errors) expect(e).toMatchObject({ code: 'store' });
    expect(errors.every((e) => e instanceof RebalanceError)).toBe(true);
    expect(done).toBe(true);
    expect(sameCounts(await storedCounts(store, expected.keys()), expected)).toBe(true);
  }, 90_000);
});
