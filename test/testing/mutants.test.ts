import { describe, expect, it } from 'vitest';
import { createRebalancer, presets } from '../../src/index.js';
import type {
  DroppedItem,
  Item,
  PolicyInput,
  Rebalancer,
  RebalanceRequest,
  RebalanceResult,
  Slot,
} from '../../src/index.js';
import { checkRebalancer } from '../../src/testing/index.js';
import type { GuaranteeNumber, RebalanceTarget } from '../../src/testing/index.js';

// Deliberately broken re-rankers, each wrapped around the real engine. The kit must catch every
// one, with the guarantee the breakage is about; the full check may stop at an earlier
// guarantee the same breakage also violates (listed in `alsoBy`). The generated states carry
// "see less" feedback, and one group of mutants mishandles it, so that every guarantee check is
// shown to fail on a way of getting "see less" wrong.

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
  /** The policy the target must keep. @defaultValue `protective` */
  readonly policy?: PolicyInput;
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

// Ways of getting "see less" wrong. Each wraps the real engine of the policy it is checked under.

const off = presets.policies.off;
/** Every group capped at one item in three at every level: neighbours matter. */
const tight: PolicyInput = { levels: { none: { cap: { count: 1, window: 3 } } } };
const DAY = 86_400_000;

function isSeeLess(d: DroppedItem): boolean {
  return d.reason.startsWith('seeLess:');
}

function byInput(dropped: DroppedItem[]): DroppedItem[] {
  return dropped.sort((a, b) => a.from - b.from);
}

/** The engine run as if the person had given no "see less" feedback. */
function ignoringSeeLess(engine: Rebalancer, request: RebalanceRequest): RebalanceResult {
  return engine.rebalance({ ...request, state: { ...request.state, seeLess: [] } });
}

/** Fills the slots as if there were no "see less", then takes out the items it would remove. */
function removingAfterwards(engine: Rebalancer): RebalanceTarget {
  return (request) => {
    const removed = engine.rebalance(request).dropped.filter(isSeeLess);
    if (removed.length === 0) return engine.rebalance(request);
    const gone = new Set(removed.map((d) => d.from));
    const out = ignoringSeeLess(engine, request);
    const keep = out.slots.map((slot) => slot.from === null || !gone.has(slot.from));
    return {
      ...out,
      slots: out.slots.filter((_, s) => keep[s]),
      items: out.items.filter((_, s) => keep[s]),
      dropped: byInput([...out.dropped.filter((d) => !gone.has(d.from)), ...removed]),
    };
  };
}

