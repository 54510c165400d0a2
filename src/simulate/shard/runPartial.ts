import { RebalanceError } from '../../index.js';
import type { UserResult } from '../metrics/UserResult.js';
import { NO_PARTS } from '../run/RunSpec.js';
import { checkThreadOptions, runPopulation } from '../run/runPopulation.js';
import type { CompareOptions, SimulateOptions } from '../types.js';
import { PARTIAL_FORMAT, PARTIAL_VERSION, type PartialResult } from './PartialResult.js';
import {
  COMPARE_RUN_KEYS,
  resolveCompareShard,
  resolveSimulateShard,
  SIMULATE_RUN_KEYS,
  type ShardableRun,
} from './runKinds.js';
import { checkShard, shardRange, type Shard } from './Shard.js';
import { encodeUserResult } from './userResultCodec.js';

/**
 * Runs shard `shard.index` of `shard.count` of a `simulate` run — the users of one contiguous
 * block — and returns its partial result, for `mergePartials` to combine with the other shards'
 * into exactly the report `simulate(options)` returns. Users are independent given their seeds,
 * so each shard runs on its own machine; `workers` and `onProgress` work per shard (progress
 * counts the shard's users). Not with the `collaborative` recommender, whose users learn from
 * each other, nor with a recommender or re-ranker object.
 *
 * @param options - the options of `simulate`, plain JSON apart from `onProgress`
 * @param shard - which shard of how many, numbered from 0
 * @returns the partial result, plain JSON
 * @throws RebalanceError with code `argument` for a bad shard, an option that cannot be sharded,
 *   or any option `simulate` refuses
 *
 * @example
 * ```ts
 * import { mergePartials, simulatePartial } from 'feed-rebalancer/simulate';
 * const options = { scenario: 'mixed', policy: 'balanced', seed: 1, users: 40, steps: 60 };
 * const parts = await Promise.all([0, 1, 2].map((index) => simulatePartial(options, { index, count: 3 })));
 * const report = mergePartials(parts); // the same as await simulate(options)
 * ```
 */
export function simulatePartial(options: SimulateOptions, shard: Shard): Promise<PartialResult> {
  return simulatePartialAs('simulatePartial', options, shard);
}

/**
 * {@link simulatePartial} with messages that start with `api`.
 *
 * @internal
 */
export async function simulatePartialAs(
  api: string,
  options: SimulateOptions,
  shard: Shard,
): Promise<PartialResult> {
  const checked = checkShard(api, shard, 'shard');
  const run = resolveSimulateShard(api, options);
  const json = plainRun(api, options, SIMULATE_RUN_KEYS, run, (o) =>
    resolveSimulateShard(api, o as unknown as SimulateOptions),
  );
  const units = await runShard(api, run, checked, options);
  return partial('simulate', run, json, checked, (k) => ({
    result: encodeUserResult(units[0]![k]!),
  }));
}

/**
 * Runs shard `shard.index` of `shard.count` of a `compare` run — every policy on the users of one
 * contiguous block — and returns its partial result. `mergePartials` combines the shards into
 * exactly the report `compare(options)` returns, bootstrap intervals included (they are drawn at
 * the merge, over all users).
 *
 * @param options - the options of `compare`, plain JSON apart from `onProgress`
 * @param shard - which shard of how many, numbered from 0
 * @returns the partial result, plain JSON
 * @throws RebalanceError with code `argument` for a bad shard, an option that cannot be sharded,
 *   or any option `compare` refuses
 *
 * @example
 * ```ts
 * import { comparePartial, mergePartials } from 'feed-rebalancer/simulate';
 * const options = { scenario: 'mixed', policies: ['off', 'protective'], seed: 1, users: 40, steps: 60 };
 * const parts = [await comparePartial(options, { index: 0, count: 2 }), await comparePartial(options, { index: 1, count: 2 })];
 * const report = mergePartials(parts); // the same as await compare(options)
 * ```
 */
export function comparePartial(options: CompareOptions, shard: Shard): Promise<PartialResult> {
  return comparePartialAs('comparePartial', options, shard);
}

/**
 * {@link comparePartial} with messages that start with `api`.
 *
 * @internal
 */
export async function comparePartialAs(
  api: string,
  options: CompareOptions,
  shard: Shard,
): Promise<PartialResult> {
  const checked = checkShard(api, shard, 'shard');
  const run = resolveCompareShard(api, options);
  const json = plainRun(api, options, COMPARE_RUN_KEYS, run, (o) =>
    resolveCompareShard(api, o as unknown as CompareOptions),
  );
  const units = await runShard(api, run, checked, options);
  return partial('compare', run, json, checked, (k) => ({
    results: units.map((policy) => encodeUserResult(policy[k]!)),
  }));
}

/** Simulates the shard's users under every policy of the run, in policy then user order. */
async function runShard(
  api: string,
  run: ShardableRun,
  shard: Shard,
  options: { readonly workers?: unknown; readonly onProgress?: unknown },
): Promise<UserResult[][]> {
  const { workers, onProgress } = checkThreadOptions(api, options.workers, options.onProgress);
  const range = shardRange(run.specs[0]!.users, shard);
  const total = (range.to - range.from) * run.specs.length;
  let done = 0;
  const results: UserResult[][] = [];
  for (const spec of run.specs) {
    const onUser = (): void => {
      done++;
      onProgress?.(done, total);
    };
    results.push(await runPopulation(spec, NO_PARTS, workers, onUser, range));
  }
  return results;
}

/**
 * The run's arguments as plain JSON. They must survive the trip through JSON unchanged — the
 * merge resolves the run from them — which the fingerprint of the round-tripped arguments checks.
 */
function plainRun(
  api: string,
  options: object,
  keys: readonly string[],
  run: ShardableRun,
  resolve: (options: Record<string, unknown>) => ShardableRun,
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) picked[key] = value;
  }
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(JSON.stringify(picked)) as Record<string, unknown>;
  } catch {
    // a BigInt or a cycle: not JSON at all
  }
  if (json === null || resolve(json).fingerprint !== run.fingerprint)
    throw new RebalanceError(
      'argument',
      `${api}: options must be plain JSON to be sharded (a value such as Infinity, -0 or undefined in an array does not survive JSON)`,
      '',
    );
  return json;
}

function partial(
  kind: string,
  run: ShardableRun,
  json: Record<string, unknown>,
  shard: Shard,
  payload: (k: number) => Record<string, unknown>,
): PartialResult {
  const { from, to } = shardRange(run.specs[0]!.users, shard);
  const units = [];
  for (let index = from; index < to; index++) units.push({ index, ...payload(index - from) });
  return {
    format: PARTIAL_FORMAT,
    version: PARTIAL_VERSION,
    kind,
    fingerprint: run.fingerprint,
    run: json,
    shard,
    units,
  };
}
