/**
 * Test data: small fabricated reports with the shape `simulate` and `compare` return. The numbers
 * follow simple formulas (a stronger policy lowers harm and costs a little relevance) so charts
 * have something plausible to draw; they are not simulation results.
 */
import type {
  CohortMetrics,
  CohortName,
  CohortSeries,
  ComparedMetric,
  ComparisonReport,
  Difference,
  PolicyDifferences,
  RunLengthHistogram,
  SimulationReport,
} from '../../src/simulate/types.js';
import type {
  CalibrationEntry,
  CalibrationReport,
} from '../../src/simulate/calibration/calibrationTypes.js';
import type {
  SensitivityOutcome,
  SensitivityReport,
  SensitivityRow,
} from '../../src/simulate/sensitivity/sensitivityTypes.js';
import { DEFAULT_RESPONSE } from '../../src/simulate/response/defaults.js';

/** How strongly each fabricated policy acts, 0 (off) to 1. */
const STRENGTH: Readonly<Record<string, number>> = {
  off: 0,
  dispersion: 0.35,
  balanced: 0.6,
  protective: 0.85,
};

export interface FixtureOptions {
  readonly policies?: readonly string[];
  readonly cohorts?: readonly CohortName[];
  readonly buckets?: number;
  readonly seed?: number;
  readonly scenario?: string;
}

export function fabricateMetrics(cohort: CohortName, strength: number): CohortMetrics {
  const atRisk = cohort === 'at-risk';
  const base = atRisk ? 0.42 : 0.03;
  return {
    users: atRisk ? 40 : 60,
    impressions: atRisk ? 12_000 : 18_000,
    harmfulShare: base * (1 - 0.8 * strength),
    harmfulWatchShare: base * 1.3 * (1 - 0.8 * strength),
    harmfulReach: atRisk ? 1 : 0.4,
    longestRun: (atRisk ? 24 : 2) * (1 - 0.85 * strength) + 1,
    p95Run: (atRisk ? 12 : 1) * (1 - 0.8 * strength) + 1,
    firstHarmfulMs: atRisk ? 480_000 : 2_400_000,
    harmfulIntervalMs: atRisk ? 27_000 / (1 - 0.8 * strength) : null,
    bubbleWatches: atRisk ? 21 : null,
    detectionDelay: atRisk && strength > 0.5 ? 6 : null,
    detectionRate: atRisk && strength > 0.5 ? 0.95 : null,
    falseAlarmsPer1000: atRisk ? null : strength * 0.4,
    ndcgRetention: 1 - 0.06 * strength * (atRisk ? 1 : 0.1),
    recoveryShare: atRisk ? 0.08 * strength : 0.001 * strength,
    recoveryEngagement: strength > 0 ? 0.7 + 0.1 * strength : null,
    rankDisplacement: 1.5 * strength,
    wellbeing: atRisk ? 0.52 + 0.12 * strength : 0.8,
    wellbeingChange: atRisk ? -0.12 + 0.12 * strength : 0.002,
    watchMinutes: (atRisk ? 140 : 90) * (1 - 0.15 * strength),
    sessions: atRisk ? 22 - 3 * strength : 25,
    requestsPerSession: atRisk ? 7 - 2 * strength : 5,
    returnRate: atRisk ? 0.99 - 0.02 * strength : 0.99,
  };
}

function fabricateSeries(cohort: CohortName, strength: number, buckets: number): CohortSeries {
  const atRisk = cohort === 'at-risk';
  const step: number[] = [];
  const activeMinutes: number[] = [];
  const harmfulShare: number[] = [];
  const recoveryShare: number[] = [];
  const wellbeing: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const t = (b + 1) / buckets;
    step.push((b + 1) * 10);
    activeMinutes.push((b + 1) * 4.5);
    const drift = atRisk ? 0.08 + 0.5 * (1 - Math.exp(-3 * t)) : 0.02 + 0.01 * t;
    harmfulShare.push(drift * (1 - 0.8 * strength));
    recoveryShare.push((atRisk ? 0.08 : 0.001) * strength * t);
    wellbeing.push(atRisk ? 0.64 - 0.12 * t * (1 - strength) : 0.8 + 0.002 * t);
  }
  return { step, activeMinutes, harmfulShare, recoveryShare, wellbeing };
}

function fabricateRunLengths(cohort: CohortName, strength: number): RunLengthHistogram {
  const openFrom = 30;
  const counts: number[] = [];
  const decay = cohort === 'at-risk' ? 0.82 - 0.4 * strength : 0.3;
  const cut = cohort === 'at-risk' ? Math.round(30 - 24 * strength) : 4;
  for (let i = 0; i < openFrom; i++) {
    counts.push(i < cut ? Math.round(900 * Math.pow(decay, i)) : 0);
  }
  return { counts, openFrom };
}

export function fabricateReport(policy: string, options: FixtureOptions = {}): SimulationReport {
  const strength = STRENGTH[policy] ?? 0.5;
  const cohorts = options.cohorts ?? ['at-risk', 'control'];
  const buckets = options.buckets ?? 20;
  const metrics: Partial<Record<CohortName, CohortMetrics>> = {};
  const series: Partial<Record<CohortName, CohortSeries>> = {};
  const runLengths: Partial<Record<CohortName, RunLengthHistogram>> = {};
  for (const c of cohorts) {
    metrics[c] = fabricateMetrics(c, strength);
    series[c] = fabricateSeries(c, strength, buckets);
    runLengths[c] = fabricateRunLengths(c, strength);
  }
  return {
    seed: options.seed ?? 1,
    scenario: options.scenario ?? 'mixed',
    policy,
    users: 100,
    steps: buckets * 10,
    pageSize: 10,
    bucketSteps: 10,
    cohorts: metrics,
    series,
    runLengths,
  };
}

