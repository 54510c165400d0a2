import type { CalibrationEntry } from '../calibration/calibrationTypes.js';
import type { SensitivityReport } from '../sensitivity/sensitivityTypes.js';
import type { ReplaySummary } from '../replay/types.js';
import type {
  CohortName,
  ComparisonReport,
  PolicyDifferences,
  SimulationReport,
} from '../types.js';

/**
 * A single report or a comparison seen the same way: a list of runs on the same seed, with
 * paired differences where there are any. Renderers read only this.
 *
 * @internal
 */
export interface ReportView {
  readonly seed: number;
  readonly scenario: string;
  readonly users: number;
  readonly steps: number;
  /** One report per policy, in run order. */
  readonly reports: readonly SimulationReport[];
  /** Paired differences against `off`, by policy name. */
  readonly differences: ReadonlyMap<string, PolicyDifferences>;
  /** How the intervals were formed; `null` for a single report. */
  readonly bootstrap: ComparisonReport['bootstrap'] | null;
  /** Cohorts present in any run, `at-risk` first. */
  readonly cohorts: readonly CohortName[];
  /** A calibration table, when the input carries one. */
  readonly calibration: readonly CalibrationEntry[] | null;
  /** A sensitivity analysis, when the input carries one. */
  readonly sensitivity: SensitivityReport | null;
  /** Header lines beyond seed, scenario and sizes (calibration, sensitivity and replay runs). */
  readonly notes: readonly (readonly [string, string])[];
  /** What a replay of logs read, when the input is one; `null` for a simulation. */
  readonly replay: ReplaySummary | null;
}

/** Whether `value` is a plain object (not null, not an array). @internal */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
