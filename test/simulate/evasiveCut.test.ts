import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/index.js';

/**
 * The `evasive` scenario labels triggering items only by evasive hashtags (th1nspo, pr0ana,
 * s3lfharm …, no topics), so the policy sees them only through the default matcher. Same
 * users and seed under `off` and `protective`; small enough to run in a second or two.
 */
const options = { scenario: 'evasive', seed: 3, users: 24, steps: 100 } as const;
const off = (await simulate({ ...options, policy: 'off' })).cohorts['at-risk']!;
const protective = (await simulate({ ...options, policy: 'protective' })).cohorts['at-risk']!;
const cut = 1 - protective.harmfulShare / off.harmfulShare;

describe('simulate(evasive) with the default matcher', () => {
  it(`protective cuts the at-risk harmful share by at least 40% against off (measured ${off.harmfulShare.toFixed(3)} → ${protective.harmfulShare.toFixed(3)}, a cut of ${(100 * cut).toFixed(0)}%)`, () => {
    // With the exact matcher the cut was about 17%: the evasive spellings passed as nothing.
    expect(off.harmfulShare).toBeGreaterThan(0.2);
    expect(cut).toBeGreaterThanOrEqual(0.4);
  });
});
