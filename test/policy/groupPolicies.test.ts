import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRebalancer,
  designCusum,
  explain,
  presets,
  RebalanceError,
  resolvePolicy,
  type Impression,
  type PolicyInput,
} from '../../src/index.js';
import { checkRebalancer } from '../../src/testing/index.js';

const taxonomy = presets.taxonomies.default;
const balanced = presets.policies.balanced;

/** A stricter suicide block: a more sensitive CUSUM, and a filter from `elevated` up. */
const suicideDesign = designCusum({ p0: 0.05, p1: 0.2, targetArl0: 300 });
const strict: PolicyInput = {
  ...balanced,
  groups: {
    suicide: {
      minConfidence: 0.3,
      detection: {
        kind: 'cusum',
        p0: suicideDesign.p0,
        p1: suicideDesign.p1,
        h: suicideDesign.h,
        hold: 20,
      },
      levels: {
        none: { cap: { count: 1, window: 10 } },
        elevated: { cap: { count: 0, window: 1 }, recoveryEvery: 6 },
        sustained: { cap: { count: 0, window: 1 }, recoveryEvery: 4 },
      },
    },
  },
};

function policyError(policy: unknown, tax = taxonomy): RebalanceError {
  try {
    createRebalancer({ taxonomy: tax, policy: policy as never });
  } catch (error) {
    if (error instanceof RebalanceError) return error;
    throw error;
  }
  throw new Error('expected a RebalanceError');
}

const topicStream = fc.array(
  fc.record({
    topic: fc.constantFrom('pro-ana', 'self-harm', 'suicide', 'cooking', 'music'),
    c: fc.constantFrom(0.2, 0.4, 0.6, 1),
  }),
  { maxLength: 80 },
);
const toImpressions = (s: { topic: string; c: number }[]): Impression[] =>
  s.map(({ topic, c }, i) => ({ item: { id: `i${i}`, topics: { [topic]: c } }, at: i * 5_000 }));

