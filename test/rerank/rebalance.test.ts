import { describe, expect, it } from 'vitest';
import {
  createRebalancer,
  explain,
  presets,
  RebalanceError,
  type Item,
  type PolicyInput,
} from '../../src/index.js';

const taxonomy = presets.taxonomies.default;

/** A rebalancer whose groups are all at `sustained` after a run of every triggering group. */
function sustained(policy: PolicyInput) {
  const rb = createRebalancer({
    taxonomy,
    policy: { detection: { kind: 'run', length: 3, hold: 10 }, ...policy },
  });
  const run = Array.from({ length: 3 }, (_, i) => ({
    item: { id: `s${i}`, topics: ['pro-ana', 'self-harm', 'suicide'] },
    at: i,
  }));
  const state = rb.observe(rb.emptyState(), run);
  return { rb, state, at: 3 };
}

const T = (id: string, ...topics: string[]): Item => ({
  id,
  topics: topics.length > 0 ? topics : ['pro-ana'],
});
const N = (id: string): Item => ({ id, topics: ['cooking'] });
const ids = (items: readonly Item[]) => items.map((i) => i.id);

describe('rebalance', () => {
  it('rebalance(candidates, sustained) keeps at most one triggering item in any window of three, top slots first', () => {
    const { rb, state, at } = sustained({
      levels: { sustained: { cap: { count: 1, window: 3 } } },
    });
    const candidates = [T('t1'), T('t2'), N('n1'), T('t3'), N('n2'), N('n3'), N('n4')];
    const out = rb.rebalance({ candidates, state, at });
    expect(ids(out.items)).toEqual(['t1', 'n1', 'n2', 't2', 'n3', 'n4', 't3']);
    expect(out.slots[3]).toEqual({
      id: 't2',
      source: 'organic',
      from: 1,
      reasons: ['cap:eating-disorder'],
    });
    expect(out.slots[1]?.reasons).toEqual([]);
    expect(out.dropped).toEqual([]);
    expect(explain(out)).toBe('Moved 2 eating-disorder items down to keep at most 1 in 3.');
  });

  it('rebalance drops with reason cap:<group> what no later slot can take, and serves nothing after', () => {
    const { rb, state, at } = sustained({
      levels: { sustained: { cap: { count: 1, window: 3 } } },
    });
    const out = rb.rebalance({ candidates: [T('t1'), N('n1'), T('t2'), T('t3')], state, at });
    expect(ids(out.items)).toEqual(['t1', 'n1']);
    expect(out.dropped).toEqual([
      { id: 't2', from: 2, reason: 'cap:eating-disorder' },
      { id: 't3', from: 3, reason: 'cap:eating-disorder' },
    ]);
  });

  it('rebalance with cap count 0 (the minor preset) filters every triggering group out', () => {
    const rb = createRebalancer({ taxonomy, policy: presets.policies.minor });
    const candidates = [
      T('a'),
      N('b'),
      T('c', 'self-harm'),
      N('d'),
      T('e', 'suicide'),
      { id: 'f', hashtags: ['#proana'] },
    ];
    const out = rb.rebalance({ candidates, state: rb.emptyState(), at: 0 });
    expect(ids(out.items)).toEqual(['b', 'd']);
    expect(out.dropped.map((d) => d.reason)).toEqual([
      'cap:eating-disorder',
      'cap:self-harm',
      'cap:suicide',
      'cap:eating-disorder',
    ]);
    expect(explain(out)).toBe(
      'Filtered out 2 eating-disorder items; filtered out 1 self-harm item; filtered out 1 suicide item.',
    );
  });

  it("rebalance holds each group's cap for items in several groups", () => {
    const { rb, state, at } = sustained({
      levels: { sustained: { cap: { count: 1, window: 2 } } },
    });
    const candidates = [
      T('ed', 'pro-ana'),
      T('both', 'pro-ana', 'self-harm'),
      T('sh', 'self-harm'),
      N('n1'),
      N('n2'),
    ];
    const out = rb.rebalance({ candidates, state, at });
    // ed, then sh (both is blocked by eating-disorder), then n1, both, n2.
    expect(ids(out.items)).toEqual(['ed', 'sh', 'n1', 'both', 'n2']);
    expect(out.slots[3]?.reasons).toEqual(['cap:eating-disorder', 'cap:self-harm']);
  });

  it('rebalance inserts recovery items at slots k−1, 2k−1, … and never after the last organic item', () => {
    const { rb, state, at } = sustained({ levels: { sustained: { recoveryEvery: 3 } } });
    const candidates = [N('a'), N('b'), N('c'), N('d'), N('e')];
    const recovery = [
      { id: 'r1', topics: ['ed-recovery'] },
      { id: 'r2', topics: ['ed-recovery'] },
      { id: 'r3', topics: ['ed-recovery'] },
    ];
    const out = rb.rebalance({ candidates, recovery, state, at });
    expect(ids(out.items)).toEqual(['a', 'b', 'r1', 'c', 'd', 'r2', 'e']);
    expect(out.slots[2]).toEqual({
      id: 'r1',
      source: 'recovery',
      from: null,
      reasons: ['recovery:eating-disorder'],
    });
    const short = rb.rebalance({ candidates: [N('a'), N('b')], recovery, state, at });
    expect(ids(short.items)).toEqual(['a', 'b']);
  });

  it('rebalance takes turns between the groups calling for recovery, at the shortest cadence', () => {
    const rb = createRebalancer({
      taxonomy,
      policy: {
        detection: { kind: 'run', length: 4, hold: 10 },
        levels: { elevated: { recoveryEvery: 4 }, sustained: { recoveryEvery: 2 } },
      },
    });
    // eating-disorder sustained (run 4), self-harm elevated (run 2).
    const impressions = [
      ...['pro-ana', 'pro-ana'].map((t, i) => ({ item: { id: `a${i}`, topics: [t] }, at: i })),
      ...[0, 1].map((i) => ({
        item: { id: `b${i}`, topics: ['pro-ana', 'self-harm'] },
        at: 2 + i,
      })),
    ];
    const state = rb.observe(rb.emptyState(), impressions);
    expect(rb.assess(state).groups['eating-disorder']?.level).toBe('sustained');
    expect(rb.assess(state).groups['self-harm']?.level).toBe('elevated');
    const recovery = [
      { id: 'ed1', topics: ['ed-recovery'] },
      { id: 'ed2', topics: ['ed-recovery'] },
      { id: 'sh1', topics: ['self-harm-recovery'] },
      { id: 'sh2', topics: ['self-harm-recovery'] },
    ];
    const out = rb.rebalance({
      candidates: [N('a'), N('b'), N('c'), N('d'), N('e')],
      recovery,
      state,
      at: 4,
    });
    expect(ids(out.items)).toEqual(['a', 'ed1', 'b', 'sh1', 'c', 'ed2', 'd', 'sh2', 'e']);
    expect(out.applied.recoveryGroups).toEqual(['eating-disorder', 'self-harm']);
  });

  it('rebalance never serves a co-opted recovery item that carries a triggering topic, and lists it', () => {
    const { rb, state, at } = sustained({ levels: { sustained: { recoveryEvery: 2 } } });
    const recovery = [
      { id: 'coopted', topics: ['ed-recovery', 'thinspiration'] },
      { id: 'tagged', hashtags: ['#edrecovery', '#thinspo'] },
      { id: 'clean', topics: ['ed-recovery'] },
    ];
    const out = rb.rebalance({ candidates: [N('a'), N('b'), N('c')], recovery, state, at });
    expect(ids(out.items)).toEqual(['a', 'clean', 'b', 'c']);
    expect(out.rejectedRecovery).toEqual([
      { id: 'coopted', from: 0, reason: 'triggering:eating-disorder' },
      { id: 'tagged', from: 1, reason: 'triggering:eating-disorder' },
    ]);
  });

  it('rebalance ranks recovery items by cosine similarity to the centroid of the served embeddings', () => {
    const { rb, state, at } = sustained({ levels: { sustained: { recoveryEvery: 2 } } });
    const candidates = [
      { id: 'a', topics: ['cooking'], embedding: [1, 0] },
      { id: 'b', topics: ['cooking'], embedding: [0.8, 0.2] },
    ];
    const recovery = [
      { id: 'far', topics: ['ed-recovery'], embedding: [-1, 0] },
      { id: 'none', topics: ['ed-recovery'] },
      { id: 'near', topics: ['ed-recovery'], embedding: [1, 0.1] },
    ];
    expect(ids(rb.rebalance({ candidates, recovery, state, at }).items)).toEqual([
      'a',
      'near',
      'b',
    ]);
    const plain = [N('a'), N('b')];
    const pool = recovery.map(({ id, topics }) => ({ id, topics }));
    expect(ids(rb.rebalance({ candidates: plain, recovery: pool, state, at }).items)).toEqual([
      'a',
      'far',
      'b',
    ]);
  });

  it('rebalance does not repeat a recovery item within the cooldown, and serves it again after', () => {
    const { rb, state, at } = sustained({
      levels: { sustained: { recoveryEvery: 2 } },
      recovery: { cooldown: 5 },
    });
    const recovery = [
      { id: 'r1', topics: ['ed-recovery'] },
      { id: 'r2', topics: ['ed-recovery'] },
    ];
    const first = rb.rebalance({ candidates: [N('a'), N('b')], recovery, state, at });
    expect(ids(first.items)).toEqual(['a', 'r1', 'b']);
    let s = rb.observe(
      state,
      first.items.map((item, i) => ({ item, at: at + i })),
    );
    const second = rb.rebalance({ candidates: [N('c'), N('d')], recovery, state: s, at: at + 3 });
    expect(ids(second.items)).toEqual(['c', 'r2', 'd']);
    expect(second.rejectedRecovery).toEqual([{ id: 'r1', from: 0, reason: 'cooldown' }]);
    s = rb.observe(
      s,
      [N('x1'), N('x2'), N('x3'), N('x4')].map((item, i) => ({ item, at: at + 10 + i })),
    );
    // r1 was impression 4 (0-based) and 5 impressions have followed it.
    expect(s.impressions - (4 + 1)).toBe(5);
    expect(
      ids(rb.rebalance({ candidates: [N('e'), N('f')], recovery, state: s, at: at + 20 }).items),
    ).toContain('r1');
  });

  it('rebalance honours recovery.maxShare', () => {
    const { rb, state, at } = sustained({
      levels: { sustained: { recoveryEvery: 2 } },
      recovery: { maxShare: 0.25 },
    });
    const recovery = Array.from({ length: 10 }, (_, i) => ({
      id: `r${i}`,
      topics: ['ed-recovery'],
    }));
    const out = rb.rebalance({
      candidates: Array.from({ length: 12 }, (_, i) => N(`n${i}`)),
      recovery,
      state,
      at,
    });
    const share = out.slots.filter((s) => s.source === 'recovery').length / out.slots.length;
    expect(share).toBeLessThanOrEqual(0.25);
    expect(share).toBeGreaterThan(0.15);
  });

  it('rebalance bounds served slots, organic and recovery together, by size and drops the rest with reason size', () => {
    const { rb, state, at } = sustained({ levels: { sustained: { recoveryEvery: 3 } } });
    const out = rb.rebalance({
      candidates: [N('a'), N('b'), N('c'), N('d')],
      recovery: [{ id: 'r', topics: ['ed-recovery'] }],
      state,
      at,
      size: 3,
    });
    expect(ids(out.items)).toEqual(['a', 'b', 'r']);
    expect(out.dropped).toEqual([
      { id: 'c', from: 2, reason: 'size' },
      { id: 'd', from: 3, reason: 'size' },
    ]);
  });

  it('rebalance serves a duplicate id once and drops the others with reason duplicate', () => {
    const rb = createRebalancer({ taxonomy, policy: presets.policies.off });
    const out = rb.rebalance({ candidates: [N('a'), N('b'), N('a')], state: rb.emptyState() });
    expect(ids(out.items)).toEqual(['a', 'b']);
    expect(out.dropped).toEqual([{ id: 'a', from: 2, reason: 'duplicate' }]);
    expect(explain(out)).toBe('Left out 1 duplicate.');
  });

  it('rebalance with the off policy returns the input unchanged, same objects, same order', () => {
    const rb = createRebalancer({ taxonomy, policy: presets.policies.off });
    const candidates = [T('a'), T('b'), T('c'), N('d')];
    const out = rb.rebalance({ candidates, state: rb.emptyState() });
    expect(out.items).toEqual(candidates);
    out.items.forEach((item, i) => {
      expect(item).toBe(candidates[i]);
    });
    expect(explain(out)).toBe('The feed was served as ranked.');
  });

  it('rebalance rejects bad items with code item naming index and field; skip mode lists them as dropped', () => {
    const { rb, state, at } = sustained({
      levels: { sustained: { cap: { count: 1, window: 3 } } },
    });
    const bad = [N('a'), { id: 'b', embedding: [1, 2] }, { id: 'c', embedding: [1, Number.NaN] }];
    expect(() => rb.rebalance({ candidates: bad, state, at })).toThrow(RebalanceError);
    try {
      rb.rebalance({ candidates: bad, state, at });
    } catch (error) {
      expect((error as RebalanceError).path).toBe('candidates[2].embedding[1]');
      expect((error as RebalanceError).code).toBe('item');
    }
    expect(() =>
      rb.rebalance({
        candidates: [
          { id: 'x', embedding: [1, 2] },
          { id: 'y', embedding: [1, 2, 3] },
        ],
        state,
        at,
      }),
    ).toThrow(
      expect.objectContaining({
        path: 'candidates[1].embedding',
        message: expect.stringContaining('must have 2 dimensions') as string,
      }),
    );
    const skipping = sustained({
      onInvalidItem: 'skip',
      levels: { sustained: { cap: { count: 1, window: 3 } } },
    });
    const out = skipping.rb.rebalance({
      candidates: [N('a'), { id: 7 } as never, N('c')],
      state: skipping.state,
      at,
    });
    expect(ids(out.items)).toEqual(['a', 'c']);
    expect(out.dropped).toEqual([{ id: '', from: 1, reason: 'invalid' }]);
    // An invalid embedding skipped does not fix the dimension the others must have.
    const mixed = skipping.rb.rebalance({
      candidates: [
        { id: 'p', embedding: [1, Number.NaN, 3] },
        { id: 'q', embedding: [1, 2] },
        { id: 'r', embedding: Float32Array.from([3, 4]) },
        { id: 's', embedding: [5, 6, 7] },
      ],
      state: skipping.state,
      at,
    });
    expect(ids(mixed.items)).toEqual(['q', 'r']);
    expect(mixed.dropped).toEqual([
      { id: 'p', from: 0, reason: 'invalid' },
      { id: 's', from: 3, reason: 'invalid' },
    ]);
  });

  it('a getter that calls rebalance while its own request is being read gets the same answers as calls made one after the other', () => {
    const { rb, state, at } = sustained({
      levels: { sustained: { cap: { count: 1, window: 3 } } },
    });
    const inner = [N('i1'), T('i2'), T('i3'), N('i4')].map((c) => ({ ...c, embedding: [1, 0] }));
    const outer = [T('o1'), T('o2'), N('o3'), N('o4')].map((c) => ({ ...c, embedding: [0, 1] }));
    const expectedInner = rb.rebalance({ candidates: inner, state, at });
    const expectedOuter = rb.rebalance({ candidates: outer, state, at });
    let nested: ReturnType<typeof rb.rebalance> | undefined;
    const reentrant = outer.map((c, i) =>
      i !== 2
        ? c
        : {
            ...c,
            get id() {
              nested ??= rb.rebalance({ candidates: inner, state, at });
              return c.id;
            },
          },
    );
    const got = rb.rebalance({ candidates: reentrant, state, at });
    expect(nested?.slots).toEqual(expectedInner.slots);
    expect(got.slots).toEqual(expectedOuter.slots);
    expect(got.dropped).toEqual(expectedOuter.dropped);
  });

  it('rebalance rejects a malformed request with code request', () => {
    const rb = createRebalancer({ taxonomy, policy: presets.policies.balanced });
    const state = rb.emptyState();
    for (const [request, path] of [
      [{ candidates: 'x', state }, 'candidates'],
      [{ candidates: [], recovery: {}, state }, 'recovery'],
      [{ candidates: [], state, size: -1 }, 'size'],
      [{ candidates: [], state, size: 1.5 }, 'size'],
      [{ candidates: [], state, at: Number.NaN }, 'at'],
    ] as const) {
      let caught: unknown;
      try {
        rb.rebalance(request as never);
      } catch (error) {
        caught = error;
      }
      expect((caught as RebalanceError).code).toBe('request');
      expect((caught as RebalanceError).path).toBe(path);
    }
  });
});
