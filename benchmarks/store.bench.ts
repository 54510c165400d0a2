/**
 * State stores. RedisStateStore.append of one page of ten impressions against a bare RPUSH of
 * the same bytes (the entry the store stores), one user at a time and 64 users at once: the
 * append validates the events, encodes them and runs a script (RPUSH, two EXPIREs), and every
 * 16th append of a user folds the log (the observes and a write; the append's script answers
 * what the fold reads).
 * RedisStateStore.update against a local redis-server the suite starts itself, one
 * user at a time and 64 users at once, each as a ratio to a GET + SET round trip measured in the
 * same run:
 * - as callers use it (one impression observed per update), against the same read-modify-write
 *   done with GET and SET — validate, observe, serialise — but without atomicity;
 * - the store's cost alone (an update that keeps the state), against a bare GET + SET of the same
 *   JSON; the store validates every state it reads and serialises what it writes, which a bare
 *   GET + SET does not.
 * And the memory MemoryStateStore takes per user with 1,000,000 users (heap delta after a full
 * GC; `npm run bench` runs node with --expose-gc). */
import { Redis } from 'ioredis';
import { createRebalancer, presets } from '../src/index.js';
import type { Impression, UserState } from '../src/index.js';
import { MemoryStateStore } from '../src/store/MemoryStateStore.js';
import { RedisStateStore } from '../src/store/redis/index.js';
import { encodeEntry } from '../src/store/redis/logEntry.js';
import { startRedisServer } from '../test/setup/redis.js';
import { figure, ratioAtMost, type BenchRow, type BenchSuite } from './harness.js';

const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});

function impression(i: number): Impression {
  return {
    item: { id: `v${i}`, hashtags: i % 3 === 0 ? ['#thinspo'] : ['#cooking'] },
    at: 1_700_000_000_000 + i * 15_000,
    dwellMs: 8_000,
  };
}

/** A state with some history, so the JSON has its usual size. */
function typicalState(): UserState {
  let state = rb.emptyState();
  for (let i = 0; i < 40; i++) state = rb.observe(state, impression(i));
  return state;
}

/** Nanoseconds per operation of `op`, run `ops` times by each of `lanes` concurrent loops. */
async function perOp(
  lanes: number,
  ops: number,
  op: (lane: number, i: number) => Promise<unknown>,
) {
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let i = 0; i < ops; i++) await op(lane, i);
    }),
  );
  return ((performance.now() - t0) * 1e6) / (lanes * ops);
}

