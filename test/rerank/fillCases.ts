import fc from 'fast-check';
import { ArenaPool, type Arena } from '../../src/scratch/Arena.js';
import { TriggerSets } from '../../src/rerank/groupSet.js';
import { fillSlots, type FillInput, type FillResult } from '../../src/rerank/fill.js';

// Random inputs of the fill, small enough for per-slot references: masks of up to 3 groups,
// optional diversified orders, caps, size bounds and recovery cadences.

/** One fill input, as plain values. */
export interface FillCase {
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

/** The fill's input for `c`, with its typed arrays from `arena`. */
export function fillInput(c: FillCase, arena: Arena): FillInput {
  const n = c.masks.length;
  const triggering = TriggerSets.create(arena, n, c.groups, true);
  for (let v = 0; v < n; v++) {
    triggering.setMask(v, c.masks[v]!);
    for (let g = 0; g < c.groups; g++)
      if ((c.masks[v]! & (1 << g)) !== 0) triggering.flags[v * c.groups + g] = 1;
  }
  return {
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
}

/**
 * Fills the slots for `c` and hands `read` the input and the result, whose typed arrays live only
 * for the call (they come from an arena released after it).
 */
export function withFill<T>(
  c: FillCase,
  read: (input: FillInput, fill: FillResult, arena: Arena) => T,
): T {
  const arena = new ArenaPool().take();
  try {
    const input = fillInput(c, arena);
    return read(input, fillSlots(input, arena), arena);
  } finally {
    arena.release();
  }
}

/** Random fill inputs. */
export const fillCases: fc.Arbitrary<FillCase> = fc
  .record({
    groups: fc.integer({ min: 1, max: 3 }),
    n: fc.integer({ min: 0, max: 60 }),
    triggeringShare: fc.constantFrom(0, 0.1, 0.3, 0.7, 1),
    seed: fc.integer(),
    // The input order, a few swaps of neighbours away from it (most items keep their order, so
    // moved and unmoved items mix), or a shuffle.
    diversified: fc.constantFrom('no', 'swaps', 'shuffle'),
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
    if (r.diversified === 'shuffle') {
      order = Array.from({ length: r.n }, (_, i) => i);
      for (let i = r.n - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
    } else if (r.diversified === 'swaps') {
      order = Array.from({ length: r.n }, (_, i) => i);
      for (let k = 0; k < r.n >> 3; k++) {
        const i = Math.floor(next() * (r.n - 1));
        [order[i], order[i + 1]] = [order[i + 1]!, order[i]!];
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
