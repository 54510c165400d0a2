import { describe, expect, it } from 'vitest';
import { createRebalancer, presets, RebalanceError } from '../../src/index.js';
import type {
  Item,
  PolicyInput,
  RebalanceRequest,
  TaxonomyInput,
  UserState,
} from '../../src/index.js';
import { firstDifference } from '../../src/testing/check/deepEqual.js';
import { deepFreeze, expectRebalanceError } from './guards.js';

// Cyclic objects, frozen objects, getters that throw and proxies whose traps throw: the facade
// reads each field once, copies what it keeps, and turns every failure to read into a
// RebalanceError naming the field (with the original error as `cause`).

const taxonomy = presets.taxonomies.default;
const policy = presets.policies.protective;
const rb = createRebalancer({ taxonomy, policy });
const state = rb.emptyState();

function throwing<T extends object>(base: T, key: string): T {
  return Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get() {
      throw new Error(`getter ${key} threw`);
    },
  });
}

const trapsThrow = new Proxy(
  {},
  {
    get() {
      throw new Error('trap');
    },
    ownKeys() {
      throw new Error('trap');
    },
    has() {
      throw new Error('trap');
    },
    getOwnPropertyDescriptor() {
      throw new Error('trap');
    },
  },
);

describe('cyclic objects', () => {
  it('rebalance(item with a cyclic extra field) ignores the field and serves the item', () => {
    const item: Record<string, unknown> = { id: 'a', topics: ['pro-ana'] };
    item.self = item;
    const out = rb.rebalance({ candidates: [item as unknown as Item], state });
    expect(out.items[0]).toBe(item);
  });

  it('rebalance(item whose topics list contains itself) throws RebalanceError item at candidates[0].topics[1]', () => {
    const topics: unknown[] = ['pro-ana'];
    topics.push(topics);
    expectRebalanceError(
      () => rb.rebalance({ candidates: [{ id: 'a', topics } as unknown as Item], state }),
      'item',
      'candidates[0].topics[1]',
    );
  });

  it('rebalance(request whose candidates contain the request) throws RebalanceError item', () => {
    const request: Record<string, unknown> = { state };
    request.candidates = [request];
    expectRebalanceError(
      () => rb.rebalance(request as unknown as RebalanceRequest),
      'item',
      'candidates[0].id',
    );
  });

  it('createRebalancer(cyclic policy) throws RebalanceError policy at the cycle', () => {
    const p: Record<string, unknown> = { levels: {} };
    (p.levels as Record<string, unknown>).self = p;
    expectRebalanceError(() => createRebalancer({ taxonomy, policy: p }), 'policy', 'levels.self');
  });

  it('createRebalancer(cyclic taxonomy) returns or throws RebalanceError taxonomy, without looping', () => {
    const group: Record<string, unknown> = { id: 'g', triggering: [{ id: 't' }] };
    group.recovery = [group];
    let outcome: unknown;
    try {
      outcome = createRebalancer({ taxonomy: { groups: [group] } as unknown as TaxonomyInput });
    } catch (error) {
      outcome = error;
    }
    expect(outcome).toBeInstanceOf(RebalanceError);
    expect((outcome as RebalanceError).code).toBe('taxonomy');
  });

  it('parseState(state with a cyclic extra field) returns a fresh copy without it; a cycle through groups is a RebalanceError state', () => {
    const s: Record<string, unknown> = {
      ...(JSON.parse(rb.serializeState(state)) as Record<string, unknown>),
    };
    s.self = s;
    const parsed = rb.parseState(s);
    expect(firstDifference(parsed, state)).toBeNull();
    expect(JSON.parse(rb.serializeState(s as unknown as UserState))).toEqual(
      JSON.parse(rb.serializeState(state)),
    );
    const t: Record<string, unknown> = {
      ...(JSON.parse(rb.serializeState(state)) as Record<string, unknown>),
    };
    t.groups = [t];
    expectRebalanceError(() => rb.parseState(t), 'state', 'groups[0].id');
  });
});

