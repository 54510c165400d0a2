import { describe, expect, it } from 'vitest';
import { simulate, scenarios } from '../../src/simulate/index.js';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { runParallel } from '../../src/simulate/parallel/runParallel.js';
import { runSpec } from './runSpec.js';

const SMALL = { scenario: 'mixed', policy: 'balanced', seed: 1, users: 12, steps: 40 } as const;

describe('simulate', () => {
  it('simulate(options) gives the same report bit for bit for the same options, and another for another seed', async () => {
    const a = await simulate(SMALL);
    const b = await simulate(SMALL);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(await simulate({ ...SMALL, seed: 2 }))).not.toBe(JSON.stringify(a));
  });

  it('simulate(mixed, off, seed 1, 12 users, 40 steps) reproduces its pinned figures exactly', async () => {
    // Pinned figures: part of the contract. A change to the model that moves them is breaking.
    // `off` serves the recommender's ranking unchanged, so these depend on the simulator alone.
    const r = await simulate({ ...SMALL, policy: 'off' });
    const atRisk = r.cohorts['at-risk']!;
    const control = r.cohorts.control!;
    expect([atRisk.users, control.users, atRisk.impressions, control.impressions]).toEqual(
      PINNED.counts,
    );
    expect(atRisk.harmfulShare).toBe(PINNED.atRiskHarmfulShare);
    expect(atRisk.longestRun).toBe(PINNED.atRiskLongestRun);
    expect(control.harmfulShare).toBe(PINNED.controlHarmfulShare);
    expect(atRisk.wellbeing).toBe(PINNED.atRiskWellbeing);
  });

  it('simulate with workers: 2 gives the same report as workers: 1, bit for bit, and reports progress from the threads', async () => {
    const options = {
      scenario: 'mixed',
      policy: 'protective',
      seed: 5,
      users: 9,
      steps: 30,
    } as const;
    const one = await simulate({ ...options, workers: 1 });
    const progress: number[] = [];
    const two = await simulate({
      ...options,
      workers: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('simulate calls onProgress once per user, counting up to (users, users)', async () => {
    const calls: [number, number][] = [];
    await simulate({
      ...SMALL,
      users: 5,
      steps: 5,
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls).toEqual([1, 2, 3, 4, 5].map((d) => [d, 5]));
  });

  it('simulate reports only the cohorts its scenario has, with series and run lengths per cohort', async () => {
    const r = await simulate({
      scenario: 'rabbit-hole',
      policy: 'off',
      seed: 1,
      users: 3,
      steps: 20,
    });
    expect(Object.keys(r.cohorts)).toEqual(['at-risk']);
    expect(Object.keys(r.series)).toEqual(['at-risk']);
    expect(Object.keys(r.runLengths)).toEqual(['at-risk']);
    const s = r.series['at-risk']!;
    expect(s.step).toHaveLength(Math.ceil(20 / r.bucketSteps));
    expect(s.step.at(-1)).toBe(20);
    for (const key of ['activeMinutes', 'harmfulShare', 'recoveryShare', 'wellbeing'] as const)
      expect(s[key]).toHaveLength(s.step.length);
    expect(r.runLengths['at-risk']!.counts).toHaveLength(r.runLengths['at-risk']!.openFrom);
  });

  it('simulate accepts a scenario object and names the policy object custom', async () => {
    const scenario = { ...scenarios.control, name: 'tiny-control', users: 2, steps: 5 };
    const r = await simulate({
      scenario,
      policy: { levels: { none: { cap: { count: 1, window: 5 } } } },
      seed: 3,
    });
    expect([r.scenario, r.policy, r.users, r.steps]).toEqual(['tiny-control', 'custom', 2, 5]);
  });

  it.each([
    [{ ...SMALL, scenario: 'nope' }, 'scenario'],
    [{ ...SMALL, seed: 1.5 }, 'seed'],
    [{ ...SMALL, seed: -1 }, 'seed'],
    [{ ...SMALL, users: 0 }, 'users'],
    [{ ...SMALL, steps: 2.5 }, 'steps'],
    [{ ...SMALL, policy: 'nope' }, 'policy'],
    [{ ...SMALL, workers: 0 }, 'workers'],
    [
      {
        ...SMALL,
        scenario: {
          ...scenarios.mixed,
          cohorts: { control: { ...scenarios.control.cohorts.control!, share: 0.5 } },
        },
      },
      'scenario.cohorts',
    ],
    [
      {
        ...SMALL,
        scenario: {
          ...scenarios.control,
          cohorts: { control: { ...scenarios.control.cohorts.control!, wellbeing: [0.9, 0.1] } },
        },
      },
      'scenario.cohorts.control.wellbeing',
    ],
  ])(
    'simulate(%o) rejects with a RebalanceError argument at path %s naming simulate',
    async (options, path) => {
      const error = await simulate(options as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RebalanceError);
      expect((error as RebalanceError).code).toBe('argument');
      expect((error as RebalanceError).path).toBe(path);
      expect((error as RebalanceError).message).toMatch(/^simulate: /);
    },
  );

  it('simulate rejects a policy object that breaks a rule with the library’s policy error', async () => {
    const error = await simulate({ ...SMALL, policy: { minConfidence: 2 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RebalanceError);
    expect((error as RebalanceError).code).toBe('policy');
  });
});

const PINNED = {
  counts: [3, 9, 1200, 3600],
  atRiskHarmfulShare: 0.13333333333333333,
  atRiskLongestRun: 12,
  controlHarmfulShare: 0.014444444444444444,
  atRiskWellbeing: 0.4883538811066184,
};

describe('runParallel', () => {
  it('runParallel rejects with the worker’s error when a chunk fails, and the pool serves the next run', async () => {
    const spec = {
      ...runSpec({ scenario: 'mixed', seed: 1, users: 4, steps: 2 }),
      policyName: 'broken',
      policy: { minConfidence: 2 },
    };
    await expect(runParallel(spec, 2, () => undefined)).rejects.toThrow(/minConfidence/);
    const options = { scenario: 'mixed', policy: 'off', seed: 2, users: 4, steps: 5 } as const;
    expect(JSON.stringify(await simulate({ ...options, workers: 2 }))).toBe(
      JSON.stringify(await simulate({ ...options, workers: 1 })),
    );
  });
});
