/**
 * What `/metrics` counts of users' levels and state restarts: one count per state a store
 * writes or erases, from the state that write replaced — never for a read, even one that folds
 * pending events (Redis `get`), and never twice for one write, however many servers share the
 * store. The expected counters come from a model of the store that replays the same calls with
 * the library and knows which of them write.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRebalancer,
  MemoryStateStore,
  presets,
  type ObserveEvent,
  type UserState,
} from '../../src/index.js';
import type { ServerStoreOptions } from '../../src/server/index.js';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { connectRedis, redisPort, uniquePrefix } from '../store/redisClient.js';
import { post, sample, send, T0, testServer, transition, triggeringRun } from './support.js';

const balanced = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});
const LEVELS = ['none', 'elevated', 'sustained'] as const;

let client: Redis;
beforeAll(async () => {
  client = await connectRedis(redisPort());
});
afterAll(async () => {
  await client?.quit();
});

async function metrics(app: FastifyInstance): Promise<string> {
  return (await send(app, 'GET', '/metrics')).json as string;
}

/** Every transition series of every group, summed over the servers. */
async function transitions(apps: readonly FastifyInstance[]): Promise<Map<string, number>> {
  const texts = await Promise.all(apps.map(metrics));
  const counts = new Map<string, number>();
  for (const group of balanced.groups)
    for (const from of LEVELS)
      for (const to of LEVELS) {
        if (from === to) continue;
        const series = transition(group, from, to);
        counts.set(
          series,
          texts.reduce((sum, text) => sum + sample(text, series), 0),
        );
      }
  return counts;
}

/** What each series gained since `before`. */
function difference(after: Map<string, number>, before: Map<string, number>): Map<string, number> {
  return new Map([...after].map(([series, n]) => [series, n - (before.get(series) ?? 0)]));
}

/**
 * The store as the tests' model: the state last written, the appends not yet folded into it, and
 * the transitions each write makes. `foldEvery` is 1 for the memory store (every append is
 * written at once).
 */
class Model {
  stored: UserState | undefined;
  pending: ObserveEvent[][] = [];
  readonly counts = new Map<string, number>();

  constructor(readonly foldEvery: number) {
    for (const group of balanced.groups)
      for (const from of LEVELS)
        for (const to of LEVELS) if (from !== to) this.counts.set(transition(group, from, to), 0);
  }

  append(events: ObserveEvent[]): void {
    this.pending.push(events);
    if (this.pending.length % this.foldEvery === 0) this.#write(this.#folded());
  }

  reset(): void {
    this.#write(balanced.reset(this.#folded() ?? balanced.emptyState()));
  }

  erase(): void {
    if (this.stored !== undefined) this.#write(undefined);
    this.pending = [];
  }

  #folded(): UserState | undefined {
    let state = this.stored;
    for (const batch of this.pending)
      state = balanced.observe(state ?? balanced.emptyState(), batch);
    return state;
  }

  #write(after: UserState | undefined): void {
    for (const group of balanced.groups) {
      const from = this.stored?.groups.find((g) => g.id === group)?.level ?? 'none';
      const to = after?.groups.find((g) => g.id === group)?.level ?? 'none';
      if (from !== to) {
        const series = transition(group, from, to);
        this.counts.set(series, this.counts.get(series)! + 1);
      }
    }
    this.stored = after;
    this.pending = [];
  }
}

/** Batches of impressions, triggering (for one of two groups) or not, a few at a time. */
const batch = fc.array(fc.constantFrom('#thinspo', '#selfharm', 'cooking', 'cooking'), {
  minLength: 1,
  maxLength: 4,
});
const operation = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('append' as const), tags: batch }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('assess' as const) }) },
  fc.record({ kind: fc.constant('rebalance' as const) }),
  fc.record({ kind: fc.constant('reset' as const) }),
  fc.record({ kind: fc.constant('erase' as const) }),
);
const run = fc.record({
  ops: fc.array(fc.record({ op: operation, server: fc.integer({ min: 0, max: 1 }) }), {
    maxLength: 30,
  }),
});

