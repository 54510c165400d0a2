import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ArenaPool } from '../../src/scratch/Arena.js';
import { TriggerSets } from '../../src/rerank/groupSet.js';
import { fillSlots, type FillInput } from '../../src/rerank/fill.js';

// The fill against a plain per-slot reference: every slot asks whether a recovery slot is due,
// and otherwise scans all remaining candidates in rank order for the first one every cap allows
// there, counting each group's items among the served slots still inside its window. The engine
// keeps queues per signature, rings per group, cached sets of unblocked queues and runs of slots
// that queue 0 fills in a loop of its own; none of that may change a single slot.

interface Case {
  readonly masks: readonly number[];
  readonly order: readonly number[] | null;
  readonly groups: number;
  readonly capCount: readonly number[];
  readonly capWindow: readonly number[];
  readonly size: number;
  readonly recoveryEvery: number;
  readonly recoveryAvailable: number;
  readonly maxShare: number;
}

interface Filled {
  readonly slots: number[];
  readonly recoverySlots: number;
  readonly stoppedBy: string;
  readonly taken: number[];
}

function reference(c: Case): Filled {
  const n = c.masks.length;
  const taken = new Array<number>(n).fill(0);
  const slots: number[] = [];
  // Per served slot, the triggering groups of its item as a mask (0 for a recovery slot).
  const slotMasks: number[] = [];
  let remaining = n;
  let lastRecovery = -1;
  let used = 0;
  let stoppedBy = 'end';
  const allows = (mask: number, s: number): boolean => {
    for (let g = 0; g < c.groups; g++) {
      if (c.capCount[g]! < 0 || (mask & (1 << g)) === 0) continue;
      let held = 0;
      for (let t = Math.max(0, s - c.capWindow[g]! + 1); t < s; t++)
        if ((slotMasks[t]! & (1 << g)) !== 0) held += 1;
      if (held + 1 > c.capCount[g]!) return false;
    }
    return true;
  };
  for (let s = 0; ; s++) {
    if (remaining === 0) break;
    if (s >= c.size) {
      stoppedBy = 'size';
      break;
    }
    if (
      c.recoveryEvery > 0 &&
      s - lastRecovery >= c.recoveryEvery &&
      used < c.recoveryAvailable &&
      used + 1 <= c.maxShare * (s + 1) + 1e-9
    ) {
      slots.push(-1);
      slotMasks.push(0);
      lastRecovery = s;
      used += 1;
      continue;
    }
    let chosen = -1;
    for (let r = 0; r < n && chosen < 0; r++) {
      const v = c.order === null ? r : c.order[r]!;
      if (taken[r] === 0 && allows(c.masks[v]!, s)) chosen = r;
    }
    if (chosen < 0) {
      stoppedBy = 'cap';
      break;
    }
    const v = c.order === null ? chosen : c.order[chosen]!;
    taken[chosen] = 1;
    slots.push(v);
    slotMasks.push(c.masks[v]!);
    remaining -= 1;
  }
  if (stoppedBy !== 'size')
    while (slots.length > 0 && slots[slots.length - 1] === -1) {
      slots.pop();
      used -= 1;
    }
  return { slots, recoverySlots: used, stoppedBy, taken };
}

function engine(c: Case): Filled {
  const arena = new ArenaPool().take();
  try {
    const n = c.masks.length;
    const triggering = TriggerSets.create(arena, n, c.groups, true);
    for (let v = 0; v < n; v++) {
      triggering.setMask(v, c.masks[v]!);
      for (let g = 0; g < c.groups; g++)
        if ((c.masks[v]! & (1 << g)) !== 0) triggering.flags[v * c.groups + g] = 1;
    }
    const input: FillInput = {
      count: n,
      order: c.order === null ? null : Int32Array.from(c.order),
      groups: c.groups,
      capCount: Int32Array.from(c.capCount),
      capWindow: Int32Array.from(c.capWindow),
      triggering,
      size: c.size,
      recoveryEvery: c.recoveryEvery,
      recoveryAvailable: c.recoveryAvailable,
      maxShare: c.maxShare,
    };
    const out = fillSlots(input, arena);
    return {
      slots: Array.from(out.slots),
      recoverySlots: out.recoverySlots,
      stoppedBy: out.stoppedBy,
      // `taken` is per rank in the fill order, as the reference keeps it.
      taken: Array.from(out.taken),
    };
  } finally {
    arena.release();
  }
}

const cases: fc.Arbitrary<Case> = fc
  .record({
    groups: fc.integer({ min: 1, max: 3 }),
    n: fc.integer({ min: 0, max: 60 }),
    triggeringShare: fc.constantFrom(0, 0.1, 0.3, 0.7, 1),
    seed: fc.integer(),
    diversified: fc.boolean(),
    capCount: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 3, maxLength: 3 }),
    capWindow: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 3, maxLength: 3 }),
    size: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 130 })),
    recoveryEvery: fc.oneof(fc.constant(0), fc.integer({ min: 2, max: 6 })),
    recoveryAvailable: fc.integer({ min: 0, max: 25 }),
    maxShare: fc.constantFrom(0, 0.1, 0.25, 0.34, 0.5, 1),
  })
  .map((r) => {
    // A small linear congruential generator spreads the masks and the permutation from the
    // seed, so that shrinking keeps a case's shape.
    let x = r.seed >>> 0;
    const next = (): number => {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      return x / 2 ** 32;
    };
    const masks = Array.from({ length: r.n }, () =>
      next() < r.triggeringShare ? 1 + Math.floor(next() * ((1 << r.groups) - 1)) : 0,
    );
    let order: number[] | null = null;
    if (r.diversified) {
      order = Array.from({ length: r.n }, (_, i) => i);
      for (let i = r.n - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
    }
    return {
      masks,
      order,
      groups: r.groups,
      capCount: r.capCount.slice(0, r.groups),
      capWindow: r.capWindow.slice(0, r.groups),
      size: r.size,
      recoveryEvery: r.recoveryEvery,
      recoveryAvailable: r.recoveryAvailable,
      maxShare: r.maxShare,
    };
  });

describe('fillSlots', () => {
  it('serves exactly the slots a per-slot scan of the remaining candidates serves', () => {
    fc.assert(
      fc.property(cases, (c) => {
        expect(engine(c)).toEqual(reference(c));
      }),
      { numRuns: 1500 },
    );
  });

  it('agrees on long runs that queue 0 fills between caps, recovery slots and the size bound', () => {
    // A feed of hundreds where few items are triggering: most slots are filled by queue 0's own
    // loop, which stops for window exits, due recovery slots, the size bound and a better head.
    const c: Case = {
      masks: Array.from({ length: 400 }, (_, i) => (i % 7 === 3 ? 1 : i % 11 === 5 ? 3 : 0)),
      order: null,
      groups: 2,
      capCount: [1, 2],
      capWindow: [10, 25],
      size: 333,
      recoveryEvery: 4,
      recoveryAvailable: 30,
      maxShare: 0.2,
    };
    const served = engine(c);
    expect(served.slots.length).toBe(333);
    expect(served).toEqual(reference(c));
  });
});