function difference(a: number | null, b: number | null, spread: number): Difference | null {
  if (a === null || b === null) return null;
  const estimate = a - b;
  return { estimate, low: estimate - spread, high: estimate + spread };
}

export function fabricateComparison(options: FixtureOptions = {}): ComparisonReport {
  const policies = options.policies ?? ['off', 'dispersion', 'balanced', 'protective'];
  const reports = policies.map((p) => fabricateReport(p, options));
  const off = reports[0]!;
  const differences: PolicyDifferences[] = reports.slice(1).map((r) => {
    const cohorts: Partial<Record<CohortName, Record<ComparedMetric, Difference | null>>> = {};
    for (const c of Object.keys(r.cohorts) as CohortName[]) {
      const mine = r.cohorts[c]!;
      const theirs = off.cohorts[c]!;
      const entry = {} as Record<ComparedMetric, Difference | null>;
      for (const key of Object.keys(mine) as (keyof CohortMetrics)[]) {
        if (key === 'users' || key === 'impressions') continue;
        entry[key] = difference(mine[key], theirs[key], 0.01);
      }
      cohorts[c] = entry;
    }
    return { policy: r.policy, cohorts };
  });
  return {
    seed: options.seed ?? 1,
    scenario: options.scenario ?? 'mixed',
    users: 100,
    steps: off.steps,
    policies,
    reports,
    differences,
    bootstrap: { resamples: 1000, level: 0.95 },
  };
}

/** A calibration table: some targets within their band, some outside, one not produced. */
export function fabricateCalibration(): CalibrationReport {
  const entry = (
    source: string,
    unit: CalibrationEntry['unit'],
    target: number,
    low: number,
    high: number,
    simulated: number | null,
  ): CalibrationEntry => ({
    source,
    measure: `measure of ${source}`,
    protocol: `protocol of ${source}`,
    unit,
    target,
    low,
    high,
    band: `band of ${source}`,
    simulated,
    withinBand: simulated !== null && simulated >= low && simulated <= high,
  });
  return {
    seeds: [1, 2, 3, 4],
    usersPerSeed: 50,
    response: DEFAULT_RESPONSE,
    popularity: { eatingDisorder: 0.03, selfHarmAndSuicide: 0.2, mentalHealth: 0.8 },
    popularFeedShare: 0.35,
    learningRate: 0.4,
    coldStartWatches: 15,
    calibration: [
      entry('Audit A', 'minutes', 8, 4, 16, 9.5),
      entry('Audit B', 'share', 0.45, 0.4, 0.5, 0.62),
      entry('Audit C', 'seconds', 39, 33, 45, 14),
      entry('Audit D', 'watches', 21.5, 17, 26, null),
      entry('Audit E', 'ratio', 44.4, 22.2, 88.8, 60),
    ],
  };
}

/** A sensitivity analysis over three constants; the middle one changes the harm order. */
export function fabricateSensitivity(): SensitivityReport {
  const policies = ['off', 'balanced', 'protective'];
  const outcome = (harm: number[], ndcg: number[]): SensitivityOutcome => {
    const order = (values: number[], sign: 1 | -1) =>
      policies
        .map((_, k) => k)
        .sort((a, b) => sign * (values[a]! - values[b]!) || a - b)
        .map((k) => policies[k]!);
    return {
      harmfulShare: harm,
      ndcgRetention: ndcg,
      watchMinutes: [100, 95, 90],
      harmOrder: order(harm, 1),
      ndcgOrder: order(ndcg, -1),
    };
  };
  const baseline = outcome([0.4, 0.2, 0.15], [1, 0.97, 0.95]);
  const row = (
    constant: SensitivityRow['constant'],
    down: SensitivityOutcome,
    up: SensitivityOutcome,
  ): SensitivityRow => ({
    constant,
    base: DEFAULT_RESPONSE[constant],
    downValue: DEFAULT_RESPONSE[constant] * 0.5,
    upValue: DEFAULT_RESPONSE[constant] * 1.5,
    down,
    up,
    harmOrderChanged:
      down.harmOrder.join() !== baseline.harmOrder.join() ||
      up.harmOrder.join() !== baseline.harmOrder.join(),
    ndcgOrderChanged:
      down.ndcgOrder.join() !== baseline.ndcgOrder.join() ||
      up.ndcgOrder.join() !== baseline.ndcgOrder.join(),
  });
  return {
    scenario: 'mixed',
    seed: 1,
    users: 100,
    steps: 50,
    cohort: 'at-risk',
    change: 0.5,
    policies,
    response: DEFAULT_RESPONSE,
    baseline,
    rows: [
      row(
        'damage',
        outcome([0.4, 0.21, 0.16], [1, 0.97, 0.95]),
        outcome([0.4, 0.19, 0.14], [1, 0.97, 0.95]),
      ),
      row(
        'lingerMs',
        outcome([0.3, 0.1, 0.12], [1, 0.96, 0.95]),
        outcome([0.5, 0.3, 0.1], [1, 0.98, 0.96]),
      ),
      row(
        'sessionTemper',
        outcome([0.4, 0.2, 0.15], [1, 0.97, 0.95]),
        outcome([0.41, 0.2, 0.15], [1, 0.97, 0.95]),
      ),
    ],
  };
}
