import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRebalancer, presets, RebalanceError, type PolicyInput } from '../../src/index.js';
import {
  compare,
  finishTuning,
  planTuning,
  runRestart,
  tune,
  type PolicyEvaluator,
  type TuneOptions,
} from '../../src/simulate/index.js';
import { restartBudget } from '../../src/simulate/tune/runRestart.js';
import {
  policyAt,
  SEARCH_SPACE,
  settingsAt,
  snapToGrid,
} from '../../src/simulate/tune/searchSpace.js';
import {
  evaluationFromComparison,
  simulatorEvaluator,
} from '../../src/simulate/tune/simulatorEvaluator.js';

const TINY: TuneOptions = {
  scenario: 'mixed',
  seed: 3,
  users: 6,
  steps: 8,
  resamples: 20,
  objective: 'min at-risk.harmfulShare',
  constraints: ['control.ndcgRetention>=0.99'],
  budget: 5,
};

/**
 * A synthetic evaluator, cheap and known by construction: harm falls as the threshold h falls
 * and the sustained window grows; relevance falls with the sustained window.
 */
const synthetic: PolicyEvaluator = (policy: PolicyInput) => {
  const h = (policy.detection as { h: number }).h;
  const w = policy.levels!.sustained!.cap!.window;
  const harm = 0.05 * h + 0.3 / w;
  const ndcg = 1 - 0.002 * w;
  const d = (v: number) => ({ estimate: v, low: v - 0.01, high: v + 0.01 });
  return Promise.resolve({
    cohorts: { 'at-risk': { harmfulShare: harm }, control: { ndcgRetention: ndcg } } as never,
    differences: {
      'at-risk': { harmfulShare: d(-0.1) },
      control: { ndcgRetention: d(-0.001) },
    } as never,
  });
};

const unitPoint = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
  minLength: SEARCH_SPACE.length,
  maxLength: SEARCH_SPACE.length,
});

describe('search space', () => {
  it('policyAt(x) is a valid policy for every point of the unit cube, the same at its snapped point', () => {
    fc.assert(
      fc.property(unitPoint, (x) => {
        const policy = policyAt(x);
        createRebalancer({ taxonomy: presets.taxonomies.default, policy });
        const snapped = snapToGrid(x);
        expect(snapToGrid(snapped)).toEqual(snapped);
        expect(policyAt(snapped)).toEqual(policy);
        const s = settingsAt(x);
        for (const d of SEARCH_SPACE) {
          expect(s[d.name]).toBeGreaterThanOrEqual(d.low);
          expect(s[d.name]).toBeLessThanOrEqual(d.high + 1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the corners of the cube reach both ends of every dimension', () => {
    const low = settingsAt(SEARCH_SPACE.map(() => 0));
    const high = settingsAt(SEARCH_SPACE.map(() => 0.999999));
    for (const d of SEARCH_SPACE) expect([low[d.name], high[d.name]]).toEqual([d.low, d.high]);
  });
});

describe('tune', () => {
  it('simulatorEvaluator(policy) gives what compare reports for the same policy against off', async () => {
    const policy = policyAt(SEARCH_SPACE.map(() => 0.3));
    const evaluate = simulatorEvaluator('tune', TINY, 1, 20);
    const c = await compare({
      ...TINY,
      workers: 1,
      policies: ['off', { name: 'candidate', policy }],
    });
    // Asked twice: the second call reuses the off run and must still agree.
    expect(await evaluate(policyAt(SEARCH_SPACE.map(() => 0.7)))).toBeDefined();
    expect(await evaluate(policy)).toEqual(evaluationFromComparison(c, 'candidate'));
  });

  it('tune(options) is deterministic for a seed and counts every evaluation in onProgress', async () => {
    const progress: number[] = [];
    const a = await tune({ ...TINY, onProgress: (done, total) => progress.push(done, total) });
    const b = await tune(TINY);
    expect(b).toEqual(a);
    expect(a.records).toHaveLength(5);
    expect(progress).toEqual([1, 5, 2, 5, 3, 5, 4, 5, 5, 5]);
    const c = await tune({ ...TINY, seed: 4 });
    expect(c.records.map((r) => r.x)).not.toEqual(a.records.map((r) => r.x));
  });

  it('finishTuning over restarts run apart and handed over in any order equals tune', async () => {
    const options = { ...TINY, budget: 5, restarts: 2 };
    const plan = planTuning(options);
    expect([restartBudget(plan, 0), restartBudget(plan, 1)]).toEqual([3, 2]);
    const second = await runRestart(plan, 1);
    const first = await runRestart(plan, 0);
    // Records travel between machines as JSON.
    const merged = JSON.parse(JSON.stringify([...second, ...first])) as typeof first;
    expect(finishTuning(plan, merged)).toEqual(await tune(options));
    expect(() => finishTuning(plan, [...first, first[0]!])).toThrow(RebalanceError);
    await expect(runRestart(plan, 2)).rejects.toThrow(/restart must be/);
  });

  it('finishTuning chooses the feasible record with the best objective and fronts the non-dominated ones', async () => {
    const plan = planTuning(
      { ...TINY, budget: 24, constraints: ['control.ndcgRetention>=0.985'] },
      synthetic,
    );
    const result = finishTuning(plan, await runRestart(plan, 0));
    const feasible = result.records.filter((r) => r.feasible);
    expect(feasible.length).toBeGreaterThan(0);
    for (const r of result.records) expect(r.feasible).toBe(r.constraints[0]!.value! >= 0.985);
    const best = Math.min(...feasible.map((r) => r.objective.value!));
    expect(result.chosen).not.toBeNull();
    const chosen = result.records[result.chosen!.record]!;
    expect(chosen.objective.value).toBe(best);
    expect(result.chosen!.policy).toEqual(chosen.policy);
    // Intervals: the difference's interval shifted to the value.
    expect(chosen.objective.low).toBeCloseTo(chosen.objective.value! - 0.01, 12);
    // The front: no record beats a front record on harm and relevance at once.
    for (const i of result.front) {
      const a = result.records[i]!;
      for (const b of result.records)
        expect(
          b.objective.value! <= a.objective.value! &&
            b.constraints[0]!.value! >= a.constraints[0]!.value! &&
            (b.objective.value! < a.objective.value! ||
              b.constraints[0]!.value! > a.constraints[0]!.value!),
        ).toBe(false);
    }
    expect(result.front).toContain(result.chosen!.record);
  });

  it('finishTuning chooses nothing when no record meets the constraints', async () => {
    const plan = planTuning(
      { ...TINY, budget: 4, constraints: ['control.ndcgRetention>=2'] },
      synthetic,
    );
    const result = finishTuning(plan, await runRestart(plan, 0));
    expect(result.chosen).toBeNull();
    expect(result.records.every((r) => !r.feasible)).toBe(true);
  });
});
