import { RebalanceError } from '../errors/RebalanceError.js';
import { ARL_LIMITS } from './limits.js';
import { reachesThreshold, STATISTIC_TOLERANCE } from './tolerance.js';

/** Stop once the unresolved probability is this small relative to the alarm probability. */
const RESOLVED = 1e-15;

/**
 * Zero-state ARL of the Bernoulli CUSUM for any γ in (0, 1), by renewal at S = 0.
 *
 * The CUSUM starts afresh every time it returns to S = 0, so its path splits into independent
 * excursions, each ending either in an alarm or back at 0. If L is an excursion's length and
 * P the probability that it alarms, the number of excursions up to the alarm is geometric and
 * Wald's identity gives ARL = E[L] / P. Within an excursion that started n impressions ago with
 * i triggering impressions since, S = i − nγ exactly, so the excursion's distribution at time n
 * lives on the integers i with 0 < i − nγ < h — at most ⌈h⌉ + 1 of them. Stepping that
 * distribution forward costs O(h) per impression with no discretisation at all, for rational
 * and irrational γ alike; the only error is the probability of excursions still running when
 * the sum stops, below 1e-15 of the alarm probability.
 *
 * @param p - probability of a triggering impression, in (0, 1)
 * @param gamma - the reference value γ, in (0, 1)
 * @param h - the alarm threshold, > 0
 * @returns expected impressions until S ≥ h, from S = 0 (`Infinity` beyond the float range)
 * @throws {@link RebalanceError} code `argument` (path `h`) when the sum needs more than
 *   `ARL_LIMITS.work` updates
 *
 * @example
 * ```ts
 * import { cusumRenewalArl } from './cusumRenewalArl.js';
 * cusumRenewalArl(0.05, 0.1456, 4);
 * ```
 *
 * @internal
 */
export function cusumRenewalArl(p: number, gamma: number, h: number): number {
  if (reachesThreshold(0, h)) return 1;
  const q = 1 - p;
  const rise = 1 - gamma;
  // The detector's comparison S ≥ h (see reachesThreshold), hoisted out of the loop.
  const alarmAt = h - STATISTIC_TOLERANCE * Math.max(1, h);
  // Ring buffer over i (power-of-two size, so the index is a mask): live indices span fewer
  // than ⌈h⌉ + 2 consecutive integers.
  let size = 4;
  while (size < Math.ceil(h) + 3) size *= 2;
  const mask = size - 1;
  const mass = new Float64Array(size);
  // First impression of an excursion: a non-triggering one returns to 0 at once.
  let alarm = 0;
  let expectedLength = 1; // Σ_n P(L > n), n = 0 term
  if (rise >= alarmAt) return 1 / p;
  mass[1] = p;
  let lo = 1;
  let hi = 1;
  let alive = p;
  let work = 0;
  for (let n = 1; ; n++) {
    expectedLength += alive;
    if (alive <= RESOLVED * alarm || alive === 0) break;
    work += hi - lo + 1;
    if (work > ARL_LIMITS.work)
      throw new RebalanceError(
        'argument',
        `cusumArl: h = ${h} with gamma = ${gamma} at p = ${p} needs more than ${ARL_LIMITS.work} updates of the ARL sum; use a smaller h`,
        'h',
      );
    const offset = n * gamma;
    let nextLo = hi + 1;
    let nextHi = lo - 1;
    alive = 0;
    // Descending i: i + 1 has already moved on when i adds to it, so one array suffices.
    for (let i = hi; i >= lo; i--) {
      const slot = i & mask;
      const v = mass[slot]!;
      if (v === 0) continue;
      mass[slot] = 0;
      const s = i - offset; // exact S of this state: i triggering impressions in n
      if (s + rise >= alarmAt) alarm += p * v;
      else {
        mass[(i + 1) & mask]! += p * v;
        alive += p * v;
        if (i + 1 > nextHi) nextHi = i + 1;
        nextLo = i + 1;
      }
      if (s - gamma > STATISTIC_TOLERANCE) {
        mass[slot] = q * v;
        alive += q * v;
        nextLo = i;
        if (i > nextHi) nextHi = i;
      }
    }
    lo = nextLo;
    hi = nextHi;
  }
  return expectedLength / alarm;
}
