/**
 * The policy tuner's cost per candidate policy, against one plain `compare` of the same size
 * (`off` and one policy, the same users, steps and resamples) timed in the same run:
 *
 * - wall time of `tune` per evaluated policy, as a ratio to one `compare` — below 1 because the
 *   tuner simulates `off` once and each candidate once, where `compare` simulates both;
 * - the search's own overhead per candidate (Gaussian-process fits, acquisition over the pool,
 *   bookkeeping: the tuner's time minus its evaluations'), as a ratio to one `compare`.
 *
 * Sizes are small so that the suite stays brief; the overhead grows with the budget (the
 * surrogates' Cholesky factorisations are cubic in the evaluations so far) while the evaluations'
 * cost grows with users and steps, so at real sizes the overhead's share is smaller.
 */
import {
  compare,
  finishTuning,
  planTuning,
  runRestart,
  type PolicyEvaluator,
  type TuneOptions,
} from '../src/simulate/index.js';
import { simulatorEvaluator } from '../src/simulate/tune/simulatorEvaluator.js';
import { figure, type BenchRow, type BenchSuite } from './harness.js';

const SIZE = {
  scenario: 'mixed',
  seed: 1,
  users: 60,
  steps: 40,
  resamples: 200,
  workers: 1,
} as const;
const BUDGET = 40;
const COMPARE_ROUNDS = 5;

function median(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeCompare(): Promise<number> {
  const t0 = performance.now();
  await compare({ ...SIZE, policies: ['off', 'balanced'] });
  return performance.now() - t0;
}

const suite: BenchSuite = {
  title: 'tune',
  async run() {
    const options: TuneOptions = {
      ...SIZE,
      objective: 'min at-risk.harmfulShare',
      constraints: ['control.ndcgRetention>=0.99', 'control.falseAlarmsPer1000<=1'],
      budget: BUDGET,
    };
    await timeCompare(); // warm-up: JIT and module loading
    const compares: number[] = [];
    for (let k = 0; k < COMPARE_ROUNDS; k++) compares.push(await timeCompare());
    const simulate = simulatorEvaluator('tune', options, SIZE.workers, SIZE.resamples);
    let evaluating = 0;
    const timed: PolicyEvaluator = async (policy) => {
      const t0 = performance.now();
      const out = await simulate(policy);
      evaluating += performance.now() - t0;
      return out;
    };
    const t0 = performance.now();
    const plan = planTuning(options, timed);
    finishTuning(plan, await runRestart(plan, 0));
    const total = performance.now() - t0;
    // Compare rounds after the tuning too, so a drift of the machine lands on both sides.
    for (let k = 0; k < COMPARE_ROUNDS; k++) compares.push(await timeCompare());
    const one = median(compares);
    const rows: BenchRow[] = [
      figure(
        `tune: wall time per evaluated policy (budget ${BUDGET}, ${SIZE.users} users × ${SIZE.steps} steps)`,
        total / BUDGET / one,
        '×',
        'one compare of off and one policy, same size',
      ),
      figure(
        'tune: search overhead per evaluated policy (surrogates, acquisition)',
        (total - evaluating) / BUDGET / one,
        '×',
        'one compare of off and one policy, same size',
      ),
      figure('one compare of off and one policy (median)', one, 'ms'),
    ];
    return rows;
  },
};

export default suite;
