import { RebalanceError } from '../errors/RebalanceError.js';
import { ArgumentReader } from './arguments.js';
import { observedRate, readClassifier } from './classifier.js';
import { cusumArlChecked } from './cusumArl.js';
import { cusumGamma } from './cusumGamma.js';
import { ARL_LIMITS } from './limits.js';
import type { CusumDesign, DesignCusumInput } from './types.js';

const DEFAULT_STEP = 0.05;
/** Beyond a trillion impressions a false-alarm target has no practical meaning. */
const MAX_TARGET = 1e12;

/**
 * Designs a Bernoulli CUSUM: the smallest threshold h on the grid `step, 2·step, …` whose
 * average run length at the in-control rate p0 is at least `targetArl0`, with γ derived from
 * p0 and p1 exactly as the detector derives it.
 *
 * The ARL grows with h along every path (a larger h can only delay the alarm), so the search
 * doubles h until the target is met and then bisects; each probe is an exact {@link cusumArl}.
 * The result's `arl1` is the detection delay at p1. Roughly, 1000 / arl0 is the number of false
 * alarms per 1,000 impressions of a user who is not at risk.
 *
 * With `classifier`, p0 and p1 are rates of triggering content, but the detector only sees
 * labels, at the rates p0′ and p1′ (p′ = recall·p + falsePositiveRate·(1 − p)). The CUSUM that
 * is optimal for those labels is the log-likelihood-ratio test of Bernoulli(p1′) against
 * Bernoulli(p0′), so γ is derived from p0′ and p1′, `arl0` is the ARL at p0′ and `arl1` at p1′,
 * and the design returns p0′ and p1′ as its `p0` and `p1`: write those in the policy, so that
 * the detector derives the same γ. Without a classifier they are the inputs.
 *
 * @param input - `p0`, `p1`, `targetArl0`, and optionally `step` and `classifier`
 * @returns `{ p0, p1, h, gamma, arl0, arl1 }`
 * @throws {@link RebalanceError} code `argument`, path the argument's name, when p0 is not in
 *   (0, 1), p1 is not in (p0, 1), `targetArl0` is not in (1, 1e12], `step` is not in
 *   (0, 10], `classifier` is not `{ recall, falsePositiveRate }` with recall in (0, 1] and the
 *   false-positive rate in [0, recall) (path `classifier.recall`, …), or the target needs a
 *   threshold beyond what `cusumArl` can evaluate (path `targetArl0`)
 *
 * @example
 * ```ts
 * import { designCusum } from 'feed-rebalancer';
 * const { h, arl0, arl1 } = designCusum({ p0: 0.05, p1: 0.3, targetArl0: 1000 });
 * // h = 2.2, arl0 ≈ 1000.5 impressions between false alarms, arl1 ≈ 13.7 impressions to detect p = 0.3
 * ```
 */
export function designCusum(input: DesignCusumInput): CusumDesign {
  const args = new ArgumentReader('designCusum', input, [
    'p0',
    'p1',
    'targetArl0',
    'step',
    'classifier',
  ]);
  const trueP0 = args.probability('p0');
  const trueP1 = args.number(
    'p1',
    (v) => v > trueP0 && v < 1,
    `must be a number in (p0, 1) = (${trueP0}, 1)`,
  );
  const target = args.number(
    'targetArl0',
    (v) => v > 1 && v <= MAX_TARGET,
    `must be a number in (1, ${MAX_TARGET}]`,
  );
  const step = args.optionalNumber(
    'step',
    (v) => v > 0 && v <= 10,
    'must be a number in (0, 10]',
    DEFAULT_STEP,
  );
  const classifier = readClassifier(args);
  // Recall above the false-positive rate keeps the label rates in order: p0′ < p1′.
  const p0 = observedRate(trueP0, classifier);
  const p1 = observedRate(trueP1, classifier);
  const gamma = cusumGamma(p0, p1);
  const arlAt = (j: number): number => {
    if (gridValue(j, step) > ARL_LIMITS.cusumH)
      args.fail('targetArl0', `needs a threshold above h = ${ARL_LIMITS.cusumH}`, target);
    try {
      return cusumArlChecked(p0, gamma, gridValue(j, step));
    } catch (cause) {
      if (!(cause instanceof RebalanceError)) throw cause;
      return args.fail(
        'targetArl0',
        `needs a threshold above h = ${gridValue(j, step)}, beyond what cusumArl can evaluate`,
        target,
      );
    }
  };
  // Invariant: the grid point `low` misses the target and `high` meets it.
  let low = 0;
  let high = 1;
  while (arlAt(high) < target) {
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (arlAt(middle) < target) low = middle;
    else high = middle;
  }
  const h = gridValue(high, step);
  return {
    p0,
    p1,
    h,
    gamma,
    arl0: cusumArlChecked(p0, gamma, h),
    arl1: cusumArlChecked(p1, gamma, h),
  };
}

/** j·step without the binary noise of the product (3 × 0.05 = 0.15000000000000002). */
function gridValue(j: number, step: number): number {
  return Math.round(j * step * 1e9) / 1e9;
}
