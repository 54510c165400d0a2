import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cohortMetrics } from '../../src/simulate/metrics/cohortMetrics.js';
import { runLengthHistogram } from '../../src/simulate/metrics/cohortSeries.js';
import { pairedDifferences } from '../../src/simulate/metrics/pairedDifferences.js';
import { MAX_RUN_TRACKED, type UserResult } from '../../src/simulate/metrics/UserResult.js';

interface Sketch {
  runs: number[];
  impressions: number;
  firstHarmfulMs: number | null;
  delay: number | null;
  alarms: number;
}

/** A user result whose run-related fields come from an explicit list of runs. */
function userResult(s: Sketch, cohort: UserResult['cohort'] = 'control'): UserResult {
  const runCounts = new Int32Array(MAX_RUN_TRACKED + 1);
  for (const r of s.runs) runCounts[Math.min(r, MAX_RUN_TRACKED)]!++;
  const harmful = s.runs.reduce((a, b) => a + b, 0);
  return {
    cohort,
    impressions: s.impressions + harmful,
    harmful,
    watchMs: 1000 * (s.impressions + harmful),
    harmfulWatchMs: 2000 * harmful,
    longestRun: Math.max(0, ...s.runs),
    runCounts,
    firstHarmfulMs: s.firstHarmfulMs,
    earlyMs: 60_000,
    earlyHarmful: Math.min(harmful, 3),
    bubbleWatches: null,
    sustainedRun: s.delay !== null,
    detectionDelay: s.delay,
    alarms: s.alarms,
    requests: 2,
    ndcgSum: 1.5,
    recoveryImpressions: 0,
    recoveryDwellMs: 0,
    organicImpressions: s.impressions + harmful,
    organicDwellMs: 1000 * (s.impressions + harmful),
    displacementSum: 0,
    wellbeingStart: 0.5,
    wellbeingEnd: 0.4,
    bucketImpressions: new Int32Array(1),
    bucketHarmful: new Int32Array(1),
    bucketRecovery: new Int32Array(1),
    bucketWellbeing: new Float64Array(1),
    bucketActiveMs: new Float64Array(1),
    sessions: 2,
    returns: 1,
    leaves: 0,
    probe: null,
  };
}

const sketch = fc.record({
  runs: fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 12 }),
  impressions: fc.integer({ min: 1, max: 200 }),
  firstHarmfulMs: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: null }),
  delay: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
  alarms: fc.integer({ min: 0, max: 5 }),
});

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

describe('cohortMetrics', () => {
  it('cohortMetrics pools ratios, takes medians over users with a value and the nearest-rank p95 of all runs, as a direct computation does', () => {
    fc.assert(
      fc.property(fc.array(sketch, { minLength: 1, maxLength: 8 }), (sketches) => {
        const results = sketches.map((s) => userResult(s));
        const m = cohortMetrics(
          results,
          results.map((_, k) => k),
          'control',
        );
        const runs = sketches.flatMap((s) => s.runs).sort((a, b) => a - b);
        const harmful = runs.reduce((a, b) => a + b, 0);
        const impressions = sketches.reduce((a, s) => a + s.impressions, 0) + harmful;
        expect(m.users).toBe(sketches.length);
        expect(m.impressions).toBe(impressions);
        expect(m.harmfulShare).toBeCloseTo(harmful / impressions, 12);
        expect(m.p95Run).toBe(runs.length === 0 ? 0 : runs[Math.ceil(0.95 * runs.length) - 1]);
        expect(m.longestRun).toBeCloseTo(
          sketches.reduce((a, s) => a + Math.max(0, ...s.runs), 0) / sketches.length,
          12,
        );
        expect(m.firstHarmfulMs).toBe(
          median(sketches.flatMap((s) => (s.firstHarmfulMs === null ? [] : [s.firstHarmfulMs]))),
        );
        expect(m.detectionDelay).toBe(
          median(sketches.flatMap((s) => (s.delay === null ? [] : [s.delay]))),
        );
        expect(m.falseAlarmsPer1000).toBeCloseTo(
          (1000 * sketches.reduce((a, s) => a + s.alarms, 0)) / impressions,
          9,
        );
        expect(m.ndcgRetention).toBeCloseTo(0.75, 12);
        const histogram = runLengthHistogram(results);
        expect(histogram.counts.reduce((a, b) => a + b, 0)).toBe(runs.length);
        expect(histogram.counts[histogram.openFrom - 1]).toBe(
          runs.filter((r) => r >= histogram.openFrom).length,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("cohortMetrics reports false alarms only for the control cohort (null for 'at-risk')", () => {
    const r = userResult(
      { runs: [3], impressions: 10, firstHarmfulMs: 5, delay: 2, alarms: 1 },
      'at-risk',
    );
    expect(cohortMetrics([r], [0], 'at-risk').falseAlarmsPer1000).toBeNull();
  });
});

describe('pairedDifferences', () => {
  it('pairedDifferences of a run against itself is 0 with a zero-width interval for every metric with a value', () => {
    fc.assert(
      fc.property(
        fc.array(sketch, { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 0, max: 1000 }),
        (sketches, seed) => {
          const results = sketches.map((s) => userResult(s));
          const d = pairedDifferences('same', results, results, seed, 50).cohorts.control!;
          for (const value of Object.values(d)) {
            if (value !== null) expect(value).toEqual({ estimate: 0, low: 0, high: 0 });
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('pairedDifferences of a constant shift (5 more alarms per 1,000 impressions for every user) is 5 with a zero-width interval', () => {
    const base = [4, 7, 9, 12].map((impressions) =>
      userResult({
        runs: [],
        impressions: 1000,
        firstHarmfulMs: null,
        delay: null,
        alarms: impressions,
      }),
    );
    const shifted = base.map((r) => ({ ...r, alarms: r.alarms + 5 }));
    const d = pairedDifferences('shift', shifted, base, 1, 200).cohorts.control!
      .falseAlarmsPer1000!;
    expect(d.estimate).toBeCloseTo(5, 12);
    expect(d.low).toBeCloseTo(5, 12);
    expect(d.high).toBeCloseTo(5, 12);
  });
});
