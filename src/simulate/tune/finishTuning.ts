import { RebalanceError } from '../../index.js';
import { describeValue, joinPath } from '../../errors/describe.js';
import { paretoFront } from './paretoFront.js';
import type { TunePlan } from './planTuning.js';
import { SEARCH_SPACE } from './searchSpace.js';
import type { EvaluationRecord, TuneResult } from './tuneTypes.js';

/** How every interval of a result was formed. @internal */
export const INTERVALS_NOTE =
  '95% percentile-bootstrap interval over users of the paired difference from off (each candidate and off on the same users and seeds), shifted to the candidate’s value; it measures how sure the change against off is, not the metric’s absolute level';

/**
 * Computes a tuning's answer from its evaluations alone: the records of every restart, put in
 * restart order (each restart's in its own order), the Pareto front of the objective against
 * each constraint metric (every one in its better direction), and the chosen policy — the
 * feasible record with the best objective, the earliest among equals. The same records give the
 * same result whichever machine produced them and in whichever order they are handed over.
 *
 * @param plan - the tuning, from `planTuning`
 * @param records - every restart's records, from `runRestart`
 * @returns the result
 * @throws RebalanceError with code `argument` when a record's restart is out of range or two
 *   records share a restart and index
 *
 * @example
 * ```ts
 * import { finishTuning, planTuning, runRestart } from 'feed-rebalancer/simulate';
 * const plan = planTuning({ scenario: 'mixed', seed: 1, users: 20, steps: 20, objective: 'min at-risk.harmfulShare', budget: 6 });
 * const result = finishTuning(plan, await runRestart(plan, 0));
 * console.log(result.front.length, result.chosen?.record);
 * ```
 */
export function finishTuning(plan: TunePlan, records: readonly EvaluationRecord[]): TuneResult {
  // Records may come from other machines: checked, not trusted.
  const given: unknown = records;
  if (!Array.isArray(given))
    throw new RebalanceError(
      'argument',
      `finishTuning: records must be an array (got ${describeValue(records)})`,
      'records',
    );
  const seen = new Set<string>();
  records.forEach((r, k) => {
    if (!Number.isInteger(r.restart) || r.restart < 0 || r.restart >= plan.restarts)
      throw new RebalanceError(
        'argument',
        `finishTuning: records[${k}].restart must be an integer in [0, ${plan.restarts - 1}] (got ${describeValue(r.restart)})`,
        joinPath(joinPath('records', k), 'restart'),
      );
    if (!Number.isInteger(r.index) || r.index < 0)
      throw new RebalanceError(
        'argument',
        `finishTuning: records[${k}].index must be a whole number (got ${describeValue(r.index)})`,
        joinPath(joinPath('records', k), 'index'),
      );
    const key = `${r.restart}/${r.index}`;
    if (seen.has(key))
      throw new RebalanceError(
        'argument',
        `finishTuning: records[${k}] repeats restart ${r.restart}, index ${describeValue(r.index)}`,
        joinPath('records', k),
      );
    seen.add(key);
  });
  const ordered = [...records].sort((a, b) => a.restart - b.restart || a.index - b.index);
  const measured: number[] = [];
  const vectors: number[][] = [];
  ordered.forEach((r, k) => {
    const v = lossVector(plan, r);
    if (v === null) return;
    measured.push(k);
    vectors.push(v);
  });
  const front = paretoFront(vectors).map((i) => measured[i]!);
  let chosen: number | null = null;
  let best = 0;
  const sign = plan.objective.direction === 'min' ? 1 : -1;
  for (let k = 0; k < ordered.length; k++) {
    const r = ordered[k]!;
    if (!r.feasible || r.objective.value === null) continue;
    // Strictly better only, so the earliest of equal records stays chosen.
    if (chosen === null || sign * r.objective.value < best) {
      chosen = k;
      best = sign * r.objective.value;
    }
  }
  return {
    scenario: plan.scenario,
    seed: plan.seed,
    users: plan.users,
    steps: plan.steps,
    budget: plan.budget,
    restarts: plan.restarts,
    objective: plan.objective,
    constraints: plan.constraints,
    space: SEARCH_SPACE,
    intervals: INTERVALS_NOTE,
    records: ordered,
    front,
    chosen: chosen === null ? null : { record: chosen, policy: ordered[chosen]!.policy },
  };
}

/** The record's objective and constraint metrics, each to be minimised, or `null` if any is missing. */
function lossVector(plan: TunePlan, r: EvaluationRecord): number[] | null {
  const o = r.objective.value;
  if (o === null) return null;
  const v = [plan.objective.direction === 'min' ? o : -o];
  for (let k = 0; k < plan.constraints.length; k++) {
    const m = r.constraints[k]?.value ?? null;
    if (m === null) return null;
    v.push(plan.constraints[k]!.relation === '<=' ? m : -m);
  }
  return v;
}
