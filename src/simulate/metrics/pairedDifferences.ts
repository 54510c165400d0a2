import type {
  CohortMetrics,
  CohortName,
  ComparedMetric,
  Difference,
  PolicyDifferences,
} from '../types.js';
import { deriveSeed, STREAM } from '../random/deriveSeed.js';
import { Rng } from '../random/Rng.js';
import type { UserResult } from './UserResult.js';
import { COHORTS, byCohort } from './buildReport.js';
import { cohortMetrics } from './cohortMetrics.js';

/** Interval coverage. @internal */
export const BOOTSTRAP_LEVEL = 0.95;

/**
 * Paired differences (policy minus baseline) of every compared metric per cohort, with seeded
 * percentile-bootstrap intervals (Efron & Tibshirani 1993, ch. 13): each resample draws users
 * with replacement within the cohort and recomputes both runs' metrics on the same users, so
 * the interval reflects the pairing. The resamples come from their own stream per cohort and are
 * the same for every policy compared.
 *
 * @param policy - the policy's name
 * @param results - the policy's per-user results, in user order
 * @param baseline - the baseline's per-user results on the same users and seeds
 * @param seed - the run seed
 * @param resamples - bootstrap resamples
 * @returns the differences
 * @internal
 */
export function pairedDifferences(
  policy: string,
  results: readonly UserResult[],
  baseline: readonly UserResult[],
  seed: number,
  resamples: number,
): PolicyDifferences {
  const treated = byCohort(results);
  const control = byCohort(baseline);
  const cohorts: { -readonly [K in CohortName]?: Record<ComparedMetric, Difference | null> } = {};
  for (let c = 0; c < COHORTS.length; c++) {
    const cohort = COHORTS[c]!;
    const a = treated.get(cohort);
    const b = control.get(cohort);
    if (a === undefined || b === undefined) continue;
    cohorts[cohort] = cohortDifferences(
      a,
      b,
      cohort,
      new Rng(deriveSeed(seed, STREAM.bootstrap, c)),
      resamples,
    );
  }
  return { policy, cohorts };
}

function cohortDifferences(
  treated: readonly UserResult[],
  baseline: readonly UserResult[],
  cohort: CohortName,
  rng: Rng,
  resamples: number,
): Record<ComparedMetric, Difference | null> {
  const n = treated.length;
  const all = new Int32Array(n);
  for (let k = 0; k < n; k++) all[k] = k;
  const estimate = differenceOf(
    cohortMetrics(treated, all, cohort),
    cohortMetrics(baseline, all, cohort),
  );
  const metrics = Object.keys(estimate) as ComparedMetric[];
  const draws = new Map<ComparedMetric, number[]>(metrics.map((m) => [m, []]));
  const indices = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let k = 0; k < n; k++) indices[k] = rng.int(n);
    const d = differenceOf(
      cohortMetrics(treated, indices, cohort),
      cohortMetrics(baseline, indices, cohort),
    );
    for (const m of metrics) {
      const value = d[m];
      if (value !== null) draws.get(m)!.push(value);
    }
  }
  const out = {} as Record<ComparedMetric, Difference | null>;
  for (const m of metrics) {
    const point = estimate[m];
    const values = draws.get(m)!;
    // An interval from a small minority of resamples would describe another population.
    out[m] =
      point === null || values.length < BOOTSTRAP_LEVEL * resamples
        ? null
        : {
            estimate: point,
            low: quantile(values, (1 - BOOTSTRAP_LEVEL) / 2),
            high: quantile(values, (1 + BOOTSTRAP_LEVEL) / 2),
          };
  }
  return out;
}

function differenceOf(a: CohortMetrics, b: CohortMetrics): Record<ComparedMetric, number | null> {
  const out = {} as Record<ComparedMetric, number | null>;
  for (const key of Object.keys(a) as (keyof CohortMetrics)[]) {
    if (key === 'users' || key === 'impressions') continue;
    const x = a[key];
    const y = b[key];
    out[key] = x === null || y === null ? null : x - y;
  }
  return out;
}

/** Quantile by linear interpolation between order statistics (Hyndman & Fan type 7). */
function quantile(values: number[], p: number): number {
  values.sort((x, y) => x - y);
  const h = (values.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, values.length - 1);
  return values[lo]! + (h - lo) * (values[hi]! - values[lo]!);
}
