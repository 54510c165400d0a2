import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fillCases, withFill, type FillCase as Case } from './fillCases.js';

// The fill against a plain per-slot reference: every slot asks whether a recovery slot is due,
// and otherwise scans all remaining candidates in rank order for the first one every cap allows
// there, counting each group's items among the served slots still inside its window. The engine
// keeps queues per signature, rings per group, cached sets of unblocked queues and runs of slots
// that queue 0 fills in a loop of its own; none of that may change a single slot.

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
  return withFill(c, (_input, out) => ({
    slots: Array.from(out.slots),
    recoverySlots: out.recoverySlots,
    stoppedBy: out.stoppedBy,
    // `taken` is per rank in the fill order, as the reference keeps it.
    taken: Array.from(out.taken),
  }));
}

describe('fillSlots', () => {
  it('serves exactly the slots a per-slot scan of the remaining candidates serves', () => {
    fc.assert(
      fc.property(fillCases, (c) => {
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
