import type { ResolvedDetection } from './detector.js';
import { STATISTIC_TOLERANCE } from './tolerance.js';
import type { DetectorStep } from './detector.js';
import { WINDOW_STEPS, symbolValue, windowSymbol, windowTwentieths } from './windowSymbols.js';

/**
 * Advances a group's detector statistic by one impression whose evidence is `x`: 0 or 1 under
 * `evidence: 'labels'`, the group confidence c in [0, 1] under `evidence: 'confidence'` (the
 * caller chooses; with x in {0, 1} both are the same detector, bit for bit).
 *
 * - `run`: the statistic is `run`, the group's run length after this impression (the caller
 *   counts it on labels and ends runs at session gaps).
 * - `window`: appends x to `window` as one symbol (x rounded to the nearest 1/20: `'0'`, `'1'`,
 *   or `'a'` … `'s'` for 1/20 … 19/20; see `windowSymbol`), keeps the last `d.window` symbols,
 *   and sums them exactly in twentieths — with labels, the count of `1`s.
 * - `cusum`: `S ← max(0, S + x − γ)` (Reynolds & Stoumbos 1999). With x = c this adds the
 *   expected log-likelihood ratio of the impression, c·ln(p1/p0) + (1 − c)·ln((1 − p1)/(1 − p0)),
 *   divided by A = ln(p1(1 − p0)/(p0(1 − p1))) — the same scaling as the labels CUSUM, so h means
 *   the same under both. Values within 1e-9 of 0 become exactly 0, so rounding drift never
 *   leaves a tiny positive or negative residue.
 * - `ewma`: `z ← λx + (1 − λ)z`, kept in [0, 1].
 *
 * A statistic that is not a finite non-negative number (a corrupted state) restarts from 0
 * rather than spreading NaN.
 *
 * @param d - the resolved detector
 * @param statistic - the statistic before this impression
 * @param window - the window symbols before this impression (`''` for other detectors)
 * @param x - the impression's evidence for the group, in [0, 1]
 * @param run - the group's run length after this impression
 * @param into - where to write the result (observe passes its working copy of the group, so
 *   that an impression allocates nothing); a new object by default
 * @returns `into`, holding the new statistic and window
 *
 * @example
 * ```ts
 * import { stepStatistic } from './stepStatistic.js';
 * const d = { kind: 'window', count: 3, window: 4, hold: 10, evidence: 'labels' } as const;
 * stepStatistic(d, 2, '0101', 1, 1); // { statistic: 3, window: '1011' }
 * ```
 *
 * @internal
 */
export function stepStatistic(
  d: ResolvedDetection,
  statistic: number,
  window: string,
  x: number,
  run: number,
  into: { statistic: number; window: string } = { statistic: 0, window: '' },
): DetectorStep {
  const previous = Number.isFinite(statistic) && statistic > 0 ? statistic : 0;
  let next: number;
  let kept = '';
  switch (d.kind) {
    case 'run':
      next = Number.isFinite(run) && run > 0 ? run : 0;
      break;
    case 'window': {
      const symbol = windowSymbol(x);
      kept =
        window.length < d.window
          ? window + symbol
          : window.slice(window.length - d.window + 1) + symbol;
      next = windowSum(d.window, statistic, window, kept, symbolValue(symbol.charCodeAt(0)));
      break;
    }
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
  into.window = kept;
  return into;
}

/**
 * The sum of `kept`, the window after this impression, in units of evidence. It is carried
 * incrementally in twentieths (exact integers); it is recounted only when the carried value
 * cannot be right — not a whole number of twentieths, or outside [0, the window's length].
 */
function windowSum(
  width: number,
  carried: number,
  before: string,
  kept: string,
  q: number,
): number {
  const units = carried * WINDOW_STEPS;
  const whole = Math.round(units);
  const plausible =
    Number.isFinite(units) &&
    Math.abs(units - whole) < 1e-6 &&
    whole >= 0 &&
    whole <= WINDOW_STEPS * before.length;
  if (plausible && before.length < width) return (whole + q) / WINDOW_STEPS;
  if (plausible && before.length === width) {
    const dropped = symbolValue(before.charCodeAt(0));
    const next = whole - dropped + q;
    if (dropped >= 0 && next >= 0 && next <= WINDOW_STEPS * width) return next / WINDOW_STEPS;
  }
  const recount = windowTwentieths(kept);
  return recount < 0 ? 0 : recount / WINDOW_STEPS;
}