/** Median over rounds that alternate subject and baseline, so drift hits both alike. */
async function compare(
  rounds: number,
  subject: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<{ subject: number; baseline: number }> {
  const s: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    b.push(await baseline());
    s.push(await subject());
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return { subject: median(s), baseline: median(b) };
}

async function redisRows(): Promise<BenchRow[]> {
  const server = await startRedisServer();
  const client = new Redis({
    host: '127.0.0.1',
    port: server.port,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    lazyConnect: true,
  });
  await client.connect();
  try {
    const store = new RedisStateStore({ client, prefix: 'bench:store:' });
    // The same store without remembered snapshots: every update reads first, and every read is
    // parsed — what a replica pays for a user whose last request went to another replica.
    const cold = new RedisStateStore({ client, prefix: 'bench:store:', cacheSize: 0 });
    const json = rb.serializeState(typicalState());
    for (let u = 0; u < 64; u++) {
      await store.update(`user-${u}`, () => typicalState());
      await client.set(`bench:plain:${u}`, json);
    }
    // The store's update, as callers use it: one impression observed per update.
    const update = (lane: number, i: number) =>
      store.update(`user-${lane}`, (s) => rb.observe(s ?? rb.emptyState(), impression(i)));
    // The same read-modify-write without atomicity: GET, validate, observe, serialise, SET.
    const unsafeUpdate = async (lane: number, i: number) => {
      const text = await client.get(`bench:plain:${lane}`);
      const state = text === null ? rb.emptyState() : rb.parseState(text);
      await client.set(`bench:plain:${lane}`, rb.serializeState(rb.observe(state, impression(i))));
    };
    // The store alone: an update that keeps the stored state, against a bare GET + SET.
    const keep = (lane: number) => store.update(`user-${lane}`, (s) => s ?? rb.emptyState());
    const coldUpdate = (lane: number, i: number) =>
      cold.update(`user-${lane}`, (s) => rb.observe(s ?? rb.emptyState(), impression(i)));
    const getSet = async (lane: number) => {
      const text = await client.get(`bench:plain:${lane}`);
      await client.set(`bench:plain:${lane}`, text ?? json);
    };
    await perOp(1, 500, update);
    await perOp(1, 500, unsafeUpdate);
    await perOp(1, 500, keep);
    await perOp(1, 500, getSet);
    const sequential = await compare(
      5,
      () => perOp(1, 1_000, update),
      () => perOp(1, 1_000, unsafeUpdate),
    );
    const concurrent = await compare(
      5,
      () => perOp(64, 50, update),
      () => perOp(64, 50, unsafeUpdate),
    );
    const bare = await compare(
      5,
      () => perOp(1, 1_000, keep),
      () => perOp(1, 1_000, getSet),
    );
    const bareConcurrent = await compare(
      5,
      () => perOp(64, 50, keep),
      () => perOp(64, 50, getSet),
    );
    const coldSequential = await compare(
      5,
      () => perOp(1, 1_000, coldUpdate),
      () => perOp(1, 1_000, unsafeUpdate),
    );
    const coldConcurrent = await compare(
      5,
      () => perOp(64, 50, coldUpdate),
      () => perOp(64, 50, unsafeUpdate),
    );
    // append: one page of ten impressions, against RPUSH of the very entry the store stores.
    const appender = new RedisStateStore({ client, prefix: 'bench:append:', rebalancer: rb });
    const page = Array.from({ length: 10 }, (_, i) => impression(i));
    const entry = encodeEntry('bench.0', page);
    const append = (lane: number) => appender.append(`user-${lane}`, page);
    // The same without folds, to show what the folds cost: they observe every event once, work
    // any design must do, which a bare RPUSH leaves undone.
    const unfolded = new RedisStateStore({
      client,
      prefix: 'bench:unfolded:',
      rebalancer: rb,
      foldEvery: 100_000,
      maxPendingEntries: 1_000_000,
    });
    const appendUnfolded = (lane: number) => unfolded.append(`user-${lane}`, page);
    const rpush = async (lane: number) => {
      await client.rpush(`bench:rpush:${lane}`, entry);
    };
    await perOp(1, 500, append);
    await perOp(1, 500, rpush);
    const appendSequential = await compare(
      5,
      () => perOp(1, 1_000, append),
      () => perOp(1, 1_000, rpush),
    );
    const appendConcurrent = await compare(
      5,
      () => perOp(64, 50, append),
      () => perOp(64, 50, rpush),
    );
    const appendUnfoldedSequential = await compare(
      5,
      () => perOp(1, 1_000, appendUnfolded),
      () => perOp(1, 1_000, rpush),
    );
    await client.del(...Array.from({ length: 64 }, (_, lane) => `bench:rpush:${lane}`));
    await Promise.all(Array.from({ length: 64 }, (_, lane) => unfolded.delete(`user-${lane}`)));
    const baseline = 'GET, parseState, observe, serializeState, SET (not atomic)';
    return [
      figure(
        'RedisStateStore.append of ten impressions, one user at a time',
        appendSequential.subject / appendSequential.baseline,
        '×',
        'RPUSH of the same entry',
      ),
      figure(
        'RedisStateStore.append of ten impressions, 64 users at once',
        appendConcurrent.subject / appendConcurrent.baseline,
        '×',
        'RPUSH of the same entry, 64 keys at once',
      ),
      figure(
        'the same without folds (validation, encoding and the script only), one user at a time',
        appendUnfoldedSequential.subject / appendUnfoldedSequential.baseline,
        '×',
        'RPUSH of the same entry',
      ),
      figure('RPUSH round trip, one at a time (context)', appendSequential.baseline / 1e3, 'µs'),
      ratioAtMost(
        'RedisStateStore.update observing one impression, one user at a time',
        sequential.subject,
        sequential.baseline,
        baseline,
        1.5,
      ),
      ratioAtMost(
        'RedisStateStore.update observing one impression, 64 users at once',
        concurrent.subject,
        concurrent.baseline,
        `${baseline}, 64 keys at once`,
        1.5,
      ),
      ratioAtMost(
        'RedisStateStore.update keeping the state (store cost alone), one user at a time',
        bare.subject,
        bare.baseline,
        'GET + SET of the same JSON',
        1.5,
      ),
      ratioAtMost(
        'RedisStateStore.update keeping the state (store cost alone), 64 users at once',
        bareConcurrent.subject,
        bareConcurrent.baseline,
        'GET + SET of the same JSON, 64 keys at once',
        1.5,
      ),
      figure(
        'the same with cacheSize 0 (read and parse before every write), one user at a time',
        coldSequential.subject / coldSequential.baseline,
        '×',
        baseline,
      ),
      figure(
        'the same with cacheSize 0, 64 users at once',
        coldConcurrent.subject / coldConcurrent.baseline,
        '×',
        `${baseline}, 64 keys at once`,
      ),
      figure('GET + SET round trip, one at a time (context)', bare.baseline / 1e3, 'µs'),
    ];
  } finally {
    client.disconnect();
    await server.close();
  }
}

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

async function memoryRows(): Promise<BenchRow[]> {
  const USERS = 1_000_000;
  const exact = (globalThis as { gc?: () => void }).gc !== undefined;
  const empty = rb.emptyState();
  // Every user gets a state of its own, as after real traffic.
  const before = heapUsed();
  let store: MemoryStateStore | undefined = new MemoryStateStore({ maxUsers: USERS });
  for (let u = 0; u < USERS; u++) {
    await store.update(`user-${u}`, () => rb.observe(empty, impression(u)));
  }
  const withStore = heapUsed() - before;
  const kept = store.size;
  store = undefined;
  // The same states held in a plain array: the part that is the states themselves.
  const base = heapUsed();
  let states: UserState[] | undefined = new Array<UserState>(USERS);
  for (let u = 0; u < USERS; u++) states[u] = rb.observe(empty, impression(u));
  const statesOnly = heapUsed() - base;
  const json = rb.serializeState(states[0]!).length;
  states = undefined;
  const note = exact ? '' : ' (no --expose-gc: approximate)';
  return [
    figure(
      `MemoryStateStore, ${kept.toLocaleString('en-US')} users: heap per user${note}`,
      withStore / USERS,
      'B',
    ),
    figure(
      'of which the store itself (ids, maps, expiry times)',
      (withStore - statesOnly) / USERS,
      'B',
    ),
    figure('one state serialised as JSON (context)', json, 'B'),
  ];
}

const suite: BenchSuite = {
  title: 'State stores',
  async run() {
    return [...(await redisRows()), ...(await memoryRows())];
  },
};

export default suite;
