import { ArgumentReader } from './arguments.js';
import { observedRate, readClassifier } from './classifier.js';
import { cusumChainArl, transientStates } from './cusumChainArl.js';
import { cusumRenewalArl } from './cusumRenewalArl.js';
import { ARL_LIMITS } from './limits.js';
import type { CusumArlInput } from './types.js';

/**
 * Average run length of the Bernoulli CUSUM `S ← max(0, S + x − γ)`, alarm at `S ≥ h`: the
 * expected number of impressions, counting the alarming one, until the first alarm from S = 0,
 * when each impression is triggering with probability `p` independently.
 *
 * At p = p0 (a user who is not at risk) it is the mean time to a false alarm, ARL0; at p = p1
 * it is the detection delay, ARL1.
 *
 * When γ = 1/m for an integer m, the statistic lives on the grid k/m and the ARL is solved
 * exactly from the Markov chain on that grid (Reynolds & Stoumbos, JQT 1999) with a banded
 * solver, O(m²h) work. For any other γ — including the irrational γ that the formula gives
 * for most p0, p1 — it is summed exactly by renewal at S = 0 (ARL = E[excursion length] /
 * P(excursion alarms), with S = i − nγ inside an excursion), which needs no rounding of γ;
 * the sum stops when the unresolved probability is below 1e-15 of the alarm probability.
 * Both methods agree to 1e-9 where both apply (see the tests). Both use the detector's own
 * comparison, which forgives 1e-9 of rounding drift, so they describe the detector as built.
 *
 * With `classifier`, `p` is the rate of triggering content and the ARL is that of the labels the
 * detector actually sees, at p′ = recall·p + falsePositiveRate·(1 − p) — exactly
 * `cusumArl({ p: p′, gamma, h })`. False positives raise p′ above p at low rates, so ARL0 falls:
 * see docs/detection.md.
 *
 * @param input - `p`, `gamma`, `h` and optionally `classifier`
 * @returns the average run length in impressions (`Infinity` beyond the float range)
 * @throws {@link RebalanceError} code `argument`, path the argument's name, when `p` or `gamma`
 *   is not in (0, 1), `h` is not in (0, 10000], `classifier` is not `{ recall, falsePositiveRate }`
 *   with recall in (0, 1] and the false-positive rate in [0, recall) (path `classifier.recall`,
 *   …), an unknown argument is given, or the computation
 *   would exceed its work bound of 2e7 probability updates (near-zero drift with h in the
 *   hundreds)
 *
 * @example
 * ```ts
 * import { cusumArl } from 'feed-rebalancer';
 * cusumArl({ p: 0.05, gamma: 1 / 7, h: 4 }); // ≈ 36492 impressions
 * ```
 */
export function cusumArl(input: CusumArlInput): number {
  const args = new ArgumentReader('cusumArl', input, ['p', 'gamma', 'h', 'classifier']);
  const p = args.probability('p');
  const gamma = args.probability('gamma');
  const h = args.number(
    'h',
    (v) => v > 0 && v <= ARL_LIMITS.cusumH,
    `must be a number in (0, ${ARL_LIMITS.cusumH}]`,
  );
  return cusumArlChecked(observedRate(p, readClassifier(args)), gamma, h);
}

/**
 * {@link cusumArl} on arguments already checked, choosing the method.
 *
 * @param p - probability of a triggering impression, in (0, 1)
 * @param gamma - the reference value, in (0, 1)
 * @param h - the threshold, > 0
 * @returns the average run length
 *
 * @example
 * ```ts
 * import { cusumArlChecked } from './cusumArl.js';
 * cusumArlChecked(0.3, 0.1456, 4);
 * ```
 *
 * @internal
 */
export function cusumArlChecked(p: number, gamma: number, h: number): number {
  const m = Math.round(1 / gamma);
  if (m >= 2 && Math.abs(m * gamma - 1) <= 1e-12) {
    const states = transientStates(m, h);
    if (states * m <= ARL_LIMITS.cusumBand) return cusumChainArl(p, m, h);
  }
  return cusumRenewalArl(p, gamma, h);
}
