import { describe, expect, it } from 'vitest';
import { createRebalancer, presets } from '../../src/index.js';
import type {
  Item,
  PolicyInput,
  RebalanceRequest,
  RebalanceResult,
  Slot,
} from '../../src/index.js';
import { checkRebalancer } from '../../src/testing/index.js';
import type { GuaranteeNumber, RebalanceTarget } from '../../src/testing/index.js';

// Deliberately broken re-rankers, each wrapped around the real engine. The kit must catch every
// one, with the guarantee the breakage is about; the full check may stop at an earlier
// guarantee the same breakage also violates (listed in `alsoBy`).

const policy: PolicyInput = presets.policies.protective;
const taxonomy = presets.taxonomies.default;
const rb = createRebalancer({ taxonomy, policy });

/** The same policy with every cap's count raised by one. */
function capsPlusOne(p: PolicyInput): PolicyInput {
  const levels: Record<string, unknown> = {};
  for (const [level, action] of Object.entries(p.levels ?? {})) {
    levels[level] =
      action.cap === undefined
        ? action
        : { ...action, cap: { ...action.cap, count: action.cap.count + 1 } };
  }
  return { ...p, levels };
}
const loose = createRebalancer({ taxonomy, policy: capsPlusOne(policy) });

function withSlots(result: RebalanceResult, slots: Slot[], items: Item[]): RebalanceResult {
  return { ...result, slots, items };
}

interface Mutant {
  readonly name: string;
  readonly target: () => RebalanceTarget;
  /** The guarantee the breakage is about. */
  readonly by: GuaranteeNumber;
  /** Earlier guarantees the same breakage may also break. */
  readonly alsoBy: readonly GuaranteeNumber[];
}

const mutants: readonly Mutant[] = [
  {
    name: 'serves an id twice',
    by: 1,
    alsoBy: [],
    target: () => (request) => {
      const out = rb.rebalance(request);
      if (out.slots.length === 0) return out;
      return withSlots(out, [...out.slots, out.slots[0]!], [...out.items, out.items[0]!]);
    },
  },
  {
    name: 'drops a candidate silently',
    by: 2,
    alsoBy: [],
    target: () => (request) => {
      const out = rb.rebalance(request);
      return { ...out, dropped: out.dropped.slice(1) };
    },
  },
  {
    name: 'breaks a cap by one',
    by: 4,
    alsoBy: [2, 3],
    target: () => (request) => loose.rebalance(request),
  },
  {
    name: 'reorders untouched items',
    by: 6,
    alsoBy: [3, 5],
    target: () => (request) => {
      const out = rb.rebalance(request);
      const plain = (s: number): boolean =>
        out.slots[s]!.source === 'organic' &&
        Object.values(rb.classify(out.items[s]!).triggering).every(
          (c) => c < rb.policy.minConfidence,
        );
      for (let s = 0; s + 1 < out.slots.length; s++) {
        if (plain(s) && plain(s + 1)) {
          const slots = out.slots.slice();
          const items = out.items.slice();
          [slots[s], slots[s + 1]] = [slots[s + 1]!, slots[s]!];
          [items[s], items[s + 1]] = [items[s + 1]!, items[s]!];
          return withSlots(out, slots, items);
        }
      }
      return out;
    },
  },
  {
    name: 'invents an item',
    by: 1,
    alsoBy: [],
    target: () => (request) => {
      const out = rb.rebalance(request);
      const invented: Item = { id: 'invented', topics: ['ed-recovery'] };
      const slot: Slot = {
        id: 'invented',
        source: 'recovery',
        from: null,
        reasons: ['recovery:eating-disorder'],
      };
      return withSlots(out, [slot, ...out.slots], [invented, ...out.items]);
    },
  },
  {
    name: 'is nondeterministic',
    by: 8,
    alsoBy: [],
    target: () => {
      // A hidden counter: every other call lists the dropped candidates in reverse order.
      let calls = 0;
      return (request: RebalanceRequest) => {
        const out = rb.rebalance(request);
        calls += 1;
        return calls % 2 === 0 ? { ...out, dropped: out.dropped.slice().reverse() } : out;
      };
    },
  },
  {
    name: 'mutates its input',
    by: 8,
    alsoBy: [],
    target: () => (request) => {
      const out = rb.rebalance(request);
      (request.candidates as Item[]).reverse();
      return out;
    },
  },
  {
    name: 'swaps its first two recovery items',
    by: 7,
    alsoBy: [],
    target: () => (request) => {
      const out = rb.rebalance(request);
      const at = out.slots.flatMap((s, i) => (s.source === 'recovery' ? [i] : []));
      if (at.length < 2) return out;
      const [a, b] = [at[0]!, at[1]!];
      const slots = out.slots.slice();
      const items = out.items.slice();
      [slots[a], slots[b]] = [slots[b]!, slots[a]!];
      [items[a], items[b]] = [items[b]!, items[a]!];
      return withSlots(out, slots, items);
    },
  },
  {
    name: 'moves its first recovery item to the top',
    by: 7,
    alsoBy: [3, 4, 5],
    target: () => (request) => {
      const out = rb.rebalance(request);
      const r = out.slots.findIndex((s) => s.source === 'recovery');
      if (r <= 0) return out;
      const slots = [out.slots[r]!, ...out.slots.filter((_, i) => i !== r)];
      const items = [out.items[r]!, ...out.items.filter((_, i) => i !== r)];
      return withSlots(out, slots, items);
    },
  },
  {
    name: 'reports every group at level none',
    by: 4,
    alsoBy: [3],
    target: () => (request) => {
      const out = rb.rebalance(request);
      const groups = Object.create(null) as Record<string, (typeof out.assessment.groups)[string]>;
      for (const [g, a] of Object.entries(out.assessment.groups))
        groups[g] = { ...a, level: 'none' };
      return { ...out, assessment: { ...out.assessment, groups } };
    },
  },
  {
    name: 'ignores the cooldown',
    by: 7,
    alsoBy: [],
    target: () => (request) =>
      rb.rebalance({ ...request, state: { ...request.state, recoveryShown: [] } }),
  },
];

const SEED = 20_251_125;
const RUNS = 250;

describe('mutants: deliberately broken re-rankers are caught', () => {
  for (const m of mutants) {
    it(`checkRebalancer(re-ranker that ${m.name}) fails on guarantee ${[...m.alsoBy, m.by].join(' or ')}`, () => {
      const result = checkRebalancer(m.target(), { taxonomy, policy, numRuns: RUNS, seed: SEED });
      expect(result.ok).toBe(false);
      if (!result.ok) expect([...m.alsoBy, m.by]).toContain(result.guarantee);
    });

    // A breakage that an earlier guarantee may catch first is also checked on its own guarantee.
    if (m.alsoBy.length > 0)
      it(`checkRebalancer(re-ranker that ${m.name}, { guarantees: [${m.by}] }) fails on guarantee ${m.by}`, () => {
        const result = checkRebalancer(m.target(), {
          taxonomy,
          policy,
          numRuns: RUNS,
          seed: SEED,
          guarantees: [m.by],
        });
        expect(result.ok ? null : result.guarantee).toBe(m.by);
      });
  }

  it('checkRebalancer(the unmodified engine wrapped the same way) passes with the same seed', () => {
    const result = checkRebalancer((request) => rb.rebalance(request), {
      taxonomy,
      policy,
      numRuns: RUNS,
      seed: SEED,
    });
    expect(result).toEqual({ ok: true });
  });
});
