/**
 * Stream consumption. `consumeImpressions` with its defaults draining 20,000 entries (one
 * impression each, 500 users, one stream, all there before it starts: a backlog) into a
 * RedisStateStore — read 100 at a time, gathered up to 5,000 while the reads come back full,
 * grouped by user, appended with the stream as source and entry ids as offsets, folded every 16
 * appends, acknowledged — against a bare loop of XREADGROUP (COUNT 100) + XACK over the same
 * entries, in the same run, against a local redis-server the suite starts itself. Both loops
 * read through one connection each; the consumer's store has its own. Seven rounds alternate the
 * two, each with a fresh group (and a fresh key prefix for the states); a ratio is the median of
 * the rounds' ratios. A third loop, alternating with them, is the consumer with
 * `maxApplyEntries: 1`, which applies every read on its own, as a consumer that has caught up
 * does: what gathering saves.
 *
 * And the consumer's write alone: `append` of one impression with `{ source, offset }`, 64
 * users at once, against a bare RPUSH of the same entry.
 */
import { Redis } from 'ioredis';
import { createRebalancer, presets } from '../src/index.js';
import { consumeImpressions, RedisStateStore } from '../src/store/redis/index.js';
import { encodeEntry } from '../src/store/redis/logEntry.js';
import { startRedisServer } from '../test/setup/redis.js';
import { ratioAtMost, figure, type BenchRow, type BenchSuite } from './harness.js';

const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});
const ENTRIES = 20_000;
const USERS = 500;
const STREAM = 'bench:impressions{0}';

async function connect(port: number): Promise<Redis> {
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0 });
  await client.connect();
  return client;
}

/** Milliseconds for a bare XREADGROUP + XACK loop to drain the stream in a fresh group. */
async function bareLoop(client: Redis, group: string): Promise<number> {
  await client.xgroup('CREATE', STREAM, group, '0');
  const t0 = performance.now();
  for (;;) {
    const reply = (await client.xreadgroup(
      'GROUP',
      group,
      'c',
      'COUNT',
      100,
      'STREAMS',
      STREAM,
      '>',
    )) as [string, [string, string[]][]][] | null;
    const entries = reply?.[0]?.[1] ?? [];
    if (entries.length === 0) break;
    await client.xack(STREAM, group, ...entries.map(([id]) => id));
  }
  return performance.now() - t0;
}

/** Milliseconds for consumeImpressions to apply and acknowledge every entry in a fresh group. */
async function consumer(
  client: Redis,
  watcher: Redis,
  storeClient: Redis,
  round: number,
  maxApplyEntries?: number,
): Promise<number> {
  const group = `rb-${round}`;
  const store = new RedisStateStore({
    client: storeClient,
    prefix: `bench:state:${round}:`,
    rebalancer: rb,
  });
  const stop = new AbortController();
  const t0 = performance.now();
  const run = consumeImpressions({
    client,
    stream: STREAM,
    group,
    consumer: 'c',
    store,
    blockMs: 5,
    leaseMs: 10_000,
    ...(maxApplyEntries === undefined ? {} : { maxApplyEntries }),
    signal: stop.signal,
  });
  // Done when the group has read every entry and none is pending: XINFO GROUPS every 5 ms. Each
  // poll is a round trip made by this process, which the consumer shares, and the bare loop
  // pays for none: polled every 2 ms they took a tenth of the process's time. A finish seen up
  // to 5 ms late counts against the consumer.
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const groups = (await watcher.xinfo('GROUPS', STREAM)) as unknown[][];
    const info = groups.find((g) => g[1] === group);
    if (info === undefined) continue;
    const field = (name: string) => info[info.indexOf(name) + 1];
    if (field('lag') === 0 && field('pending') === 0) break;
  }
  const ms = performance.now() - t0;
  stop.abort();
  const stats = await run;
  if (stats.entries !== ENTRIES || stats.errors !== 0)
    throw new Error(`consumer applied ${stats.entries} entries, ${stats.errors} errors`);
  return ms;
}

