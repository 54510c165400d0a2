import { RebalanceError } from '../../index.js';
import { restartBudget, runRestart } from '../tune/runRestart.js';
import type { TuneOptions } from '../tune/tuneTypes.js';
import { encodeEvaluation } from './evaluationCodec.js';
import { PARTIAL_FORMAT, PARTIAL_VERSION, type PartialResult } from './PartialResult.js';
import { checkShard, shardUnits, type Shard } from './Shard.js';
import { checkTuneShards, resolveTuneShard, TUNE_RUN_KEYS } from './tuneKind.js';

/**
 * Runs shard `shard.index` of `shard.count` of a `tune` run — the restarts `r` with
 * `r mod shard.count = shard.index` — and returns its partial result, for `mergePartials` to
 * combine with the other shards' into exactly the result `tune(options)` returns. Restarts are
 * independent given the seed, so each runs on its own machine; a tuning of `R` restarts splits
 * into at most `R` shards. `onProgress` counts the shard's evaluations.
 *
 * @param options - the options of `tune`, plain JSON apart from `onProgress`
 * @param shard - which shard of how many, numbered from 0
 * @returns the partial result, plain JSON
 * @throws RebalanceError with code `argument` for a bad shard, more shards than restarts, an
 *   option that is not plain JSON, or any option `tune` refuses
 *
 * @example
 * ```ts
 * import { mergePartials, tunePartial } from 'feed-rebalancer/simulate';
 * const options = { scenario: 'mixed', seed: 1, users: 20, steps: 20, objective: 'min at-risk.harmfulShare', budget: 12, restarts: 3 };
 * const parts = await Promise.all([0, 1, 2].map((index) => tunePartial(options, { index, count: 3 })));
 * const result = mergePartials(parts); // the same as await tune(options)
 * ```
 */
export function tunePartial(options: TuneOptions, shard: Shard): Promise<PartialResult> {
  return tunePartialAs('tunePartial', options, shard);
}

/**
 * {@link tunePartial} with messages that start with `api`.
 *
 * @internal
 */
export async function tunePartialAs(
  api: string,
  options: TuneOptions,
  shard: Shard,
): Promise<PartialResult> {
  const checked = checkShard(api, shard, 'shard');
  const { plan, fingerprint } = resolveTuneShard(options);
  checkTuneShards(api, plan, checked);
  const run = plainTuneRun(api, options, fingerprint);
  const mine = shardUnits(plan.restarts, checked, 'round-robin');
  let total = 0;
  for (let u = 0; u < mine.count; u++) total += restartBudget(plan, mine.indexAt(u));
  let done = 0;
  const units = [];
  for (let u = 0; u < mine.count; u++) {
    const index = mine.indexAt(u);
    const records = await runRestart(plan, index, () => {
      done++;
      options.onProgress?.(done, total);
    });
    units.push({ index, records: records.map(encodeEvaluation) });
  }
  return {
    format: PARTIAL_FORMAT,
    version: PARTIAL_VERSION,
    kind: 'tune',
    fingerprint,
    run,
    shard: checked,
    units,
  };
}

/** The options as plain JSON, which must resolve to the same fingerprint after the trip. */
function plainTuneRun(
  api: string,
  options: TuneOptions,
  expected: string,
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of TUNE_RUN_KEYS) {
    const value = (options as unknown as Record<string, unknown>)[key];
    if (value !== undefined) picked[key] = value;
  }
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(JSON.stringify(picked)) as Record<string, unknown>;
  } catch {
    // a BigInt or a cycle: not JSON at all
  }
  if (json === null || resolveTuneShard(json as unknown as TuneOptions).fingerprint !== expected)
    throw new RebalanceError(
      'argument',
      `${api}: options must be plain JSON to be sharded (a scenario, recommender or catalogue given as an object with code, or a value such as Infinity, does not survive JSON)`,
      '',
    );
  return json;
}
