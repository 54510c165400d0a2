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
 * @param into - where to write the result (observe passes its working copy of the group, so
 *   that an impression allocates nothing); a new object by default
 * @returns `into`, holding the new statistic and window
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
  into: { statistic: number; window: string } = { statistic: 0, window: '' },
): DetectorStep {
  const previous = Number.isFinite(statistic) && statistic > 0 ? statistic : 0;
  let next: number;
  let bits = '';
  switch (d.kind) {
    case 'run':
      next = Number.isFinite(run) && run > 0 ? run : 0;
      break;
    case 'window':
      bits = windowBits(d.window, window, x);
      next = windowCount(d.window, statistic, window, bits, x);
      break;
    case 'cusum': {
      const s = previous + x - d.gamma;
      next = s > STATISTIC_TOLERANCE ? s : 0;
      break;
    }
    case 'ewma': {
      const z = d.lambda * x + (1 - d.lambda) * previous;
      next = z < 1 ? z : 1;
      break;
    }
  }
  into.statistic = next;
  into.window = bits;
  return into;
}

/** The window after this impression: the last `width` bits, oldest first. */
function windowBits(width: number, bits: string, x: 0 | 1): string {
  const bit = x === 1 ? '1' : '0';
  return bits.length < width ? bits + bit : bits.slice(bits.length - width + 1) + bit;
}

/**
 * The `1`s in `kept`, the window after this impression. The count is carried incrementally;
 * it is recounted only when the carried value cannot be right.
 */
function windowCount(width: number, count: number, bits: string, kept: string, x: 0 | 1): number {
  if (bits.length < width) return consistent(count, bits.length) ? count + x : countOnes(kept);
  if (bits.length === width && consistent(count, width)) {
    const next = count - (bits.charCodeAt(0) === ONE ? 1 : 0) + x;
    if (next >= 0 && next <= width) return next;
  }
  return countOnes(kept);
}

function consistent(count: number, length: number): boolean {
  return Number.isInteger(count) && count >= 0 && count <= length;
}

function countOnes(bits: string): number {
  let ones = 0;
  for (let i = 0; i < bits.length; i++) if (bits.charCodeAt(i) === ONE) ones++;
  return ones;
}
