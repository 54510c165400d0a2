import type { PolicyInput } from '../../index.js';
import type {
  CohortMetrics,
  CohortName,
  ComparedMetric,
  Difference,
  PerCohort,
  Scenario,
  WorldOptions,
} from '../types.js';

/**
 * Options of `tune`.
 *
 * @example
 * ```ts
 * import { tune, type TuneOptions } from 'feed-rebalancer/simulate';
 * const options: TuneOptions = {
 *   scenario: 'mixed',
 *   seed: 1,
 *   users: 40,
 *   steps: 40,
 *   objective: 'min at-risk.harmfulShare',
 *   constraints: ['control.ndcgRetention>=0.99'],
 *   budget: 20,
 * };
 * const result = await tune(options);
 * ```
 */
export interface TuneOptions extends WorldOptions {
  /** A scenario name from `scenarios` or a scenario object. */
  readonly scenario: string | Scenario;
  /**
   * Integer seed in [0, 2^32): every candidate policy runs on the same users with this seed
   * (common random numbers), and the search's own draws come from seeds derived from it.
   */
  readonly seed: number;
  /** What to optimise: `'min COHORT.METRIC'` or `'max COHORT.METRIC'`, e.g. `'min at-risk.harmfulShare'`. */
  readonly objective: string;
  /**
   * Constraints a chosen policy must meet: `'COHORT.METRIC>=NUMBER'` or `'COHORT.METRIC<=NUMBER'`,
   * e.g. `'control.ndcgRetention>=0.99'`. At most 8.
   * @defaultValue `[]`
   */
  readonly constraints?: readonly string[];
  /** Candidate policies evaluated in all restarts together, an integer in [1, 2000]. @defaultValue 50 */
  readonly budget?: number;
  /** Independent seeded restarts that share the budget, an integer in [1, budget]. @defaultValue 1 */
  readonly restarts?: number;
  /** Number of users. @defaultValue the scenario's `users` */
  readonly users?: number;
  /** Feed requests per user. @defaultValue the scenario's `steps` */
  readonly steps?: number;
  /** Worker threads per simulation, as in `simulate`. @defaultValue as in `simulate` */
  readonly workers?: number;
  /** Bootstrap resamples for each candidate's intervals, an integer in [1, 100000]. @defaultValue 200 */
  readonly resamples?: number;
  /** Called after each candidate policy is evaluated, with the evaluations done and the budget. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * What a tuning optimises: a direction and one cohort metric.
 *
 * @example
 * ```ts
 * import type { TuneObjective } from 'feed-rebalancer/simulate';
 * const objective: TuneObjective = { text: 'min at-risk.harmfulShare', direction: 'min', cohort: 'at-risk', metric: 'harmfulShare' };
 * ```
 */
export interface TuneObjective {
  /** As written. */
  readonly text: string;
  readonly direction: 'min' | 'max';
  readonly cohort: CohortName;
  readonly metric: ComparedMetric;
}

/**
 * A bound one cohort metric must meet.
 *
 * @example
 * ```ts
 * import type { TuneConstraint } from 'feed-rebalancer/simulate';
 * const c: TuneConstraint = { text: 'control.ndcgRetention>=0.99', cohort: 'control', metric: 'ndcgRetention', relation: '>=', bound: 0.99 };
 * ```
 */
export interface TuneConstraint {
  /** As written. */
  readonly text: string;
  readonly cohort: CohortName;
  readonly metric: ComparedMetric;
  readonly relation: '>=' | '<=';
  readonly bound: number;
}

/**
 * What evaluating one policy gives the tuner: the policy's metrics per cohort, and its paired
 * differences from `off` with their intervals — the two things a `ComparisonReport` holds for a
 * policy, so any source of comparison reports (a simulation, a replay of logs) can evaluate.
 *
 * @example
 * ```ts
 * import { compare, type PolicyEvaluation } from 'feed-rebalancer/simulate';
 * const c = await compare({ scenario: 'mixed', policies: ['off', 'balanced'], seed: 1, users: 20, steps: 20 });
 * const evaluation: PolicyEvaluation = { cohorts: c.reports[1]!.cohorts, differences: c.differences[0]!.cohorts };
 * ```
 */
export interface PolicyEvaluation {
  readonly cohorts: PerCohort<CohortMetrics>;
  readonly differences: PerCohort<Readonly<Record<ComparedMetric, Difference | null>>>;
}

/**
 * Evaluates one candidate policy. Every call of one tuning must measure on the same users and
 * seeds (common random numbers), so that differences between candidates are the policies'.
 *
 * @example
 * ```ts
 * import type { PolicyEvaluator } from 'feed-rebalancer/simulate';
 * const constant: PolicyEvaluator = () => Promise.resolve({ cohorts: {}, differences: {} });
 * ```
 */
export type PolicyEvaluator = (policy: PolicyInput) => Promise<PolicyEvaluation>;

/**
 * One metric of one evaluated policy: its value under the policy and the 95% paired-bootstrap
 * interval of its difference from `off`, shifted to the value (`low = value + difference.low −
 * difference.estimate`, likewise `high`). The interval says how sure the change against `off` is;
 * it is not an interval for the metric's absolute level.
 *
 * @example
 * ```ts
 * import type { MeasuredMetric } from 'feed-rebalancer/simulate';
 * const m: MeasuredMetric = { value: 0.12, low: 0.1, high: 0.14, difference: { estimate: -0.2, low: -0.22, high: -0.18 } };
 * ```
 */
export interface MeasuredMetric {
  /** The metric under the policy; `null` when no user produced it. */
  readonly value: number | null;
  /** Lower end of the shifted interval, `null` without one. */
  readonly low: number | null;
  /** Upper end of the shifted interval, `null` without one. */
  readonly high: number | null;
  /** The paired difference from `off` itself. */
  readonly difference: Difference | null;
}

/**
 * One candidate policy the tuner evaluated. Plain JSON: records of restarts run apart can be
 * written, gathered and handed to `finishTuning`.
 *
 * @example
 * ```ts
 * import type { EvaluationRecord } from 'feed-rebalancer/simulate';
 * const show = (r: EvaluationRecord) => `${r.restart}/${r.index}: ${r.objective.value} ${r.feasible}`;
 * ```
 */
export interface EvaluationRecord {
  /** The restart that proposed it. */
  readonly restart: number;
  /** Its place in that restart's evaluations, from 0. */
  readonly index: number;
  /** Its point in the search's unit cube, one coordinate per dimension of `TuneResult.space`. */
  readonly x: readonly number[];
  /** The value of each search dimension, by name. */
  readonly settings: Readonly<Record<string, number>>;
  /** The policy. */
  readonly policy: PolicyInput;
  /** The objective's metric. */
  readonly objective: MeasuredMetric;
  /** Each constraint's metric, in the order of the constraints. */
  readonly constraints: readonly MeasuredMetric[];
  /** Whether every constraint holds at its value (point estimates, not intervals). */
  readonly feasible: boolean;
}

/**
 * One dimension of the search space: a grid from `low` to `high` in steps of `step`.
 *
 * @example
 * ```ts
 * import type { SearchDimension } from 'feed-rebalancer/simulate';
 * const hold: SearchDimension = { name: 'hold', low: 0, high: 30, step: 1, description: 'detector hold' };
 * ```
 */
export interface SearchDimension {
  readonly name: string;
  readonly low: number;
  readonly high: number;
  readonly step: number;
  /** What the dimension sets in the policy. */
  readonly description: string;
}

/**
 * The result of a tuning: every evaluation, the Pareto front of the objective against the
 * constraint metrics, and the chosen policy.
 *
 * @example
 * ```ts
 * import { tune, type TuneResult } from 'feed-rebalancer/simulate';
 * const result: TuneResult = await tune({ scenario: 'mixed', seed: 1, users: 20, steps: 20, objective: 'min at-risk.harmfulShare', budget: 6 });
 * console.log(result.chosen?.policy);
 * ```
 */
export interface TuneResult {
  readonly scenario: string;
  readonly seed: number;
  readonly users: number;
  readonly steps: number;
  readonly budget: number;
  readonly restarts: number;
  readonly objective: TuneObjective;
  readonly constraints: readonly TuneConstraint[];
  readonly space: readonly SearchDimension[];
  /** How the intervals of every {@link MeasuredMetric} were formed. */
  readonly intervals: string;
  /** Every evaluation, restart by restart, each in its order. */
  readonly records: readonly EvaluationRecord[];
  /**
   * Indices into `records` of the Pareto front: the evaluations no other one beats on the
   * objective and every constraint metric at once (each in its better direction), in record order.
   */
  readonly front: readonly number[];
  /**
   * The feasible evaluation with the best objective (the earliest among equals), or `null` when no
   * evaluation met every constraint.
   */
  readonly chosen: { readonly record: number; readonly policy: PolicyInput } | null;
}
