import { RebalanceError } from '../../index.js';
import { describeValue, joinPath } from '../../errors/describe.js';
import { resolveRun } from '../run/resolveRun.js';
import { checkThreadOptions } from '../run/runPopulation.js';
import { parseConstraint, parseObjective } from './parseTarget.js';
import { simulatorEvaluator } from './simulatorEvaluator.js';
import type { PolicyEvaluator, TuneConstraint, TuneObjective, TuneOptions } from './tuneTypes.js';

const API = 'tune';
/** Candidate policies when the options do not say. */
export const DEFAULT_BUDGET = 50;
/** Restarts when the options do not say: one search uses the whole budget best. */
export const DEFAULT_RESTARTS = 1;
/** Bootstrap resamples per candidate when the options do not say. */
export const DEFAULT_TUNE_RESAMPLES = 200;
const MAX_BUDGET = 2000;
const MAX_CONSTRAINTS = 8;

/**
 * A tuning resolved and ready to run: what `runRestart` and `finishTuning` take. Every machine
 * that runs a restart of one tuning builds its plan from the same options.
 *
 * @example
 * ```ts
 * import { planTuning, type TunePlan } from 'feed-rebalancer/simulate';
 * const plan: TunePlan = planTuning({ scenario: 'mixed', seed: 1, users: 20, steps: 20, objective: 'min at-risk.harmfulShare' });
 * console.log(plan.budget, plan.restarts);
 * ```
 */
export interface TunePlan {
  readonly scenario: string;
  readonly seed: number;
  readonly users: number;
  readonly steps: number;
  readonly budget: number;
  readonly restarts: number;
  readonly objective: TuneObjective;
  readonly constraints: readonly TuneConstraint[];
  /** Evaluates one candidate; the simulator on the plan's scenario unless another was given. */
  readonly evaluate: PolicyEvaluator;
}

/**
 * Checks the options of a tuning and resolves them into a {@link TunePlan}: parses the objective
 * and constraints, checks the budget and restarts, and builds the evaluator — the simulator on
 * the scenario and seed (each candidate paired against `off` as `compare` pairs it), or the
 * `evaluate` given, such as one that replays logs.
 *
 * @param options - the tuning's options
 * @param evaluate - evaluates candidates instead of the simulator; it must measure every
 *   candidate on the same users and seeds
 * @returns the plan
 * @throws RebalanceError with code `argument` for a bad option, its `path` naming it
 *
 * @example
 * ```ts
 * import { finishTuning, planTuning, runRestart } from 'feed-rebalancer/simulate';
 * const plan = planTuning({ scenario: 'mixed', seed: 1, users: 20, steps: 20, objective: 'min at-risk.harmfulShare', budget: 8, restarts: 2 });
 * const records = [...(await runRestart(plan, 0)), ...(await runRestart(plan, 1))];
 * const result = finishTuning(plan, records);
 * ```
 */
export function planTuning(options: TuneOptions, evaluate?: PolicyEvaluator): TunePlan {
  if (typeof options !== 'object' || options === null)
    throw new RebalanceError(
      'argument',
      `${API}: options must be an object (got ${describeValue(options)})`,
      '',
    );
  const off = resolveRun(API, options, 'off', 'policy').spec;
  const objective = parseObjective(API, options.objective, 'objective');
  const raw = options.constraints ?? [];
  if (!Array.isArray(raw) || raw.length > MAX_CONSTRAINTS)
    throw new RebalanceError(
      'argument',
      `${API}: constraints must be an array of at most ${MAX_CONSTRAINTS} strings (got ${describeValue(raw)})`,
      'constraints',
    );
  const constraints = (raw as unknown[]).map((c, k) =>
    parseConstraint(API, c, joinPath('constraints', k)),
  );
  const targets: { cohort: string; path: string }[] = [
    { cohort: objective.cohort, path: 'objective' },
    ...constraints.map((c, k) => ({ cohort: c.cohort, path: joinPath('constraints', k) })),
  ];
  for (const t of targets)
    if (off.scenario.cohorts[t.cohort as 'at-risk' | 'control'] === undefined)
      throw new RebalanceError(
        'argument',
        `${API}: ${t.path} names the ${t.cohort} cohort, which scenario ${describeValue(off.scenario.name)} does not have`,
        t.path,
      );
  const budget = whole(options.budget, 'budget', DEFAULT_BUDGET, 1, MAX_BUDGET);
  const restarts = whole(options.restarts, 'restarts', DEFAULT_RESTARTS, 1, budget);
  const resamples = whole(options.resamples, 'resamples', DEFAULT_TUNE_RESAMPLES, 1, 100_000);
  const { workers } = checkThreadOptions(API, options.workers, options.onProgress);
  return {
    scenario: off.scenario.name,
    seed: off.seed,
    users: off.users,
    steps: off.steps,
    budget,
    restarts,
    objective,
    constraints,
    evaluate: evaluate ?? simulatorEvaluator(API, options, workers, resamples),
  };
}

function whole(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new RebalanceError(
      'argument',
      `${API}: ${name} must be an integer in [${min}, ${max}] (got ${describeValue(value)})`,
      name,
    );
  return value;
}
