import { buildReport } from './metrics/buildReport.js';
import { resolveRun } from './run/resolveRun.js';
import { checkThreadOptions, runPopulation } from './run/runPopulation.js';
import type { SimulateOptions, SimulationReport } from './types.js';

/**
 * Runs a benchmark simulation: seeded synthetic users, each served by an engagement-maximising
 * recommender that learns from their watch time, with the policy under test rebalancing every
 * page through the public facade (`rebalance`, then `observe` per impression). Returns per-cohort
 * metrics, trajectories and run-length distributions. The same options give the same report,
 * bit for bit, whatever the number of workers; the model and its calibration are described in
 * docs/simulation.md.
 *
 * @param options - scenario, policy, seed, and optionally users, steps, days, workers,
 *   onProgress, and the world's parts (recommender, catalogue, response, pageSize, candidates)
 * @returns the report
 * @throws RebalanceError with code `argument` for a bad option (its `path` names it), or `policy`
 *   for a policy object that breaks a rule
 *
 * @example
 * ```ts
 * import { simulate } from 'feed-rebalancer/simulate';
 * const report = await simulate({ scenario: 'rabbit-hole', policy: 'protective', seed: 1, users: 50, steps: 100 });
 * console.log(report.cohorts['at-risk']?.harmfulShare, report.cohorts['at-risk']?.longestRun);
 * ```
 */
export async function simulate(options: SimulateOptions): Promise<SimulationReport> {
  const { spec, parts } = resolveRun('simulate', options, options?.policy, 'policy');
  const { workers, onProgress } = checkThreadOptions(
    'simulate',
    options.workers,
    options.onProgress,
    [parts],
  );
  let done = 0;
  const results = await runPopulation(spec, parts, workers, () => {
    done++;
    onProgress?.(done, spec.users);
  });
  return buildReport(spec, results);
}