/** Plays the operations against the servers (each by the server it names) and the model. */
async function play(
  apps: readonly FastifyInstance[],
  userId: string,
  model: Model,
  ops: readonly { readonly op: { kind: string; tags?: string[] }; readonly server: number }[],
): Promise<void> {
  let clock = T0;
  for (const { op, server } of ops) {
    const app = apps[server % apps.length]!;
    if (op.kind === 'append') {
      const events = op.tags!.map((tag, i) => ({
        item: tag.startsWith('#')
          ? { id: `v${clock}-${i}`, hashtags: [tag] }
          : { id: `v${clock}-${i}`, topics: [tag] },
        at: (clock += 15_000),
        dwellMs: 8_000,
      }));
      expect((await post(app, '/v1/impressions', { userId, events })).status).toBe(200);
      model.append(events);
    } else if (op.kind === 'assess') {
      expect((await post(app, '/v1/assess', { userId, at: clock })).status).toBe(200);
    } else if (op.kind === 'rebalance') {
      const candidates = [{ id: 'a', hashtags: ['#thinspo'] }, { id: 'b' }];
      expect((await post(app, '/v1/rebalance', { userId, candidates, at: clock })).status).toBe(
        200,
      );
    } else if (op.kind === 'reset') {
      expect((await post(app, '/v1/reset', { userId })).status).toBe(200);
      model.reset();
    } else {
      await send(app, 'DELETE', `/v1/users/${userId}`);
      model.erase();
    }
  }
}

describe('feed_rebalancer_level_transitions_total counts each written state once', () => {
  it('with MemoryStateStore: every append, reset and erasure is a write, reads are not', async () => {
    const { app } = testServer({ logger: false });
    let user = 0;
    await fc.assert(
      fc.asyncProperty(run, async ({ ops }) => {
        const before = await transitions([app]);
        const model = new Model(1);
        await play([app], `u${user++}`, model, ops);
        expect(difference(await transitions([app]), before)).toEqual(model.counts);
      }),
      { numRuns: 30 },
    );
  });

  it('with RedisStateStore shared by two servers: the folds an append writes (every foldEvery-th), resets and erasures count once over both servers; reads, which fold without writing, count nothing', async () => {
    const prefix = uniquePrefix();
    const store = (options: ServerStoreOptions) =>
      new RedisStateStore({ client, prefix, foldEvery: 3, ...options });
    const apps = [0, 1].map(() => testServer({ logger: false, store }).app);
    let user = 0;
    await fc.assert(
      fc.asyncProperty(run, async ({ ops }) => {
        const before = await transitions(apps);
        const model = new Model(3);
        await play(apps, `u${user++}`, model, ops);
        expect(difference(await transitions(apps), before)).toEqual(model.counts);
      }),
      { numRuns: 20 },
    );
  });

  it('with RedisStateStore a level reached by pending events is counted when they are written, not when a read folds them', async () => {
    const store = (options: ServerStoreOptions) =>
      new RedisStateStore({ client, prefix: uniquePrefix(), foldEvery: 4, ...options });
    const { app } = testServer({ logger: false, store });
    const up = transition('eating-disorder', 'none', 'sustained');
    for (const event of triggeringRun(3))
      await post(app, '/v1/impressions', { userId: 'u', events: [event] });
    const read = await post(app, '/v1/assess', { userId: 'u', at: T0 + 45_000 });
    expect(read.json.assessment.groups['eating-disorder'].level).toBe('sustained');
    expect(sample(await metrics(app), up)).toBe(0);
    await post(app, '/v1/impressions', { userId: 'u', events: triggeringRun(1, 3) });
    expect(sample(await metrics(app), up)).toBe(1);
    await post(app, '/v1/assess', { userId: 'u' });
    expect(sample(await metrics(app), up)).toBe(1);
  });
});

