/**
 * Whether a detector statistic has reached a threshold, forgiving floating-point drift.
 *
 * The CUSUM adds `x − γ` once per impression, so after n impressions its statistic carries a
 * rounding error of about n·2⁻⁵³. With γ = 1/m the exact statistic lands on multiples of 1/m and
 * can equal the threshold exactly; without a tolerance, 0.9999999999999998 would miss h = 1 and
 * the detector would disagree with the Markov chain that `cusumArl` solves. The tolerance is far
 * above that drift and far below any grid step a policy can use.
 *
 * @param value - the statistic
 * @param threshold - the threshold it is compared with
 * @returns `true` when `value ≥ threshold` up to a relative tolerance of 1e-9
 *
 * @example
 * ```ts
 * import { reachesThreshold } from './tolerance.js';
 * reachesThreshold(0.9999999999999998, 1); // true
 * ```
 *
 * @internal
 */
export function reachesThreshold(value: number, threshold: number): boolean {
  return value >= threshold - STATISTIC_TOLERANCE * Math.max(1, Math.abs(threshold));
}

/**
 * Below this a CUSUM statistic is treated as exactly 0 (the chain's reflecting state), for the
 * same reason as {@link reachesThreshold}.
 *
 * @example
 * ```ts
 * import { STATISTIC_TOLERANCE } from './tolerance.js';
 * const s = 1e-12 > STATISTIC_TOLERANCE ? 1e-12 : 0; // 0
 * ```
 *
 * @internal
 */
export const STATISTIC_TOLERANCE = 1e-9;