describe('policy.groups', () => {
  it('resolvePolicy(groups) resolves each block, taking the top-level field for what it leaves out, whole-field', () => {
    const p = resolvePolicy({
      minConfidence: 0.6,
      detection: { kind: 'run', length: 4, hold: 3 },
      levels: { sustained: { cap: { count: 1, window: 6 } }, elevated: { recoveryEvery: 5 } },
      groups: {
        suicide: { levels: { sustained: { cap: { count: 0, window: 1 } } } },
        'self-harm': { minConfidence: 0.4, detection: { kind: 'window', count: 2, window: 5 } },
      },
    });
    expect(Object.getPrototypeOf(p.groups)).toBeNull();
    expect(Object.keys(p.groups)).toEqual(['suicide', 'self-harm']);
    const suicide = p.groups['suicide']!;
    expect(suicide.minConfidence).toBe(0.6);
    expect(suicide.detection).toBe(p.detection);
    // Whole-field: the block's levels replace the top-level ones; `elevated` is not inherited.
    expect(suicide.levels.sustained.cap).toEqual({ count: 0, window: 1 });
    expect(suicide.levels.elevated).toEqual({ cap: null, recoveryEvery: null, diversify: null });
    const selfHarm = p.groups['self-harm']!;
    expect(selfHarm.minConfidence).toBe(0.4);
    // A block's detection takes the defaults of its own fields, not the top level's hold.
    expect(selfHarm.detection).toEqual({
      kind: 'window',
      count: 2,
      window: 5,
      hold: 10,
      evidence: 'labels',
    });
    expect(selfHarm.levels).toBe(p.levels);
    expect(resolvePolicy(balanced).groups).toEqual({});
  });

  it.each([
    [
      { groups: { suicide: { detection: { kind: 'cusum', p0: 0.05, p1: 0.3, h: -1 } } } },
      'groups.suicide.detection.h',
      'policy.groups.suicide.detection.h must be a number in (0, 10000]',
    ],
    [
      { groups: { suicide: { levels: { sustained: { recoveryEvery: 1 } } } } },
      'groups.suicide.levels.sustained.recoveryEvery',
      'policy.groups.suicide.levels.sustained.recoveryEvery must be an integer in [2, 10000]',
    ],
    [
      { groups: { suicide: { minConfidence: 0 } } },
      'groups.suicide.minConfidence',
      'policy.groups.suicide.minConfidence must be a number in (0, 1]',
    ],
    [
      { groups: { suicide: { recovery: {} } } },
      'groups.suicide.recovery',
      'is not a known field (expected one of minConfidence, detection, levels)',
    ],
    [
      { groups: { 'self harm': { detection: { kind: 'x' } } } },
      'groups["self harm"].detection.kind',
      'policy.groups["self harm"].detection.kind must be one of \'run\'',
    ],
    [
      { groups: { suicide: { detection: { kind: 'run', length: 3, evidence: 'scores' } } } },
      'groups.suicide.detection.evidence',
      "must be one of 'labels', 'confidence'",
    ],
    [
      { detection: { kind: 'ewma', lambda: 0.1, limit: 0.3, evidence: 1 } },
      'detection.evidence',
      "must be one of 'labels', 'confidence' (got 1)",
    ],
    [{ groups: [] }, 'groups', 'policy.groups must be an object'],
    [{ groups: { suicide: null } }, 'groups.suicide', 'must be an object'],
    [{ groups: { '': {} } }, 'groups[""]', 'must be named by a non-empty string'],
  ])('createRebalancer(policy %j) throws code policy at path %s', (policy, path, fragment) => {
    const error = policyError(policy);
    expect([error.code, error.path]).toEqual(['policy', path]);
    expect(error.message).toContain(fragment);
    expect(error.message.startsWith('createRebalancer: policy')).toBe(true);
  });

  it('createRebalancer(policy with a block for a group the taxonomy lacks) throws code policy at groups.<id>, naming the taxonomy groups', () => {
    const error = policyError({ groups: { suicde: { minConfidence: 0.3 } } });
    expect([error.code, error.path]).toEqual(['policy', 'groups.suicde']);
    expect(error.message).toBe(
      'createRebalancer: policy.groups.suicde names a group the taxonomy does not have (its groups: eating-disorder, self-harm, suicide) (got "suicde")',
    );
    // resolvePolicy has no taxonomy: it resolves the block.
    expect(resolvePolicy({ groups: { suicde: {} } }).groups['suicde']).toBeDefined();
  });

  it('policy.groups keys such as __proto__ and constructor are plain group ids, never prototypes', () => {
    const policy = JSON.parse(
      '{"groups":{"__proto__":{"minConfidence":0.2},"constructor":{"levels":{"none":{"cap":{"count":0,"window":1}}}}}}',
    ) as PolicyInput;
    const resolved = resolvePolicy(policy);
    expect(Object.keys(resolved.groups)).toEqual(['__proto__', 'constructor']);
    expect(resolved.groups['__proto__']!.minConfidence).toBe(0.2);
    expect(({} as Record<string, unknown>).minConfidence).toBeUndefined();
    expect(policyError(policy).path).toBe('groups.__proto__');
    const odd = {
      groups: [
        { id: '__proto__', triggering: [{ id: 'p' }] },
        { id: 'constructor', triggering: [{ id: 'k' }] },
        { id: 'toString', triggering: [{ id: 's' }] },
      ],
    };
    const rb = createRebalancer({ taxonomy: odd, policy });
    const out = rb.rebalance({
      candidates: [
        { id: 'a', topics: ['k'] },
        { id: 'b', topics: { p: 0.3 } },
        { id: 'c', topics: ['s'] },
      ],
      state: rb.emptyState(),
    });
    // constructor's own `none` filter applies; __proto__'s threshold 0.2 makes b triggering for
    // it, but __proto__ follows the top-level levels (nothing); toString has no block.
    expect(out.items.map((i) => i.id)).toEqual(['b', 'c']);
    expect(out.dropped).toEqual([{ id: 'a', from: 0, reason: 'cap:constructor' }]);
    expect(out.applied.ownPolicy).toEqual(['__proto__', 'constructor']);
  });

  it('a stricter suicide block acts on suicide only: eating-disorder and self-harm are exactly as under the top-level policy', () => {
    const plain = createRebalancer({ taxonomy, policy: balanced });
    const strictRb = createRebalancer({ taxonomy, policy: strict });
    fc.assert(
      fc.property(
        topicStream,
        fc.array(fc.constantFrom('pro-ana', 'self-harm', 'suicide', 'cooking'), { maxLength: 15 }),
        (stream, next) => {
          const a = plain.observe(plain.emptyState(), toImpressions(stream));
          const b = strictRb.observe(strictRb.emptyState(), toImpressions(stream));
          expect(b.groups.slice(0, 2)).toEqual(a.groups.slice(0, 2));
          const candidates = next.map((t, i) => ({ id: `c${i}`, topics: [t] }));
          const outA = plain.rebalance({ candidates, state: a });
          const outB = strictRb.rebalance({ candidates, state: b });
          // Whatever happens to suicide items, the others keep the same relative order and the
          // same drops.
          const others = (ids: readonly { id: string }[]) =>
            ids
              .map((i) => i.id)
              .filter((id) => next[Number(id.slice(1))] !== 'suicide' && id.startsWith('c'));
          for (const g of ['eating-disorder', 'self-harm'])
            expect(outB.applied.caps[g]).toEqual(outA.applied.caps[g]);
          const levelB = strictRb.assess(b).groups['suicide']!.level;
          if (levelB !== 'none') {
            expect(
              outB.items.some((i) => (i.topics as string[] | undefined)?.[0] === 'suicide'),
            ).toBe(false);
          }
          if (
            !next.includes('suicide') &&
            outA.applied.recoveryEvery === outB.applied.recoveryEvery
          )
            expect(others(outB.items)).toEqual(others(outA.items));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the stricter suicide block detects suicide sooner, and filters it from the first alarm', () => {
    const plain = createRebalancer({ taxonomy, policy: balanced });
    const strictRb = createRebalancer({ taxonomy, policy: strict });
    // A suicide item every third impression (p = 1/3): the top-level CUSUM (γ 0.146, h 2.55)
    // and the suicide one (γ 0.110, h 1.8) both drift up; the suicide one alarms first.
    const stream = toImpressions(
      Array.from({ length: 30 }, (_, i) => ({ topic: i % 3 === 0 ? 'suicide' : 'cooking', c: 1 })),
    );
    const firstSustained = (rb: typeof plain) => {
      let s = rb.emptyState();
      for (let i = 0; i < stream.length; i++) {
        s = rb.observe(s, stream[i]!);
        if (rb.assess(s).groups['suicide']!.level === 'sustained') return i;
      }
      return Infinity;
    };
    expect(firstSustained(strictRb)).toBeLessThan(firstSustained(plain));
    const state = strictRb.observe(strictRb.emptyState(), stream);
    const out = strictRb.rebalance({
      candidates: [
        { id: 's1', topics: ['suicide'] },
        { id: 'e1', topics: ['pro-ana'] },
        { id: 's2', topics: { suicide: 0.35 } },
      ],
      state,
    });
    expect(out.dropped.map((d) => [d.id, d.reason])).toEqual([
      ['s1', 'cap:suicide'],
      ['s2', 'cap:suicide'], // 0.35 counts for suicide (its minConfidence 0.3), not elsewhere
    ]);
    expect(explain(out)).toBe(
      "Filtered out 2 suicide items (suicide's own policy, at level sustained).",
    );
  });

  it('assess reports each group against its own detector: threshold and level', () => {
    const rb = createRebalancer({ taxonomy, policy: strict });
    const a = rb.assess(rb.emptyState());
    expect(a.groups['suicide']!.threshold).toBe(suicideDesign.h);
    expect(a.groups['eating-disorder']!.threshold).toBe(2.55);
  });

  it('checkRebalancer(engine with a stricter suicide block) holds every guarantee, and catches a re-ranker that ignores the block', () => {
    const rb = createRebalancer({ taxonomy, policy: strict });
    expect(checkRebalancer(rb, { numRuns: 120, seed: 11 })).toEqual({ ok: true });
    const ignoring = createRebalancer({ taxonomy, policy: balanced });
    const result = checkRebalancer((request) => ignoring.rebalance(request), {
      taxonomy,
      policy: strict,
      numRuns: 200,
      seed: 11,
    });
    expect(result.ok).toBe(false);
  });

  it('the recovery memory covers the shortest cadence of any group', () => {
    const rb = createRebalancer({
      taxonomy,
      policy: {
        recovery: { cooldown: 20 },
        levels: { sustained: { recoveryEvery: 10 } },
        groups: { suicide: { levels: { none: { recoveryEvery: 2 } } } },
      },
    });
    const pool = Array.from({ length: 30 }, (_, i) => ({
      id: `r${i}`,
      topics: ['suicide-prevention'],
    }));
    let state = rb.emptyState();
    for (let i = 0; i < 30; i++) state = rb.observe(state, { item: pool[i]!, at: i });
    // ceil(20 / 2) + 1 entries: what the suicide cadence needs, not the top-level 10.
    expect(state.recoveryShown.length).toBe(11);
  });
});
