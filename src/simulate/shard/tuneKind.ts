import { RebalanceError } from '../../index.js';
import { joinPath } from '../../errors/describe.js';
import { InputReader } from '../../validate/reader.js';
import { resolveRun } from '../run/resolveRun.js';
import { finishTuning } from '../tune/finishTuning.js';
import { DEFAULT_TUNE_RESAMPLES, planTuning, type TunePlan } from '../tune/planTuning.js';
import { restartBudget } from '../tune/runRestart.js';
import type { EvaluationRecord, TuneOptions } from '../tune/tuneTypes.js';
import { decodeEvaluation } from './evaluationCodec.js';
import { fingerprint } from './fingerprint.js';
import type { OpenedRun, PartialKind } from './PartialResult.js';
import type { Shard } from './Shard.js';

/** The options of `tune` that make up a partial's `run`: all but the thread options. @internal */
export const TUNE_RUN_KEYS: readonly string[] = [
  'scenario',
  'seed',
  'objective',
  'constraints',
  'budget',
  'restarts',
  'users',
  'steps',
  'resamples',
  'days',
  'recommender',
  'catalogue',
  'response',
  'pageSize',
  'candidates',
];

/**
 * A tuning resolved for sharding: its plan and the fingerprint of the plan with the world every
 * candidate runs in (the `off` run's resolved spec, defaults included) and the resamples.
 *
 * @internal
 */
export interface ShardableTuning {
  readonly plan: TunePlan;
  readonly fingerprint: string;
}

/**
 * Resolves `tune` options (or a partial's `run`) for sharding.
 *
 * @throws RebalanceError with code `argument` for any option `tune` refuses
 * @internal
 */
export function resolveTuneShard(options: TuneOptions): ShardableTuning {
  const plan = planTuning(options);
  const { spec } = resolveRun('tune', options, 'off', 'policy');
  const resamples = options.resamples ?? DEFAULT_TUNE_RESAMPLES;
  // The plan but its evaluator, which is code: the spec and resamples say what it runs.
  const { scenario, seed, users, steps, budget, restarts, objective, constraints } = plan;
  const resolved = { scenario, seed, users, steps, budget, restarts, objective, constraints };
  return { plan, fingerprint: fingerprint({ kind: 'tune', plan: resolved, spec, resamples }) };
}

/**
 * Checks that every shard of a tuning has a restart to run: a tuning of `R` restarts splits into
 * at most `R` shards.
 *
 * @throws RebalanceError with code `argument` and path `shard.count`
 * @internal
 */
export function checkTuneShards(api: string, plan: TunePlan, shard: Shard): void {
  if (shard.count > plan.restarts)
    throw new RebalanceError(
      'argument',
      `${api}: a tuning of ${plan.restarts} restart${plan.restarts === 1 ? '' : 's'} splits into at most ${plan.restarts} shards, one restart or more each (got ${shard.count} shards); raise restarts or use fewer shards`,
      'shard.count',
    );
}

/**
 * The `tune` kind: one unit per restart, `{ index, records }`, restart `r` in shard
 * `r mod count`.
 *
 * @internal
 */
export const TUNE_KIND: PartialKind = {
  open: (api, run): OpenedRun => {
    const options = new InputReader(api, 'argument', '').object(run, 'run', TUNE_RUN_KEYS);
    const { plan, fingerprint: digest } = resolveTuneShard(options as unknown as TuneOptions);
    return {
      fingerprint: digest,
      units: plan.restarts,
      assignment: 'round-robin',
      unitNoun: 'restarts',
      unitFields: ['records'],
      decodeUnit: (r, fields, path, restart) => {
        const at = joinPath(path, 'records');
        const budget = restartBudget(plan, restart);
        const list = r.array(fields['records'], at, budget);
        if (list.length !== budget)
          r.fail(at, `must hold the ${budget} evaluations of restart ${restart}`, list);
        return list.map((value, k) =>
          decodeEvaluation(r, value, joinPath(at, k), plan, restart, k),
        );
      },
      finish: (units) =>
        finishTuning(plan, (units as readonly (readonly EvaluationRecord[])[]).flat()),
    };
  },
};
