import { RebalanceError } from '../../index.js';
import { describeValue, joinPath } from '../../errors/describe.js';
import { resolveRun } from '../run/resolveRun.js';
import { checkThreadOptions } from '../run/runPopulation.js';
import { parseConstraint, parseObjective } from './parseTarget.js';
import { replayEvaluator, type CohortTarget } from './replayEvaluator.js';
import { simulatorEvaluator } from './simulatorEvaluator.js';
import { isLogTuning, type TuneLogOptions } from './tuneLogOptions.js';
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
  /** The scenario's name, or `replay of NAME` for a log. */
  readonly scenario: string;
  readonly seed: number;
  /** Users per run; for a log, the users replayed (0 until the first evaluation has read it). */
  readonly users: number;
  /** Requests per user; for a log, the most of one user (0 until the first evaluation). */
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
 * the scenario and seed (each candidate paired against `off` as `compare` pairs it), a replay of
 * the log against `off` when the options name a `log` instead of a scenario (as `replay` pairs
 * it; `off` is replayed once), or the `evaluate` given.
 *
 * @param options - the tuning's options: a scenario's ({@link TuneOptions}) or a log's
 *   ({@link TuneLogOptions}), never both
 * @param evaluate - evaluates candidates instead of the simulator; it must measure every
 *   candidate on the same users and seeds
 * @returns the plan
 * @throws RebalanceError with code `argument` for a bad option, its `path` naming it, or for
 *   options naming both a scenario and a log
 *
 * @example
 * ```ts
 * import { finishTuning, planTuning, runRestart } from 'feed-rebalancer/simulate';
 * const plan = planTuning({ scenario: 'mixed', seed: 1, users: 20, steps: 20, objective: 'min at-risk.harmfulShare', budget: 8, restarts: 2 });
 * const records = [...(await runRestart(plan, 0)), ...(await runRestart(plan, 1))];
 * const result = finishTuning(plan, records);
 * ```
 */
export function planTuning(
  options: TuneOptions | TuneLogOptions,
  evaluate?: PolicyEvaluator,
): TunePlan {
  if (typeof options !== 'object' || options === null)
    throw new RebalanceError(
      'argument',
      `${API}: options must be an object (got ${describeValue(options)})`,
      '',
    );
  if (isLogTuning(options)) return planLogTuning(options, evaluate);
  const off = resolveRun(API, options, 'off', 'policy').spec;
  const objective = parseObjective(API, options.objective, 'objective');
  const constraints = parseConstraints(options.constraints);
  const targets = targetsOf(objective, constraints);
  for (const t of targets)
    if (off.scenario.cohorts[t.cohort] === undefined)
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

/**
 * The plan of a tuning on a log: the same checks, and candidates replayed against `off`.
 * Exactly one of scenario and log: a scenario's world options mean nothing to a replay.
 */
function planLogTuning(options: TuneLogOptions, evaluate: PolicyEvaluator | undefined): TunePlan {
  if ((options as { scenario?: unknown }).scenario !== undefined)
    throw new RebalanceError(
      'argument',
      `${API}: give a scenario or a log, not both (got scenario ${describeValue((options as { scenario?: unknown }).scenario)} and a log)`,
      'scenario',
    );
  const objective = parseObjective(API, options.objective, 'objective');
  const constraints = parseConstraints(options.constraints);
  const seed = whole(options.seed, 'seed', 1, 0, 2 ** 32 - 1);
  const budget = whole(options.budget, 'budget', DEFAULT_BUDGET, 1, MAX_BUDGET);
  const restarts = whole(options.restarts, 'restarts', DEFAULT_RESTARTS, 1, budget);
  const resamples = whole(options.resamples, 'resamples', DEFAULT_TUNE_RESAMPLES, 1, 100_000);
  checkThreadOptions(API, undefined, options.onProgress);
  const source = replayEvaluator(API, options, seed, resamples, targetsOf(objective, constraints));
  return {
    scenario: source.scenario,
    seed,
    // Read when asked: the log's sizes are known once `off` has been replayed.
    get users() {
      return source.users();
    },
    get steps() {
      return source.steps();
    },
    budget,
    restarts,
    objective,
    constraints,
    evaluate: evaluate ?? source.evaluate,
  };
}

function parseConstraints(raw: unknown = []): TuneConstraint[] {
  if (!Array.isArray(raw) || raw.length > MAX_CONSTRAINTS)
    throw new RebalanceError(
      'argument',
      `${API}: constraints must be an array of at most ${MAX_CONSTRAINTS} strings (got ${describeValue(raw)})`,
      'constraints',
    );
  return (raw as unknown[]).map((c, k) => parseConstraint(API, c, joinPath('constraints', k)));
}

function targetsOf(
  objective: TuneObjective,
  constraints: readonly TuneConstraint[],
): CohortTarget[] {
  return [
    { cohort: objective.cohort, path: 'objective' },
    ...constraints.map((c, k) => ({ cohort: c.cohort, path: joinPath('constraints', k) })),
  ];
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