describe('frozen objects', () => {
  it('every facade call on deep-frozen taxonomy, policy, items, impressions, state and request works as on unfrozen ones', () => {
    const make = () => ({
      taxonomy: JSON.parse(JSON.stringify(taxonomy)) as TaxonomyInput,
      policy: JSON.parse(JSON.stringify(policy)) as PolicyInput,
      impressions: Array.from({ length: 8 }, (_, i) => ({
        item: { id: `s${i}`, topics: ['pro-ana'] },
        at: i * 1_000,
      })),
      candidates: Array.from({ length: 12 }, (_, i) => ({
        id: `c${i}`,
        topics: i % 2 === 0 ? ['thinspiration'] : ['cooking'],
        embedding: [i, 1],
      })),
      recovery: [{ id: 'r0', topics: ['ed-recovery'], embedding: [1, 1] }],
    });
    const run = (x: ReturnType<typeof make>) => {
      const r = createRebalancer({ taxonomy: x.taxonomy, policy: x.policy });
      const s = r.observe(r.emptyState(), x.impressions);
      return r.rebalance({
        candidates: x.candidates,
        recovery: x.recovery,
        state: s,
        at: 9_000,
        size: 10,
      });
    };
    const frozen = deepFreeze(make());
    expect(firstDifference(run(frozen), run(make()))).toBeNull();
  });

  it('states returned by observe are frozen, so a caller cannot edit them in place', () => {
    const s = rb.observe(state, { item: { id: 'a' }, at: 0 });
    expect(Object.isFrozen(s) && Object.isFrozen(s.groups) && Object.isFrozen(s.groups[0])).toBe(
      true,
    );
  });

  it('every object of every state along a chain of observe calls is frozen, whether a list was changed or taken over', () => {
    const deeplyFrozen = (value: unknown): boolean =>
      typeof value !== 'object' ||
      value === null ||
      (Object.isFrozen(value) && Object.values(value).every(deeplyFrozen));
    const events = [
      { item: { id: 'r1', topics: ['ed-recovery'] }, at: 1_000 },
      { item: { id: 'p1', topics: ['pro-ana'] }, at: 2_000 },
      { intervention: { type: 'shown' as const, kind: 'nudge' as const, group: null }, at: 3_000 },
      { item: { id: 'c1', topics: ['cooking'] }, at: 4_000 },
      { seeLess: { target: 'suicide' }, at: 5_000 },
      { item: { id: 'r2', topics: ['suicide-prevention'] }, at: 6_000 },
      { item: { id: 'c2', topics: ['cooking'] }, at: 7_000 },
    ];
    let s = rb.emptyState();
    for (const event of events) {
      s = rb.observe(s, event);
      expect(deeplyFrozen(s)).toBe(true);
    }
    expect(s.recoveryShown.length).toBeGreaterThan(0);
    expect(s.seeLess?.length).toBe(1);
  });
});

describe('getters and proxies that throw', () => {
  it('rebalance(item whose id, topics, hashtags, text, embedding or score getter throws) throws RebalanceError item naming the field, with the cause', () => {
    for (const field of ['id', 'topics', 'hashtags', 'text', 'embedding', 'score']) {
      const e = expectRebalanceError(
        () => rb.rebalance({ candidates: [{ id: 'ok' }, throwing({ id: 'b' }, field)], state }),
        'item',
        `candidates[1].${field}`,
      );
      expect(e.cause).toBeInstanceOf(Error);
    }
  });

  it('rebalance(item whose topics object is a proxy with throwing traps) throws RebalanceError item', () => {
    expectRebalanceError(
      () => rb.rebalance({ candidates: [{ id: 'a', topics: trapsThrow }], state }),
      'item',
      'candidates[0].topics',
    );
  });

  for (const field of ['candidates', 'recovery', 'state', 'at', 'size']) {
    it(`rebalance(request whose ${field} getter throws) throws RebalanceError request at ${field}`, () => {
      const base = { candidates: [{ id: 'a' }], recovery: [], state, at: 0, size: 3 };
      expectRebalanceError(() => rb.rebalance(throwing(base, field)), 'request', field);
    });
  }

  it('rebalance(request that is a proxy with throwing traps) throws RebalanceError request', () => {
    expectRebalanceError(() => rb.rebalance(trapsThrow as RebalanceRequest), 'request');
  });

  it('observe(impression whose item or at getter throws) throws RebalanceError impression', () => {
    expectRebalanceError(
      () => rb.observe(state, throwing({ item: { id: 'a' }, at: 0 }, 'at')),
      'impression',
      'impressions[0]',
    );
    expectRebalanceError(
      () => rb.observe(state, { item: throwing({ id: 'a' }, 'topics'), at: 0 }),
      'impression',
      'impressions[0].item.topics',
    );
  });

  it('createRebalancer(policy or taxonomy field getter throws) throws RebalanceError with the field path', () => {
    expectRebalanceError(
      () => createRebalancer({ taxonomy, policy: throwing(policy, 'levels') }),
      'policy',
      'levels',
    );
    expectRebalanceError(
      () => createRebalancer({ taxonomy: throwing(taxonomy, 'groups') }),
      'taxonomy',
      'groups',
    );
  });

  for (const [field, code] of [
    ['taxonomy', 'taxonomy'],
    ['policy', 'policy'],
  ] as const) {
    it(`createRebalancer(options whose ${field} getter throws) throws RebalanceError ${code}`, () => {
      expectRebalanceError(() => createRebalancer(throwing({ taxonomy, policy }, field)), code);
    });
  }

  it('parseState(state whose groups getter throws) throws RebalanceError state', () => {
    const s = JSON.parse(rb.serializeState(state)) as Record<string, unknown>;
    expectRebalanceError(() => rb.parseState(throwing(s, 'groups')), 'state', 'groups');
  });
});
