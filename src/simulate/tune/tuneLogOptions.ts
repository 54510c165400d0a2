import type { Item } from '../../index.js';
import type { CohortName } from '../types.js';

/**
 * Options of `tune` on logged sessions instead of a scenario: every candidate policy is evaluated
 * by replaying the log (as `replay` does) against `off`, and read as `<cohort>.<metric>` of that
 * replay. The tuning is in-sample on the logged traffic and inherits replay's counterfactual
 * limits: see docs/tuning.md and docs/replay.md.
 *
 * @example
 * ```ts
 * import { tune, type TuneLogOptions } from 'feed-rebalancer/simulate';
 * const options: TuneLogOptions = {
 *   log: 'sessions.jsonl.gz',
 *   labels: { u1: 'at-risk', u2: 'control' },
 *   objective: 'min at-risk.harmfulShare',
 *   constraints: ['control.ndcgRetention>=0.95'],
 *   budget: 20,
 * };
 * const result = await tune(options);
 * ```
 */
export interface TuneLogOptions {
  /**
   * The log, as `replay` takes it: a path to a JSON Lines file (gzipped or not) or a Parquet file,
   * or the records themselves in an array. It is read once for `off` and once per candidate, so
   * memory holds one user of it at a time (plus every user's replayed result under `off`).
   */
  readonly log: string | readonly unknown[];
  /**
   * Each user's cohort, by user id, as in `replay`; users the labels do not name are left out.
   * @defaultValue every user in the `at-risk` cohort, so `control.*` targets need labels
   */
  readonly labels?: Readonly<Record<string, CohortName>>;
  /** Items served per request (the top-k), an integer in [1, 100]. @defaultValue 10 */
  readonly k?: number;
  /** Recovery pool for requests that log none, as in `replay`. @defaultValue none */
  readonly recovery?: readonly Item[];
  /**
   * Integer seed in [0, 2^32): of the bootstrap resamples (as `replay`'s seed) and of the search's
   * own draws. @defaultValue 1
   */
  readonly seed?: number;
  /** What to optimise, as in `TuneOptions`, e.g. `'min at-risk.harmfulShare'`. */
  readonly objective: string;
  /** Constraints a chosen policy must meet, as in `TuneOptions`. At most 8. @defaultValue `[]` */
  readonly constraints?: readonly string[];
  /** Candidate policies evaluated in all restarts together, an integer in [1, 2000]. @defaultValue 50 */
  readonly budget?: number;
  /** Independent seeded restarts that share the budget, an integer in [1, budget]. @defaultValue 1 */
  readonly restarts?: number;
  /** Bootstrap resamples for each candidate's intervals, an integer in [1, 100000]. @defaultValue 200 */
  readonly resamples?: number;
  /** Called after each candidate policy is evaluated, with the evaluations done and the budget. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Whether tuning options name a log (rather than a scenario).
 *
 * @internal
 */
export function isLogTuning(options: object): options is TuneLogOptions {
  return (options as { log?: unknown }).log !== undefined;
}