const suite: BenchSuite = {
  title: 'Stream consumption',
  async run(): Promise<BenchRow[]> {
    const server = await startRedisServer();
    const client = await connect(server.port);
    const watcher = await connect(server.port);
    const storeClient = await connect(server.port);
    const bare = await connect(server.port);
    try {
      for (let i = 0; i < ENTRIES; i += 1_000) {
        const pipe = client.pipeline();
        for (let k = i; k < i + 1_000; k++) {
          const event = {
            item: { id: `v${k}`, hashtags: [k % 3 === 0 ? '#thinspo' : '#cooking'] },
            at: k * 1_000,
            dwellMs: 8_000,
          };
          pipe.xadd(STREAM, '*', 'u', `user-${(k * 7919) % USERS}`, 'e', JSON.stringify(event));
        }
        await pipe.exec();
      }
      const subject: number[] = [];
      const baseline: number[] = [];
      const readByRead: number[] = [];
      await bareLoop(bare, 'warm-bare');
      await consumer(client, watcher, storeClient, 0);
      await consumer(client, watcher, storeClient, 100, 1);
      for (let r = 1; r <= 7; r++) {
        baseline.push(await bareLoop(bare, `bare-${r}`));
        subject.push(await consumer(client, watcher, storeClient, r));
        readByRead.push(await consumer(client, watcher, storeClient, 100 + r, 1));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      // Each round's runs against the baseline run of the same round, as the harness's
      // measureRatio pairs its windows: a drift of the machine then moves both sides of a ratio.
      const paired = (xs: number[], ys: number[]) => median(xs.map((x, i) => x / ys[i]!));

      // The consumer's write alone, against RPUSH of the same entry, 64 users at once.
      const store = new RedisStateStore({
        client: storeClient,
        prefix: 'bench:append:',
        rebalancer: rb,
      });
      const event = { item: { id: 'v1', hashtags: ['#cooking'] }, at: 1, dwellMs: 8_000 };
      const entry = encodeEntry('bench.0', [event], {
        source: STREAM,
        offset: ['1700000000000-0'],
      });
      // Each lane's n-th operation of all calls is given n: offsets go on rising from call to
      // call, as a stream's do (with the same offsets again, every append after the first call
      // would be a redelivery, which the folds skip unread).
      let calls = 0;
      const lanes = async (op: (lane: number, n: number) => Promise<unknown>) => {
        const from = 100 * calls++;
        const t0 = performance.now();
        await Promise.all(
          Array.from({ length: 64 }, async (_, lane) => {
            for (let i = 0; i < 100; i++) await op(lane, from + i);
          }),
        );
        return (performance.now() - t0) / 6_400;
      };
      const append = (lane: number, n: number) =>
        store.append(`user-${lane}`, [event], { source: STREAM, offset: [`1700000000000-${n}`] });
      const rpush = (lane: number) => storeClient.rpush(`bench:rpush:${lane}`, entry);
      await lanes(append);
      await lanes(rpush);
      const a: number[] = [];
      const p: number[] = [];
      for (let r = 0; r < 5; r++) {
        p.push(await lanes(rpush));
        a.push(await lanes(append));
      }
      return [
        ratioAtMost(
          `consumeImpressions: ${ENTRIES.toLocaleString('en-US')} entries of ${USERS} users applied and acknowledged`,
          paired(subject, baseline),
          1,
          'bare XREADGROUP (COUNT 100) + XACK loop over the same entries',
          2,
        ),
        figure('consumeImpressions throughput', (ENTRIES / median(subject)) * 1_000, 'events/s'),
        figure(
          'consumeImpressions with maxApplyEntries 1 (every read of 100 applied on its own)',
          paired(readByRead, baseline),
          '×',
          'bare XREADGROUP (COUNT 100) + XACK loop over the same entries',
        ),
        figure(
          'bare XREADGROUP + XACK throughput',
          (ENTRIES / median(baseline)) * 1_000,
          'entries/s',
        ),
        figure(
          'RedisStateStore.append of one impression with { source, offset }, 64 users at once',
          paired(a, p),
          '×',
          'RPUSH of the same entry, 64 keys at once',
        ),
      ];
    } finally {
      for (const c of [client, watcher, storeClient, bare]) c.disconnect();
      await server.close();
    }
  },
};

export default suite;
