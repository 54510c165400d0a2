import { describe, expect, it } from 'vitest';
import { prepareRun } from '../../src/simulate/run/prepareRun.js';
import { runUsers } from '../../src/simulate/run/runUsers.js';
import { cohortOf, type RunSpec } from '../../src/simulate/run/RunSpec.js';
import { buildReport } from '../../src/simulate/metrics/buildReport.js';
import { scenarios } from '../../src/simulate/scenarios.js';
import type { Scenario } from '../../src/simulate/types.js';
import { identityPolicy } from './identityPolicy.js';
import { runSpec } from './runSpec.js';

const spec = (scenario: Scenario, users: number, steps: number, seed = 1): RunSpec =>
  runSpec({ scenario, users, steps, seed });
const withIdentity = (s: RunSpec) => prepareRun(s, { recommender: null, rerank: null }, undefined);

describe('simulateUser through runUsers (identity policy)', () => {
  it('runUsers(spec, 0, n) is the same for the same seed, and user i does not depend on which users run before it', () => {
    const s = spec(scenarios.mixed, 6, 40);
    const all = runUsers({ ...withIdentity(s), policy: identityPolicy }, 0, 6);
    expect(runUsers({ ...withIdentity(s), policy: identityPolicy }, 0, 6)).toEqual(all);
    const pieces = [
      ...runUsers({ ...withIdentity(s), policy: identityPolicy }, 3, 6),
      ...runUsers({ ...withIdentity(s), policy: identityPolicy }, 0, 3),
    ];
    expect([...pieces.slice(3), ...pieces.slice(0, 3)]).toEqual(all);
    expect(
      runUsers({ ...withIdentity(spec(scenarios.mixed, 6, 40, 2)), policy: identityPolicy }, 0, 6),
    ).not.toEqual(all);
  });

  it('cohortOf(mixed, i) puts exactly 30 of every 100 consecutive users in the at-risk cohort', () => {
    for (const from of [0, 37, 1000]) {
      let atRisk = 0;
      for (let i = from; i < from + 100; i++)
        if (cohortOf(scenarios.mixed, i) === 'at-risk') atRisk++;
      expect(atRisk).toBe(30);
    }
    expect(cohortOf(scenarios.control, 5)).toBe('control');
    expect(cohortOf(scenarios['rabbit-hole'], 5)).toBe('at-risk');
  });

  it('with a policy that changes nothing, NDCG@10 retention is 1, no recovery is served and every request serves a full page', () => {
    const s = spec(scenarios.mixed, 10, 30);
    const results = runUsers({ ...withIdentity(s), policy: identityPolicy }, 0, 10);
    const report = buildReport(s, results);
    for (const m of [report.cohorts['at-risk']!, report.cohorts.control!]) {
      expect(m.ndcgRetention).toBe(1);
      expect(m.recoveryShare).toBe(0);
      expect(m.recoveryEngagement).toBeNull();
    }
    for (const r of results) {
      expect(r.impressions).toBe(r.requests * 10);
      expect(r.requests).toBeGreaterThan(0);
      expect(r.requests).toBeLessThanOrEqual(30);
    }
    expect(report.cohorts['at-risk']!.users + report.cohorts.control!.users).toBe(10);
  });

  it('the feedback loop alone draws at-risk users into harmful content and leaves control users almost untouched', () => {
    const s = spec(scenarios.mixed, 20, 120);
    const report = buildReport(s, runUsers({ ...withIdentity(s), policy: identityPolicy }, 0, 20));
    const atRisk = report.cohorts['at-risk']!;
    const control = report.cohorts.control!;
    const series = report.series['at-risk']!;
    // The at-risk share grows over the run: the last fifth well above the first fifth.
    const fifth = Math.floor(series.harmfulShare.length / 5);
    const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const early = mean(series.harmfulShare.slice(0, fifth));
    const late = mean(series.harmfulShare.slice(-fifth));
    expect(late, `at-risk harmful share ${early.toFixed(2)} → ${late.toFixed(2)}`).toBeGreaterThan(
      early + 0.1,
    );
    expect(
      atRisk.harmfulShare,
      `at-risk ${atRisk.harmfulShare} vs control ${control.harmfulShare}`,
    ).toBeGreaterThan(10 * control.harmfulShare);
    expect(atRisk.wellbeingChange).toBeLessThan(0);
    expect(Math.abs(control.wellbeingChange!)).toBeLessThan(0.02);
  });
});