const seeLessMutants: readonly Mutant[] = [
  {
    name: 'serves a see-less item with its topics stripped instead of dropping it',
    by: 1,
    alsoBy: [],
    target: () => (request) => {
      const out = rb.rebalance(request);
      const first = out.dropped.find(isSeeLess);
      if (first === undefined) return out;
      const slot: Slot = { id: first.id, source: 'organic', from: first.from, reasons: [] };
      return {
        ...withSlots(out, [...out.slots, slot], [...out.items, { id: first.id }]),
        dropped: out.dropped.filter((d) => d !== first),
      };
    },
  },
  {
    name: 'drops see-less items without listing them',
    by: 2,
    alsoBy: [],
    target: () => (request) => {
      const out = rb.rebalance(request);
      return { ...out, dropped: out.dropped.filter((d) => !isSeeLess(d)) };
    },
  },
  {
    name: 'lists see-less items as capped by a group they are triggering for',
    by: 2,
    alsoBy: [],
    target: () => (request) => {
      const out = rb.rebalance(request);
      const dropped = out.dropped.map((d): DroppedItem => {
        if (!isSeeLess(d)) return d;
        const t = rb.classify(request.candidates[d.from]!).triggering;
        const group = rb.groups.find((g) => (t[g] ?? 0) >= rb.policy.minConfidence)!;
        return { ...d, reason: `cap:${group}` };
      });
      return { ...out, dropped };
    },
  },
  {
    name: 'serves the items the person asked to see less of',
    by: 5,
    alsoBy: [2, 3],
    target: () => (request) => ignoringSeeLess(rb, request),
  },
  {
    name: 'demotes see-less items to the end of the feed (under off)',
    policy: off,
    by: 3,
    alsoBy: [2],
    target: () => {
      const engine = createRebalancer({ taxonomy, policy: off });
      return (request) => {
        const out = engine.rebalance(request);
        const removed = out.dropped.filter(isSeeLess);
        const slots = removed.map((d): Slot => ({
          id: d.id,
          source: 'organic',
          from: d.from,
          reasons: [],
        }));
        return {
          ...withSlots(
            out,
            [...out.slots, ...slots],
            [...out.items, ...removed.map((d) => request.candidates[d.from]!)],
          ),
          dropped: out.dropped.filter((d) => !isSeeLess(d)),
        };
      };
    },
  },
  {
    name: 'fills the slot a see-less item leaves with its last organic item (under off)',
    policy: off,
    by: 6,
    alsoBy: [3, 5],
    target: () => {
      const engine = createRebalancer({ taxonomy, policy: off });
      return (request) => {
        const out = engine.rebalance(request);
        const first = out.dropped.find(isSeeLess);
        const last = out.slots.length - 1;
        const hole = first === undefined ? -1 : out.slots.findIndex((s) => s.from! > first.from);
        if (hole < 0 || hole >= last) return out;
        const move = <T>(list: readonly T[]): T[] => [
          ...list.slice(0, hole),
          list[last]!,
          ...list.slice(hole, last),
        ];
        return withSlots(out, move(out.slots), move(out.items));
      };
    },
  },
  {
    name: 'removes see-less items after filling the slots (tight caps)',
    policy: tight,
    by: 4,
    alsoBy: [2, 3, 5],
    target: () => removingAfterwards(createRebalancer({ taxonomy, policy: tight })),
  },
  {
    name: 'removes see-less items after filling the slots (recovery cadence)',
    by: 7,
    alsoBy: [2, 3, 4, 5],
    target: () => removingAfterwards(rb),
  },
  {
    name: 'writes the see-less feedback still in force back into its request',
    by: 8,
    alsoBy: [],
    target: () => (request) => {
      const out = rb.rebalance(request);
      const entries = request.state.seeLess ?? [];
      const at = request.at ?? request.state.lastAt ?? Infinity;
      const kept = entries.filter(([, given]) => !(at - given >= 14 * DAY));
      if (kept.length < entries.length)
        (request as { state: RebalanceRequest['state'] }).state = {
          ...request.state,
          seeLess: kept,
        };
      return out;
    },
  },
];

const SEED = 20_251_125;
const RUNS = 250;

describe('mutants: deliberately broken re-rankers are caught', () => {
  for (const m of [...mutants, ...seeLessMutants]) {
    it(`checkRebalancer(re-ranker that ${m.name}) fails on guarantee ${[...m.alsoBy, m.by].join(' or ')}`, () => {
      const result = checkRebalancer(m.target(), {
        taxonomy,
        policy: m.policy ?? policy,
        numRuns: RUNS,
        seed: SEED,
      });
      expect(result.ok).toBe(false);
      if (!result.ok) expect([...m.alsoBy, m.by]).toContain(result.guarantee);
    });

    // A breakage that an earlier guarantee may catch first is also checked on its own guarantee.
    if (m.alsoBy.length > 0)
      it(`checkRebalancer(re-ranker that ${m.name}, { guarantees: [${m.by}] }) fails on guarantee ${m.by}`, () => {
        const result = checkRebalancer(m.target(), {
          taxonomy,
          policy: m.policy ?? policy,
          numRuns: RUNS,
          seed: SEED,
          guarantees: [m.by],
        });
        expect(result.ok ? null : result.guarantee).toBe(m.by);
      });
  }

  for (const [name, p] of [
    ['protective', policy],
    ['off', off],
    ['tight caps', tight],
  ] as const)
    it(`checkRebalancer(the unmodified engine under ${name}, wrapped the same way) passes with the same seed`, () => {
      const engine = createRebalancer({ taxonomy, policy: p });
      const result = checkRebalancer((request) => engine.rebalance(request), {
        taxonomy,
        policy: p,
        numRuns: RUNS,
        seed: SEED,
      });
      expect(result).toEqual({ ok: true });
    });
});
