import { RebalanceError } from '../../index.js';
import { describeValue, joinPath } from '../../errors/describe.js';
import type { CalibrationEntry, CalibrationReport } from '../calibration/calibrationTypes.js';
import type { SensitivityReport } from '../sensitivity/sensitivityTypes.js';
import { calibrationView, checkCalibration, sensitivityView } from './studyViews.js';
import { isObject, type ReportView } from './viewShape.js';
import type { ReplaySummary } from '../replay/types.js';
import type {
  CohortName,
  ComparisonReport,
  PolicyDifferences,
  SimulationReport,
} from '../types.js';

/**
 * What `renderReport` and `summaryTable` take: a simulation, a comparison (optionally carrying a
 * calibration table or a sensitivity analysis), a calibration report or a sensitivity report.
 * Each part of the page is drawn only when its data is there, so runs that are not simulations
 * (a replay of logs) can reuse the same pages.
 *
 * @example
 * ```ts
 * import { calibrate, renderReport, type ReportInput } from 'feed-rebalancer/simulate';
 * const input: ReportInput = await calibrate({ seeds: [1], usersPerSeed: 5 });
 * const html = renderReport(input);
 * ```
 */
export type ReportInput =
  | SimulationReport
  | (ComparisonReport & {
      readonly calibration?: readonly CalibrationEntry[];
      readonly sensitivity?: SensitivityReport;
    })
  | CalibrationReport
  | SensitivityReport;

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
  if ('rows' in input && 'baseline' in input) return sensitivityView(input, api);
  if (Array.isArray(input['calibration']) && !('reports' in input) && !('cohorts' in input))
    return calibrationView(input, api);
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
      calibration: Array.isArray(input['calibration'])
        ? checkCalibration(input['calibration'], api, 'calibration')
        : null,
      sensitivity: isObject(input['sensitivity'])
        ? (input['sensitivity'] as unknown as SensitivityReport)
        : null,
      ...replayParts(input['replay'], comparison.policies),
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
    calibration: null,
    sensitivity: null,
    notes: [],
    replay: null,
  };
}

/** A replay's summary and its header lines, or none for a simulation. */
function replayParts(
  value: unknown,
  policies: readonly string[],
): Pick<ReportView, 'notes' | 'replay'> {
  if (!isObject(value)) return { notes: [], replay: null };
  const replay = value as unknown as ReplaySummary;
  const shares: readonly unknown[] = Array.isArray(replay.imputedShare) ? replay.imputedShare : [];
  const imputed = shares
    .map((share, i) =>
      typeof share === 'number' ? `${policies[i] ?? i} ${(share * 100).toFixed(1)}%` : '',
    )
    .join(', ');
  const notes: [string, string][] = [
    ['Log', replay.log],
    ['Requests replayed', String(replay.requests)],
    ['Logged impressions', String(replay.loggedImpressions)],
    [
      'Cohorts',
      replay.cohorts === 'labels'
        ? `from labels (${replay.unlabelledUsers} unlabelled users left out)`
        : 'no labels: every user in the at-risk cohort',
    ],
    ['Served items with imputed dwell', imputed],
  ];
  return { notes, replay };
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
