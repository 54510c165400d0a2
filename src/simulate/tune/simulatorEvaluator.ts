import type { PolicyInput } from '../../index.js';
import { buildReport } from '../metrics/buildReport.js';
import { pairedDifferences } from '../metrics/pairedDifferences.js';
import type { UserResult } from '../metrics/UserResult.js';
import { resolveRun, type RunOptions } from '../run/resolveRun.js';
import { runPopulation } from '../run/runPopulation.js';
import type { ComparisonReport } from '../types.js';
import type { PolicyEvaluation, PolicyEvaluator } from './tuneTypes.js';

/** The name a candidate runs under: any name but `off` gives the same simulation. */
const CANDIDATE = 'candidate';

/**
 * The evaluation of one policy in a comparison report: its own cohort metrics and its paired
 * differences from `off`. This is the seam for any source of comparison reports — a log replay
 * that returns a `ComparisonReport`-shaped result plugs in as
 * `(policy) => replay(…, policy).then((r) => evaluationFromComparison(r, name))`.
 *
 * @param report - the comparison
 * @param policy - the policy's name in it
 * @returns the evaluation
 * @throws Error when the report has no such policy
 * @internal
 */
export function evaluationFromComparison(
  report: Pick<ComparisonReport, 'reports' | 'differences'>,
  policy: string,
): PolicyEvaluation {
  const own = report.reports.find((r) => r.policy === policy);
  const differences = report.differences.find((d) => d.policy === policy);
  if (own === undefined || differences === undefined)
    throw new Error(`the comparison has no policy named ${JSON.stringify(policy)}`);
  return { cohorts: own.cohorts, differences: differences.cohorts };
}

/**
 * A {@link PolicyEvaluator} that simulates: what `compare({ …options, policies: ['off', { name,
 * policy }] })` reports for the policy, with the `off` baseline simulated once and kept (every
 * candidate runs on the same users and seed, so `off`'s run is the same for all of them and
 * `compare` would only repeat it). Each candidate is validated as `compare` validates it.
 *
 * @param api - the calling API, for messages
 * @param options - the scenario, seed, sizes and world, as `compare` takes them
 * @param workers - worker threads per simulation, or `undefined` for the default
 * @param resamples - bootstrap resamples per candidate
 * @returns the evaluator
 * @internal
 */
export function simulatorEvaluator(
  api: string,
  options: RunOptions,
  workers: number | undefined,
  resamples: number,
): PolicyEvaluator {
  const off = resolveRun(api, options, 'off', 'policy');
  let baseline: Promise<UserResult[]> | null = null;
  return async (policy: PolicyInput) => {
    const run = resolveRun(api, options, { name: CANDIDATE, policy }, 'policy');
    baseline ??= runPopulation(off.spec, off.parts, workers, () => {});
    const before = await baseline;
    const results = await runPopulation(run.spec, run.parts, workers, () => {});
    return {
      cohorts: buildReport(run.spec, results).cohorts,
      differences: pairedDifferences(CANDIDATE, results, before, run.spec.seed, resamples).cohorts,
    };
  };
}
