import { describe, expect, it } from 'vitest';
import { compare } from '../../src/simulate/index.js';

/**
 * What `protective` does, paired against `off` on the same 40 users (30% at risk) and seeds,
 * 150 requests each, with bootstrap intervals from 300 resamples.
 */
// Run at collection time so that the measured figures can appear in the test names.
const c = await compare({
  scenario: 'mixed',
  policies: ['protective'],
  seed: 11,
  users: 40,
  steps: 150,
  resamples: 300,
});
const [off, protective] = c.reports.map((r) => r.cohorts);
const d = c.differences[0]!.cohorts['at-risk']!;

const fmt = (x: number | null | undefined) =>
  x === null || x === undefined ? 'none' : x.toFixed(3);

describe('compare(mixed, [off, protective])', () => {
  it('compare puts off first and pairs protective against it', () => {
    expect(c.policies).toEqual(['off', 'protective']);
    expect(c.reports.map((r) => r.policy)).toEqual(['off', 'protective']);
    expect(c.differences.map((d) => d.policy)).toEqual(['protective']);
    expect(c.bootstrap).toEqual({ resamples: 300, level: 0.95 });
  });

  it(`protective lowers the at-risk harmful share, 95% interval below 0 (measured ${fmt(off!['at-risk']!.harmfulShare)} → ${fmt(protective!['at-risk']!.harmfulShare)}, difference ${fmt(d.harmfulShare?.estimate)} [${fmt(d.harmfulShare?.low)}, ${fmt(d.harmfulShare?.high)}])`, () => {
    const diff = d.harmfulShare!;
    expect(diff.estimate).toBeCloseTo(
      protective!['at-risk']!.harmfulShare - off!['at-risk']!.harmfulShare,
      12,
    );
    expect(diff.low).toBeLessThanOrEqual(diff.estimate);
    expect(diff.high).toBeLessThan(0);
  });

  it(`protective lowers the at-risk longest run, 95% interval below 0 (measured ${fmt(off!['at-risk']!.longestRun)} → ${fmt(protective!['at-risk']!.longestRun)}, difference ${fmt(d.longestRun?.estimate)} [${fmt(d.longestRun?.low)}, ${fmt(d.longestRun?.high)}])`, () => {
    expect(d.longestRun!.high).toBeLessThan(0);
    expect(protective!['at-risk']!.p95Run).toBeLessThan(off!['at-risk']!.p95Run);
  });

  it(`protective keeps false alarms on control users ≤ 1 per 1,000 impressions (measured ${fmt(protective!.control!.falseAlarmsPer1000)}; off ${fmt(off!.control!.falseAlarmsPer1000)})`, () => {
    expect(protective!.control!.falseAlarmsPer1000!).toBeLessThanOrEqual(1);
  });

  it(`protective costs control users almost no relevance: NDCG@10 retention ≥ 0.98 (measured ${fmt(protective!.control!.ndcgRetention)}; at-risk ${fmt(protective!['at-risk']!.ndcgRetention)})`, () => {
    expect(protective!.control!.ndcgRetention).toBeGreaterThanOrEqual(0.98);
  });

  it('compare gives the same comparison for the same options (a small run twice)', async () => {
    const options = {
      scenario: 'mixed',
      policies: ['balanced'],
      seed: 2,
      users: 6,
      steps: 20,
      resamples: 50,
    } as const;
    expect(JSON.stringify(await compare(options))).toBe(JSON.stringify(await compare(options)));
  });

  it('compare rejects a policy object named off and duplicate names with RebalanceError argument', async () => {
    const base = { scenario: 'mixed', seed: 1, users: 2, steps: 2 } as const;
    const named = await compare({ ...base, policies: [{ name: 'off', policy: {} }] }).catch(
      (e: unknown) => e,
    );
    expect(named).toMatchObject({ code: 'argument', path: 'policies[0]' });
    const twice = await compare({ ...base, policies: ['balanced', 'balanced'] }).catch(
      (e: unknown) => e,
    );
    expect(twice).toMatchObject({ code: 'argument', path: 'policies' });
  });
});
