import type { ResponseConstants } from '../response/ResponseConstants.js';
import type { CohortName, NamedPolicy, Scenario, WorldOptions } from '../types.js';

/**
 * Options of `sensitivity`.
 *
 * @example
 * ```ts
 * import { sensitivity, type SensitivityOptions } from 'feed-rebalancer/simulate';
 * const options: SensitivityOptions = { scenario: 'mixed', seed: 1, users: 30, steps: 40, constants: ['damage', 'lingerMs'] };
 * const report = await sensitivity(options);
 * ```
 */
export interface SensitivityOptions extends Omit<WorldOptions, 'recommender'> {
  /** A scenario name from `scenarios` or a scenario object. */
  readonly scenario: string | Scenario;
  /**
   * Policies to order: preset names or named policy objects; `off` is added first when missing.
   * @defaultValue ['off', 'dispersion', 'balanced', 'protective']
   */
  readonly policies?: readonly (string | NamedPolicy)[];
  /** Integer seed in [0, 2^32), shared by every run. */
  readonly seed: number;
  /** Users per run. @defaultValue the scenario's `users` */
  readonly users?: number;
  /** Feed requests per user. @defaultValue the scenario's `steps` */
  readonly steps?: number;
  /** The response constants to vary, each on its own. @defaultValue every constant */
  readonly constants?: readonly (keyof ResponseConstants)[];
  /** The relative change of each constant, in (0, 1): down to (1 − change)×, up to (1 + change)×. @defaultValue 0.5 */
  readonly change?: number;
  /** The cohort whose metrics are ordered. @defaultValue 'at-risk' (or the scenario's only cohort) */
  readonly cohort?: CohortName;
  /** The recommender, a built-in one (`sensitivity` runs on worker threads). @defaultValue 'per-user' */
  readonly recommender?: 'per-user' | 'collaborative';
  /** Worker threads, as in `simulate`. @defaultValue as in `simulate` */
  readonly workers?: number;
  /** Called as users finish, with the users done and the total over all runs. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * What every policy gave in one run: the ordered cohort's harmful share, NDCG@10 retention and
 * watch time per policy, and the policies' order on the first two.
 *
 * @example
 * ```ts
 * import type { SensitivityOutcome } from 'feed-rebalancer/simulate';
 * const best = (o: SensitivityOutcome) => o.harmOrder[0];
 * ```
 */
export interface SensitivityOutcome {
  /** Per policy, in the report's policy order. */
  readonly harmfulShare: readonly number[];
  readonly ndcgRetention: readonly number[];
  readonly watchMinutes: readonly (number | null)[];
  /** Policy names from the lowest harmful share to the highest (ties in policy order). */
  readonly harmOrder: readonly string[];
  /** Policy names from the highest NDCG@10 retention to the lowest (ties in policy order). */
  readonly ndcgOrder: readonly string[];
}

/**
 * One varied constant: its values down and up, the outcomes, and whether either order changed
 * against the baseline.
 *
 * @example
 * ```ts
 * import type { SensitivityRow } from 'feed-rebalancer/simulate';
 * const fragile = (r: SensitivityRow) => r.harmOrderChanged || r.ndcgOrderChanged;
 * ```
 */
export interface SensitivityRow {
  readonly constant: keyof ResponseConstants;
  /** The baseline value, and the values the two runs used (clamped to the constant's bounds). */
  readonly base: number;
  readonly downValue: number;
  readonly upValue: number;
  readonly down: SensitivityOutcome;
  readonly up: SensitivityOutcome;
  /** Whether the order on harmful share differs from the baseline's at either end. */
  readonly harmOrderChanged: boolean;
  /** Whether the order on NDCG@10 retention differs from the baseline's at either end. */
  readonly ndcgOrderChanged: boolean;
}

/**
 * The result of `sensitivity`: the baseline outcome and one row per varied constant.
 *
 * @example
 * ```ts
 * import { sensitivity } from 'feed-rebalancer/simulate';
 * const s = await sensitivity({ scenario: 'mixed', seed: 1, users: 20, steps: 30, constants: ['damage'] });
 * console.log(s.rows.filter((r) => r.harmOrderChanged).map((r) => r.constant));
 * ```
 */
export interface SensitivityReport {
  readonly scenario: string;
  readonly seed: number;
  readonly users: number;
  readonly steps: number;
  readonly cohort: CohortName;
  readonly change: number;
  /** Policy names, `off` first. */
  readonly policies: readonly string[];
  /** The baseline constants and what they gave. */
  readonly response: ResponseConstants;
  readonly baseline: SensitivityOutcome;
  readonly rows: readonly SensitivityRow[];
}
