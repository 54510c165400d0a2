import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { dppGreedy } from '../../src/rerank/diversify/dppGreedy.js';
import { gram, integerKernel, seededKernel, seededMatrix } from './generators.js';
import { naiveGains, naiveGreedyDpp } from './oracles.js';

const EPSILON = 1e-10;
const windowArb = fc.option(fc.integer({ min: 1, max: 8 }), { nil: null });

function expectValidSelection(picks: readonly number[], n: number, maxLength: number): void {
  expect(picks.length).toBeLessThanOrEqual(Math.min(n, maxLength));
  expect(new Set(picks).size).toBe(picks.length);
  for (const p of picks) {
    expect(Number.isInteger(p)).toBe(true);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(n);
  }
}

/**
 * Checks every step of `picks` against the naive determinant oracle given the same prefix:
 * the pick's gain det(L_{P∪{i}})/det(L_P) is the best up to rounding, and the selection stops
 * early only when no item has a gain above epsilon (up to rounding). Tolerances are relative to
 * the largest diagonal entry, the scale of every gain.
 */
function expectGreedySteps(
  kernel: number[][],
  picks: readonly number[],
  maxLength: number,
  window: number | null,
): void {
  const scale = Math.max(1, ...kernel.map((row, i) => row[i]!));
  for (let t = 0; t <= picks.length; t++) {
    if (t === Math.min(maxLength, kernel.length)) break;
    const gains = naiveGains(kernel, picks.slice(0, t), window);
    const best = Math.max(...gains);
    if (t === picks.length) {
      expect(best).toBeLessThan(EPSILON + 1e-8 * scale);
    } else {
      expect(gains[picks[t]!]!).toBeGreaterThanOrEqual(best - 1e-8 * scale);
      expect(gains[picks[t]!]!).toBeGreaterThan(EPSILON - 1e-8 * scale);
    }
  }
}

/**
 * Whether the oracle's run leaves no room for rounding to change a choice: every step's best
 * gain beats the runner-up by a clear margin, and the final gain is clearly below epsilon.
 */
function wellSeparated(naive: { best: number[]; second: number[] }): boolean {
  return naive.best.every((b, t) =>
    b < EPSILON
      ? b < EPSILON / 10
      : b > EPSILON + 1e-8 && b - naive.second[t]! > 1e-6 * Math.max(1, b),
  );
}

