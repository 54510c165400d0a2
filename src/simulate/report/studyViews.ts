import { RebalanceError } from '../../index.js';
import { describeValue, joinPath } from '../../errors/describe.js';
import type { CalibrationEntry, CalibrationReport } from '../calibration/calibrationTypes.js';
import type { SensitivityReport } from '../sensitivity/sensitivityTypes.js';
import { isObject, type ReportView } from './viewShape.js';

/**
 * The report views of runs that are studies of the model rather than simulations of a policy: a
 * calibration against published audits, and a sensitivity analysis. Each fills the header notes
 * its page shows and leaves the simulation parts empty.
 */

/** The view of a calibration report. @internal */
export function calibrationView(input: Record<string, unknown>, api: string): ReportView {
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

/** The view of a sensitivity report. @internal */
export function sensitivityView(input: Record<string, unknown>, api: string): ReportView {
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

/** A calibration table read from outside, checked entry by entry. @internal */
export function checkCalibration(value: unknown, api: string, path: string): CalibrationEntry[] {
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
