import { describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { DEFAULT_RESPONSE, sensitivity, simulate } from '../../src/simulate/index.js';

const options = {
  scenario: 'mixed',
  seed: 2,
  users: 8,
  steps: 15,
  policies: ['protective'],
  constants: ['damage', 'lingerMs'],
} as const;
const report = await sensitivity(options);

const orderBy = (names: readonly string[], values: readonly number[], sign: 1 | -1) =>
  names
    .map((_, k) => k)
    .sort((a, b) => sign * (values[a]! - values[b]!) || a - b)
    .map((k) => names[k]);

describe('sensitivity', () => {
  it('sensitivity(…) moves each constant to (1 − 0.5)× and (1 + 0.5)× its default, one row per constant, off first', () => {
    expect(report.policies).toEqual(['off', 'protective']);
    expect(report.rows.map((r) => r.constant)).toEqual(['damage', 'lingerMs']);
    for (const row of report.rows) {
      expect(row.base).toBe(DEFAULT_RESPONSE[row.constant]);
      expect(row.downValue).toBeCloseTo(0.5 * row.base, 12);
      expect(row.upValue).toBeCloseTo(1.5 * row.base, 12);
    }
  });

  it("sensitivity's baseline is what simulate gives each policy with the default constants", async () => {
    const { scenario, seed, users, steps } = options;
    for (const [k, policy] of report.policies.entries()) {
      const r = await simulate({ scenario, seed, users, steps, policy });
      expect(report.baseline.harmfulShare[k]).toBe(r.cohorts['at-risk']!.harmfulShare);
      expect(report.baseline.ndcgRetention[k]).toBe(r.cohorts['at-risk']!.ndcgRetention);
    }
  });

  it('sensitivity flags an order change exactly when the order of a varied run differs from the baseline order', () => {
    const { policies, baseline } = report;
    expect(baseline.harmOrder).toEqual(orderBy(policies, baseline.harmfulShare, 1));
    expect(baseline.ndcgOrder).toEqual(orderBy(policies, baseline.ndcgRetention, -1));
    for (const row of report.rows) {
      const differs = (a: readonly string[], b: readonly string[]) => a.join() !== b.join();
      expect(row.harmOrderChanged).toBe(
        differs(row.down.harmOrder, baseline.harmOrder) ||
          differs(row.up.harmOrder, baseline.harmOrder),
      );
      expect(row.ndcgOrderChanged).toBe(
        differs(row.down.ndcgOrder, baseline.ndcgOrder) ||
          differs(row.up.ndcgOrder, baseline.ndcgOrder),
      );
      expect(row.down.harmOrder).toEqual(orderBy(policies, row.down.harmfulShare, 1));
    }
  });

  it.each([
    [{ constants: ['nope'] }, 'constants[0]'],
    [{ change: 1 }, 'change'],
    [{ cohort: 'everyone' }, 'cohort'],
    [{ policies: [] }, 'policies'],
  ])('sensitivity(%o) rejects with RebalanceError argument at %s', async (extra, path) => {
    const error = await sensitivity({ ...options, ...(extra as object) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RebalanceError);
    expect((error as RebalanceError).path).toBe(path);
  });
});
