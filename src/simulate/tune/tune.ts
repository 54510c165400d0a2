import { finishTuning } from './finishTuning.js';
import { planTuning } from './planTuning.js';
import { runRestart } from './runRestart.js';
import type { TuneLogOptions } from './tuneLogOptions.js';
import type { EvaluationRecord, TuneOptions, TuneResult } from './tuneTypes.js';

/**
 * Tunes a policy on a scenario: searches detector settings, caps and recovery cadence (per group
 * too) for the policy that optimises one cohort metric subject to bounds on others. Each
 * candidate is simulated on the same users and seed as `off` (common random numbers) and read as
 * `compare` reports it; the search is a constrained Bayesian optimisation with Gaussian-process
 * surrogates (expected improvement times the probability of feasibility), run as `restarts`
 * independent seeded restarts that share the budget. Deterministic for a seed. docs/tuning.md
 * describes the search space and the method.
 *
 * Given a `log` instead of a scenario ({@link TuneLogOptions}), each candidate is replayed on the
 * logged sessions against `off` and read as `replay` reports it: a tuning in-sample on logged
 * traffic, with replay's counterfactual limits (docs/tuning.md, "Tuning on your own logs").
 *
 * Equivalent to `finishTuning(plan, records of runRestart(plan, 0), runRestart(plan, 1), …)` with
 * `plan = planTuning(options)`: those pieces let restarts run on different machines.
 *
 * @param options - scenario (or log), seed, objective, constraints, budget, restarts, sizes and
 *   world
 * @returns every evaluation, the Pareto front and the chosen policy (or `null` when no candidate
 *   met the constraints)
 * @throws RebalanceError with code `argument` for a bad option, its `path` naming it (a log's
 *   bad record, or an objective or constraint on a cohort the log has no users in, rejects when
 *   the log is first read)
 *
 * @example
 * ```ts
 * import { tune } from 'feed-rebalancer/simulate';
 * const result = await tune({
 *   scenario: 'mixed',
 *   seed: 1,
 *   users: 60,
 *   steps: 60,
 *   objective: 'min at-risk.harmfulShare',
 *   constraints: ['control.ndcgRetention>=0.99', 'control.falseAlarmsPer1000<=1'],
 *   budget: 40,
 * });
 * console.log(JSON.stringify(result.chosen?.policy, null, 2));
 * ```
 */
export async function tune(options: TuneOptions | TuneLogOptions): Promise<TuneResult> {
  const plan = planTuning(options);
  const records: EvaluationRecord[] = [];
  let done = 0;
  for (let r = 0; r < plan.restarts; r++)
    records.push(
      ...(await runRestart(plan, r, () => {
        done++;
        options.onProgress?.(done, plan.budget);
      })),
    );
  return finishTuning(plan, records);
}
