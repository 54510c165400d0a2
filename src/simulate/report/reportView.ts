import { RebalanceError } from '../../errors/RebalanceError.js';
import { describeValue, joinPath } from '../../errors/describe.js';
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
}

const COHORTS: readonly CohortName[] = ['at-risk', 'control'];

/**
 * Checks the shape a renderer relies on and returns the common view. Reports usually come
 * straight from `simulate`/`compare`, but they may also be read back from a `metrics.json`, so the
 * shape is checked once here rather than trusted.
 *
 * @throws RebalanceError with code `argument` when `input` is neither a report nor a
 * comparison
 * @internal
 */
export function toReportView(input: unknown, api: string): ReportView {
  if (!isObject(input)) {
    throw new RebalanceError(
      'argument',
      `${api}: the argument must be a SimulationReport or a ComparisonReport (got ${describeValue(input)})`,
      '',
    );
  }
  if ('reports' in input) {
    const comparison = input as unknown as ComparisonReport;
    if (!Array.isArray(comparison.reports) || comparison.reports.length === 0) {
      throw new RebalanceError(
        'argument',
        `${api}: reports must be a non-empty array of SimulationReport (got ${describeValue(comparison.reports)})`,
        'reports',
      );
    }
    comparison.reports.forEach((r, i) => {
      checkReport(r, api, joinPath('reports', i));
    });
    const differences = new Map<string, PolicyDifferences>();
    const list: readonly PolicyDifferences[] = Array.isArray(comparison.differences)
      ? comparison.differences
      : [];
    for (let i = 0; i < list.length; i++) differences.set(list[i]!.policy, list[i]!);
    return {
      seed: comparison.seed,
      scenario: comparison.scenario,
      users: comparison.users,
      steps: comparison.steps,
      reports: comparison.reports,
      differences,
      bootstrap: isObject(comparison.bootstrap) ? comparison.bootstrap : null,
      cohorts: cohortsOf(comparison.reports),
    };
  }
  checkReport(input, api, '');
  const report = input as unknown as SimulationReport;
  return {
    seed: report.seed,
    scenario: report.scenario,
    users: report.users,
    steps: report.steps,
    reports: [report],
    differences: new Map(),
    bootstrap: null,
    cohorts: cohortsOf([report]),
  };
}

function checkReport(value: unknown, api: string, path: string): void {
  if (!isObject(value)) {
    throw new RebalanceError(
      'argument',
      `${api}: ${path === '' ? 'the argument' : path} must be a SimulationReport (got ${describeValue(value)})`,
      path,
    );
  }
  for (const key of ['cohorts', 'series', 'runLengths'] as const) {
    if (!isObject(value[key])) {
      const at = joinPath(path, key);
      throw new RebalanceError(
        'argument',
        `${api}: ${at} must be an object keyed by cohort (got ${describeValue(value[key])})`,
        at,
      );
    }
  }
  if (typeof value['policy'] !== 'string') {
    const at = joinPath(path, 'policy');
    throw new RebalanceError(
      'argument',
      `${api}: ${at} must be a policy name (got ${describeValue(value['policy'])})`,
      at,
    );
  }
}

function cohortsOf(reports: readonly SimulationReport[]): CohortName[] {
  return COHORTS.filter((c) => reports.some((r) => r.cohorts[c] !== undefined));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
