/**
 * The reference value γ of the Bernoulli CUSUM that tests an in-control triggering rate `p0`
 * against an out-of-control rate `p1`.
 *
 * γ = ln((1−p0)/(1−p1)) / ln(p1(1−p0) / (p0(1−p1))): the statistic `S ← max(0, S + x − γ)` is then
 * the log-likelihood-ratio CUSUM of Bernoulli(p1) against Bernoulli(p0), divided by
 * ln(p1(1−p0)/(p0(1−p1))) so that a triggering impression adds exactly 1 − γ (Reynolds &
 * Stoumbos, "A CUSUM chart for monitoring a proportion when inspecting continuously", JQT 1999).
 * γ always lies strictly between p0 and p1.
 *
 * @param p0 - the in-control triggering rate, in (0, 1)
 * @param p1 - the rate to detect, in (p0, 1)
 * @returns γ in (p0, p1)
 *
 * @example
 * ```ts
 * import { cusumGamma } from './cusumGamma.js';
 * cusumGamma(0.05, 0.3); // ≈ 0.14562
 * ```
 *
 * @internal
 */
export function cusumGamma(p0: number, p1: number): number {
  // log1p keeps precision when p0 and p1 are small: ln((1−p0)/(1−p1)) = log1p(−p0) − log1p(−p1).
  const numerator = Math.log1p(-p0) - Math.log1p(-p1);
  const denominator = Math.log(p1) - Math.log(p0) + numerator;
  return numerator / denominator;
}
