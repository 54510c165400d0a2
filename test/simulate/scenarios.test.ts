import { describe, expect, it } from 'vitest';
import { scenarios, simulate } from '../../src/simulate/index.js';

describe('scenarios', () => {
  it('scenarios holds rabbit-hole, control, mixed, relapse, evasive and noisy, each frozen with cohort shares adding up to 1', () => {
    expect(Object.keys(scenarios)).toEqual([
      'rabbit-hole',
      'control',
      'mixed',
      'relapse',
      'evasive',
      'noisy',
    ]);
    for (const [name, s] of Object.entries(scenarios)) {
      expect(s.name).toBe(name);
      expect(Object.isFrozen(s) && Object.isFrozen(s.cohorts)).toBe(true);
      const shares = (s.cohorts['at-risk']?.share ?? 0) + (s.cohorts.control?.share ?? 0);
      expect(shares).toBeCloseTo(1, 12);
    }
  });

  it('evasive differs from rabbit-hole only in labels: under off (which serves the ranking unchanged) the users see exactly the same feeds', async () => {
    const options = { policy: 'off', seed: 4, users: 4, steps: 60 } as const;
    const plain = await simulate({ ...options, scenario: 'rabbit-hole' });
    const evasive = await simulate({ ...options, scenario: 'evasive' });
    const a = plain.cohorts['at-risk']!;
    const b = evasive.cohorts['at-risk']!;
    expect([b.harmfulShare, b.harmfulWatchShare, b.longestRun, b.wellbeing]).toEqual([
      a.harmfulShare,
      a.harmfulWatchShare,
      a.longestRun,
      a.wellbeing,
    ]);
    expect(evasive.series['at-risk']!.harmfulShare).toEqual(plain.series['at-risk']!.harmfulShare);
  });

  it('relapse users (recovery history, less triggering interest) see less triggering content under off than rabbit-hole users on the same seed', async () => {
    const options = { policy: 'off', seed: 4, users: 8, steps: 100 } as const;
    const relapse = (await simulate({ ...options, scenario: 'relapse' })).cohorts['at-risk']!;
    const rabbitHole = (await simulate({ ...options, scenario: 'rabbit-hole' })).cohorts[
      'at-risk'
    ]!;
    expect(
      relapse.harmfulShare,
      `relapse ${relapse.harmfulShare.toFixed(3)} vs rabbit-hole ${rabbitHole.harmfulShare.toFixed(3)}`,
    ).toBeLessThan(rabbitHole.harmfulShare);
    expect(relapse.wellbeing).toBeGreaterThan(rabbitHole.wellbeing!);
  });
});