describe('dppGreedy', () => {
  it('dppGreedy(L, k, { window }) returns distinct indices in [0, n), at most min(k, n) of them', () => {
    fc.assert(
      fc.property(seededKernel, fc.nat({ max: 14 }), windowArb, ({ kernel }, k, window) => {
        const picks = dppGreedy(kernel, k, window === null ? {} : { window });
        expectValidSelection(picks, kernel.length, k);
      }),
      { numRuns: 300 },
    );
  });

  it('dppGreedy(L = B·Bᵀ, k) makes the naive log-det greedy choice at every step (ml-matrix determinants)', () => {
    fc.assert(
      fc.property(seededKernel, fc.integer({ min: 1, max: 12 }), ({ kernel }, k) => {
        const picks = dppGreedy(kernel, k);
        expectGreedySteps(kernel, picks, k, null);
        // Where the oracle's choices are separated by more than rounding, the sequences match.
        const naive = naiveGreedyDpp(kernel, k, null);
        if (wellSeparated(naive)) expect(picks).toEqual(naive.picks);
      }),
      { numRuns: 250 },
    );
  });

  it('dppGreedy(L, k, { window: w }) makes the naive windowed greedy choice (last w − 1 picks) at every step', () => {
    fc.assert(
      fc.property(
        seededKernel,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 6 }),
        ({ kernel }, k, window) => {
          const picks = dppGreedy(kernel, k, { window });
          expectGreedySteps(kernel, picks, k, window);
          const naive = naiveGreedyDpp(kernel, k, window);
          if (wellSeparated(naive)) expect(picks).toEqual(naive.picks);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('dppGreedy(L, k, { window }) stays a greedy choice up to rounding on integer kernels full of exact ties', () => {
    fc.assert(
      fc.property(
        integerKernel,
        fc.integer({ min: 1, max: 10 }),
        windowArb,
        (kernel, k, window) => {
          const picks = dppGreedy(kernel, k, window === null ? {} : { window });
          expectValidSelection(picks, kernel.length, k);
          expectGreedySteps(kernel, picks, k, window);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('dppGreedy(B·Bᵀ, k) with B random n × r stops after exactly min(k, n, r) picks: the rank bounds det(L_Y) > 0', () => {
    fc.assert(
      fc.property(seededKernel, fc.integer({ min: 1, max: 14 }), ({ kernel, n, rank }, k) => {
        expect(dppGreedy(kernel, k)).toHaveLength(Math.min(k, n, rank));
      }),
      { numRuns: 300 },
    );
  });

  it('dppGreedy(L, k, { window: k }) and windows of at least n equal dppGreedy(L, k) without a window', () => {
    fc.assert(
      fc.property(
        seededKernel,
        fc.integer({ min: 1, max: 12 }),
        fc.nat({ max: 5 }),
        ({ kernel }, k, extra) => {
          const plain = dppGreedy(kernel, k);
          expect(dppGreedy(kernel, k, { window: k })).toEqual(plain);
          expect(dppGreedy(kernel, k, { window: kernel.length + extra })).toEqual(plain);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('dppGreedy(L, k, { window: 1 }) orders by the diagonal alone, ties to the lower index', () => {
    fc.assert(
      fc.property(integerKernel, fc.integer({ min: 1, max: 10 }), (kernel, k) => {
        const byDiagonal = kernel
          .map((row, i) => ({ i, d: row[i]! }))
          .filter(({ d }) => d >= EPSILON)
          .sort((a, b) => b.d - a.d || a.i - b.i)
          .map(({ i }) => i)
          .slice(0, k);
        expect(dppGreedy(kernel, k, { window: 1 })).toEqual(byDiagonal);
      }),
      { numRuns: 300 },
    );
  });

  it('dppGreedy(L, k) is deterministic, reads array rows, Float64Array rows and ml-matrix alike, and never mutates the kernel', () => {
    fc.assert(
      fc.property(
        seededKernel,
        fc.integer({ min: 0, max: 12 }),
        windowArb,
        ({ kernel }, k, window) => {
          const options = window === null ? {} : { window };
          const before = JSON.stringify(kernel);
          const picks = dppGreedy(kernel, k, options);
          expect(dppGreedy(kernel, k, options)).toEqual(picks);
          expect(
            dppGreedy(
              kernel.map((row) => Float64Array.from(row)),
              k,
              options,
            ),
          ).toEqual(picks);
          const matrix = new Matrix(kernel);
          expect(dppGreedy(matrix, k, options)).toEqual(picks);
          expect(matrix.to2DArray()).toEqual(kernel);
          expect(JSON.stringify(kernel)).toBe(before);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('dppGreedy(L, k) breaks exact ties towards the lower index', () => {
    // Identity: every gain is 1 at every step.
    const identity = Array.from({ length: 5 }, (_, i) =>
      Array.from({ length: 5 }, (_, j) => +(i === j)),
    );
    expect(dppGreedy(identity, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(dppGreedy(identity, 5, { window: 2 })).toEqual([0, 1, 2, 3, 4]);
    // Items 1 and 3 are copies of 0 and 2: once 0 and 2 are in, the copies gain nothing.
    const b = [
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
    ];
    expect(dppGreedy(gram(b), 4)).toEqual([0, 2]);
    // With a window of 2 only the previous pick counts, so the copy comes back one step later.
    expect(dppGreedy(gram(b), 4, { window: 2 })).toEqual([0, 2, 1, 3]);
  });

  it('dppGreedy(L, k) stops at maxLength, at epsilon, and selects nothing for maxLength 0 or an empty kernel', () => {
    const kernel = gram(seededMatrix(7, 6, 6));
    expect(dppGreedy(kernel, 0)).toEqual([]);
    expect(dppGreedy([], 3)).toEqual([]);
    expect(dppGreedy(kernel, 3)).toHaveLength(3);
    expect(dppGreedy(kernel, 100)).toHaveLength(6);
    // An epsilon above every diagonal entry stops before the first pick.
    const top = Math.max(...kernel.map((row, i) => row[i]!));
    expect(dppGreedy(kernel, 6, { epsilon: top * 1.01 })).toEqual([]);
    // The first pick is the largest diagonal entry.
    expect(dppGreedy(kernel, 1)).toEqual([kernel.findIndex((row, i) => row[i] === top)]);
  });

  it('dppGreedy(Diag(r)·S·Diag(r), 2) prefers a less relevant but different item over a near-copy (worked example)', () => {
    // det of {0, 1} = 1 − 0.9² = 0.19; det of {0, 2} = 0.8 − 0.1² = 0.79: item 2 wins.
    const kernel = [
      [1.0, 0.9, 0.1],
      [0.9, 1.0, 0.1],
      [0.1, 0.1, 0.8],
    ];
    expect(dppGreedy(kernel, 2)).toEqual([0, 2]);
  });
});
