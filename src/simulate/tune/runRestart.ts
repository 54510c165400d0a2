import { RebalanceError } from '../../index.js';
import { describeValue } from '../../errors/describe.js';
import { deriveSeed, STREAM } from '../random/deriveSeed.js';
import { bayesOpt, type Outcome } from './bayesOpt.js';
import { measure } from './measure.js';
import type { TunePlan } from './planTuning.js';
import { policyAt, SEARCH_SPACE, settingsAt, snapToGrid } from './searchSpace.js';
import type { EvaluationRecord, MeasuredMetric, TuneConstraint } from './tuneTypes.js';

/** Candidates scored by the acquisition per step. */
const POOL = 500;

/**
 * The evaluations restart `r` of a tuning gets: an even share of the budget, the first
 * `budget mod restarts` restarts taking one more.
 *
 * @internal
 */
export function restartBudget(plan: TunePlan, restart: number): number {
  const share = Math.floor(plan.budget / plan.restarts);
  return share + (restart < plan.budget % plan.restarts ? 1 : 0);
}

/**
 * Runs one restart of a tuning: a constrained Bayesian optimisation over the search space with
 * its share of the budget and its own seed, derived from the plan's seed and the restart's
 * index. Every candidate is evaluated on the same users and seed whatever the restart, so a
 * restart's records can be produced on any machine and merged with the others by
 * `finishTuning`.
 *
 * @param plan - the tuning, from `planTuning`
 * @param restart - the restart's index, in [0, plan.restarts)
 * @param onRecord - called after each evaluation
 * @returns the restart's evaluations in order
 * @throws RebalanceError with code `argument` for a restart index out of range
 *
 * @example
 * ```ts
 * import { planTuning, runRestart } from 'feed-rebalancer/simulate';
 * const plan = planTuning({ scenario: 'mixed', seed: 1, users: 20, steps: 20, objective: 'min at-risk.harmfulShare', budget: 6, restarts: 2 });
 * const records = await runRestart(plan, 1);
 * console.log(records.length); // 3
 * ```
 */
export async function runRestart(
  plan: TunePlan,
  restart: number,
  onRecord?: (record: EvaluationRecord) => void,
): Promise<EvaluationRecord[]> {
  if (!Number.isInteger(restart) || restart < 0 || restart >= plan.restarts)
    throw new RebalanceError(
      'argument',
      `runRestart: restart must be an integer in [0, ${plan.restarts - 1}] (got ${describeValue(restart)})`,
      'restart',
    );
  const budget = restartBudget(plan, restart);
  const records: EvaluationRecord[] = [];
  await bayesOpt(
    {
      dimensions: SEARCH_SPACE.length,
      snap: snapToGrid,
      evaluate: async (x): Promise<Outcome> => {
        const policy = policyAt(x);
        const evaluation = await plan.evaluate(policy);
        const objective = measure(evaluation, plan.objective.cohort, plan.objective.metric);
        const constraints = plan.constraints.map((c) => measure(evaluation, c.cohort, c.metric));
        const record: EvaluationRecord = {
          restart,
          index: records.length,
          x: [...x],
          settings: settingsAt(x),
          policy,
          objective,
          constraints,
          feasible: isFeasible(plan, objective, constraints),
        };
        records.push(record);
        onRecord?.(record);
        return {
          objective:
            objective.value === null
              ? null
              : plan.objective.direction === 'min'
                ? objective.value
                : -objective.value,
          constraints: constraints.map((m, k) =>
            m.value === null ? null : slack(plan.constraints[k]!, m.value),
          ),
        };
      },
    },
    {
      budget,
      // Twice the dimensions: enough for the surrogate's first fit to see every axis move.
      initial: 2 * SEARCH_SPACE.length,
      pool: POOL,
      seed: deriveSeed(plan.seed, STREAM.tune, restart),
    },
  );
  return records;
}

/**
 * Whether an evaluation is feasible: its objective was measured and every constraint holds at its
 * value (point estimates, not intervals).
 *
 * @internal
 */
export function isFeasible(
  plan: TunePlan,
  objective: MeasuredMetric,
  constraints: readonly MeasuredMetric[],
): boolean {
  return (
    objective.value !== null &&
    constraints.every((m, k) => m.value !== null && slack(plan.constraints[k]!, m.value) <= 0)
  );
}

/**
 * How far a value breaks a constraint: ≤ 0 when it holds.
 *
 * @internal
 */
export function slack(c: TuneConstraint, value: number): number {
  return c.relation === '>=' ? c.bound - value : value - c.bound;
}
