import type {
  CohortMetrics,
  CohortName,
  CohortSeries,
  RunLengthHistogram,
  SimulationReport,
} from '../types.js';
import type { RunSpec } from '../run/RunSpec.js';
import type { UserResult } from './UserResult.js';
import { cohortMetrics } from './cohortMetrics.js';
import { cohortSeries, runLengthHistogram } from './cohortSeries.js';

/** Cohorts in report order. @internal */
export const COHORTS: readonly CohortName[] = ['at-risk', 'control'];

/**
 * Splits per-user results (in user order) by cohort, keeping user order within each.
 *
 * @internal
 */
export function byCohort(results: readonly UserResult[]): Map<CohortName, UserResult[]> {
  const split = new Map<CohortName, UserResult[]>();
  for (const r of results) {
    const list = split.get(r.cohort);
    if (list === undefined) split.set(r.cohort, [r]);
    else list.push(r);
  }
  return split;
}

/**
 * Builds the report from every user's result, in user order. A cohort of the scenario that no
 * user fell into (a population too small for its share) is omitted, as is a cohort the scenario
 * does not have.
 *
 * @param spec - the run
 * @param results - per-user results, index `i` for user `i`
 * @returns the report
 * @internal
 */
export function buildReport(spec: RunSpec, results: readonly UserResult[]): SimulationReport {
  return {
    seed: spec.seed,
    scenario: spec.scenario.name,
    policy: spec.policyName,
    users: spec.users,
    steps: spec.steps,
    days: spec.horizonMs === null ? null : spec.horizonMs / 86_400_000,
    pageSize: spec.pageSize,
    recommender: spec.recommenderName,
    response: spec.response,
    bucketSteps: spec.bucketSteps,
    ...cohortParts(results, spec.steps, spec.bucketSteps),
  };
}

/**
 * The per-cohort parts of a report — metrics, series and run lengths — from every user's result,
 * in user order: what a simulation and a replay of logs share.
 *
 * @param results - per-user results, in user order
 * @param steps - most feed requests per user
 * @param bucketSteps - feed requests per series bucket
 * @returns the parts, keyed by cohort
 * @internal
 */
export function cohortParts(
  results: readonly UserResult[],
  steps: number,
  bucketSteps: number,
): Pick<SimulationReport, 'cohorts' | 'series' | 'runLengths'> {
  const split = byCohort(results);
  const cohorts: { -readonly [K in CohortName]?: CohortMetrics } = {};
  const series: { -readonly [K in CohortName]?: CohortSeries } = {};
  const runLengths: { -readonly [K in CohortName]?: RunLengthHistogram } = {};
  for (const cohort of COHORTS) {
    const members = split.get(cohort);
    if (members === undefined) continue;
    cohorts[cohort] = cohortMetrics(members, identity(members.length), cohort);
    series[cohort] = cohortSeries(members, steps, bucketSteps);
    runLengths[cohort] = runLengthHistogram(members);
  }
  return { cohorts, series, runLengths };
}

function identity(n: number): Int32Array {
  const indices = new Int32Array(n);
  for (let k = 0; k < n; k++) indices[k] = k;
  return indices;
}