describe('feed_rebalancer_state_restarts_total counts a restart once, where the restarted state is written', () => {
  const protective = createRebalancer({
    taxonomy: presets.taxonomies.default,
    policy: presets.policies.protective,
  });
  const restarts = async (app: FastifyInstance): Promise<number[]> => {
    const text = await metrics(app);
    return balanced.groups.map((group) =>
      sample(text, `feed_rebalancer_state_restarts_total{group="${group}"}`),
    );
  };

  it('two servers with different detectors sharing Redis: each counts the restart its own write makes, once; a read that folds under the other detector counts nothing', async () => {
    expect(balanced.emptyState().groups[0]!.detector).not.toBe(
      protective.emptyState().groups[0]!.detector,
    );
    const prefix = uniquePrefix();
    // Every second append folds the log and writes it; reads fold the pending one in memory.
    const store = (options: ServerStoreOptions) =>
      new RedisStateStore({ client, prefix, foldEvery: 2, ...options });
    const a = testServer({ logger: false, store }).app;
    const b = testServer({
      logger: false,
      store,
      rebalancer: { taxonomy: presets.taxonomies.default, policy: presets.policies.protective },
    }).app;
    const append = (app: FastifyInstance, from: number) =>
      post(app, '/v1/impressions', { userId: 'u', events: triggeringRun(1, from) });
    const assess = (app: FastifyInstance) => post(app, '/v1/assess', { userId: 'u' });
    await append(a, 0);
    await append(a, 1); // written by A
    expect(await restarts(a)).toEqual([0, 0, 0]);
    await append(b, 2);
    await assess(b); // B folds A's state under its own detector, in memory only
    expect(await restarts(b)).toEqual([0, 0, 0]);
    await append(b, 3); // written by B: every group restarts, once
    expect(await restarts(b)).toEqual([1, 1, 1]);
    await append(b, 4);
    await append(b, 5); // written by B again, from B's own fingerprints
    expect(await restarts(b)).toEqual([1, 1, 1]);
    await assess(a);
    await append(a, 6);
    await assess(a); // A reads B's state under its own detector: nothing written
    expect(await restarts(a)).toEqual([0, 0, 0]);
    await append(a, 7); // written by A: back under A's detector, once
    expect(await restarts(a)).toEqual([1, 1, 1]);
    expect(await restarts(b)).toEqual([1, 1, 1]);
  });

  it('a state moved from a server\u2019s memory store to another\u2019s with another detector restarts once, at its first write there', async () => {
    let storeA!: MemoryStateStore;
    let storeB!: MemoryStateStore;
    const a = testServer({
      logger: false,
      store: (options) => (storeA = new MemoryStateStore(options)),
    }).app;
    const b = testServer({
      logger: false,
      store: (options) => (storeB = new MemoryStateStore(options)),
      rebalancer: { taxonomy: presets.taxonomies.default, policy: presets.policies.protective },
    }).app;
    await post(a, '/v1/impressions', { userId: 'u', events: triggeringRun(3) });
    const moved = (await storeA.get('u'))!;
    await storeB.update('u', () => moved);
    // Stored as it was: nothing restarted yet, and the user arrives at A's level.
    expect(await restarts(b)).toEqual([0, 0, 0]);
    expect(sample(await metrics(b), transition('eating-disorder', 'none', 'sustained'))).toBe(1);
    await post(b, '/v1/assess', { userId: 'u' });
    await post(b, '/v1/rebalance', { userId: 'u', candidates: [{ id: 'x' }] });
    expect(await restarts(b)).toEqual([0, 0, 0]);
    await post(b, '/v1/impressions', { userId: 'u', events: triggeringRun(1, 3) });
    expect(await restarts(b)).toEqual([1, 1, 1]);
    await post(b, '/v1/impressions', { userId: 'u', events: triggeringRun(1, 4) });
    await post(b, '/v1/reset', { userId: 'u' });
    expect(await restarts(b)).toEqual([1, 1, 1]);
    expect(await restarts(a)).toEqual([0, 0, 0]);
  });
});
