import type { ResolvedDetection } from '../policy/resolved.js';
import { STATISTIC_TOLERANCE } from './tolerance.js';
import type { DetectorStep } from './types.js';

const ONE = 49; // '1'.charCodeAt(0)

/**
 * Advances a group's detector statistic by one impression.
 *
 * - `run`: the statistic is `run`, the group's run length after this impression (the caller
 *   ends runs at session gaps).
 * - `window`: appends the bit to `window` (oldest first, at most `d.window` characters) and
 *   counts its `1`s.
 * - `cusum`: `S ← max(0, S + x − γ)` (Reynolds & Stoumbos 1999); values within 1e-9 of 0 become
 *   exactly 0, so rounding drift never leaves a tiny positive or negative residue.
 * - `ewma`: `z ← λx + (1 − λ)z`, kept in [0, 1].
 *
 * A statistic that is not a finite non-negative number (a corrupted state) restarts from 0
 * rather than spreading NaN.
 *
 * @param d - the resolved detector
 * @param statistic - the statistic before this impression
 * @param window - the window bits before this impression (`''` for other detectors)
 * @param x - 1 when the impression is triggering for the group, else 0
 * @param run - the group's run length after this impression
 * @returns the new statistic and window
 *
 * @example
 * ```ts
 * import { stepStatistic } from './stepStatistic.js';
 * const d = { kind: 'window', count: 3, window: 4, hold: 10 } as const;
 * stepStatistic(d, 2, '0101', 1, 1); // { statistic: 3, window: '1011' }
 * ```
 *
 * @internal
 */
export function stepStatistic(
  d: ResolvedDetection,
  statistic: number,
  window: string,
  x: 0 | 1,
  run: number,
): DetectorStep {
  const previous = Number.isFinite(statistic) && statistic > 0 ? statistic : 0;
  switch (d.kind) {
    case 'run':
      return { statistic: Number.isFinite(run) && run > 0 ? run : 0, window: '' };
    case 'window':
      return stepWindow(d.window, statistic, window, x);
    case 'cusum': {
      const next = previous + x - d.gamma;
      return { statistic: next > STATISTIC_TOLERANCE ? next : 0, window: '' };
    }
    case 'ewma': {
      const next = d.lambda * x + (1 - d.lambda) * previous;
      return { statistic: next < 1 ? next : 1, window: '' };
    }
  }
}

function stepWindow(width: number, count: number, bits: string, x: 0 | 1): DetectorStep {
  const bit = x === 1 ? '1' : '0';
  if (bits.length < width) {
    const grown = bits + bit;
    // The count is carried incrementally; recount only when the carried value cannot be right.
    return {
      statistic: consistent(count, bits.length) ? count + x : countOnes(grown),
      window: grown,
    };
  }
  const kept = bits.slice(bits.length - width + 1) + bit;
  if (bits.length === width && consistent(count, width)) {
    const next = count - (bits.charCodeAt(0) === ONE ? 1 : 0) + x;
    if (next >= 0 && next <= width) return { statistic: next, window: kept };
  }
  return { statistic: countOnes(kept), window: kept };
}

function consistent(count: number, length: number): boolean {
  return Number.isInteger(count) && count >= 0 && count <= length;
}

function countOnes(bits: string): number {
  let ones = 0;
  for (let i = 0; i < bits.length; i++) if (bits.charCodeAt(i) === ONE) ones++;
  return ones;
}
