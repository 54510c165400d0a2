import { RebalanceError } from '../../index.js';
import { describeValue, joinPath } from '../../errors/describe.js';
import type { CalibrationEntry, CalibrationReport } from '../calibration/calibrationTypes.js';
import type { SensitivityReport } from '../sensitivity/sensitivityTypes.js';
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

function calibrationView(input: Record<string, unknown>, api: string): ReportView {
  const report = input as unknown as CalibrationReport;
  const seedList: readonly number[] = Array.isArray(report.seeds) ? report.seeds : [];
  const seeds = seedList.join(', ');
  return {
    seed: seedList[0] ?? 0,
    scenario: 'calibration of the off baseline',
    users: (report.usersPerSeed ?? 0) * seedList.length,
    steps: 0,
    reports: [],
    differences: new Map(),
    bootstrap: null,
    cohorts: [],
    calibration: checkCalibration(input['calibration'], api, 'calibration'),
    sensitivity: null,
    notes: [
      ['Seeds (every arm)', seeds],
      ['Accounts per arm and seed', String(report.usersPerSeed)],
      [
        'Popularity (eating disorder, self-harm and suicide, mental health)',
        typeof report.popularity === 'object' && report.popularity !== null
          ? [
              report.popularity.eatingDisorder,
              report.popularity.selfHarmAndSuicide,
              report.popularity.mentalHealth,
            ].join(', ')
          : 'not given',
      ],
      ['Share of triggering content in the popular feed', String(report.popularFeedShare)],
      ['Learning rate', String(report.learningRate)],
      ['Cold start (10-second watches)', String(report.coldStartWatches)],
    ],
    replay: null,
  };
}

function sensitivityView(input: Record<string, unknown>, api: string): ReportView {
  const report = input as unknown as SensitivityReport;
  if (!Array.isArray(report.rows) || !Array.isArray(report.policies))
    throw new RebalanceError(
      'argument',
      `${api}: rows must be an array of SensitivityRow (got ${describeValue(report.rows)})`,
      'rows',
    );
  return {
    seed: report.seed,
    scenario: report.scenario,
    users: report.users,
    steps: report.steps,
    reports: [],
    differences: new Map(),
    bootstrap: null,
    cohorts: [],
    calibration: null,
    sensitivity: report,
    notes: [
      ['Cohort ordered', report.cohort],
      ['Change of each constant', `±${Math.round(report.change * 100)}%`],
      ['Policies', report.policies.join(', ')],
    ],
    replay: null,
  };
}

function checkCalibration(value: unknown, api: string, path: string): CalibrationEntry[] {
  const entries = value as unknown[];
  entries.forEach((e, i) => {
    const at = joinPath(path, i);
    if (!isObject(e) || typeof e['source'] !== 'string' || typeof e['target'] !== 'number')
      throw new RebalanceError(
        'argument',
        `${api}: ${at} must be a calibration entry with a source and a target (got ${describeValue(e)})`,
        at,
      );
  });
  return entries as CalibrationEntry[];
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
