import { RebalanceError } from '../../index.js';
import { joinPath } from '../../errors/describe.js';
import { InputReader } from '../../validate/reader.js';
import { finishComparison, resolveComparison } from '../compare.js';
import { buildReport } from '../metrics/buildReport.js';
import type { UserResult } from '../metrics/UserResult.js';
import { resolveRun } from '../run/resolveRun.js';
import { cohortOf, type RunParts, type RunSpec } from '../run/RunSpec.js';
import type { CompareOptions, SimulateOptions } from '../types.js';
import { fingerprint } from './fingerprint.js';
import type { OpenedRun, PartialKind } from './PartialResult.js';
import { decodeUserResult, type UserResultShape } from './userResultCodec.js';

/** The options of `simulate` that make up a partial's `run`: all but the thread options. */
export const SIMULATE_RUN_KEYS: readonly string[] = [
  'scenario',
  'policy',
  'seed',
  'users',
  'steps',
  'days',
  'recommender',
  'catalogue',
  'response',
  'pageSize',
  'candidates',
];
/** The options of `compare` that make up a partial's `run`. */
export const COMPARE_RUN_KEYS: readonly string[] = [
  ...SIMULATE_RUN_KEYS.filter((key) => key !== 'policy'),
  'policies',
  'resamples',
];

/**
 * A run of one or more policies on the same users, resolved for sharding: the specs, their
 * fingerprint and the comparison's resamples (`null` for `simulate`).
 *
 * @internal
 */
export interface ShardableRun {
  readonly specs: readonly RunSpec[];
  readonly resamples: number | null;
  readonly fingerprint: string;
}

/**
 * Resolves `simulate` options (or a partial's `run`) for sharding.
 *
 * @throws RebalanceError with code `argument` or `policy`
 * @internal
 */
export function resolveSimulateShard(api: string, options: SimulateOptions): ShardableRun {
  const { spec, parts } = resolveRun(api, options, options.policy, 'policy');
  refuseUnshardable(api, [spec], [parts]);
  return { specs: [spec], resamples: null, fingerprint: fingerprint({ kind: 'simulate', spec }) };
}

/**
 * Resolves `compare` options (or a partial's `run`) for sharding.
 *
 * @throws RebalanceError with code `argument` or `policy`
 * @internal
 */
export function resolveCompareShard(api: string, options: CompareOptions): ShardableRun {
  const { specs, parts, resamples } = resolveComparison(api, options);
  refuseUnshardable(api, specs, parts);
  return { specs, resamples, fingerprint: fingerprint({ kind: 'compare', specs, resamples }) };
}

/**
 * Users run independently given their seeds — except under the collaborative recommender, whose
 * users learn from each other's watches round by round: a shard of its users is not a part of
 * the whole run. Objects (a recommender, a re-ranker) are code the merge cannot check.
 */
function refuseUnshardable(
  api: string,
  specs: readonly RunSpec[],
  parts: readonly RunParts[],
): void {
  if (specs.some((spec) => spec.builtin === 'collaborative'))
    throw new RebalanceError(
      'argument',
      `${api}: the collaborative recommender cannot be sharded: its users learn from each other's watches, so a shard of its users is not a part of the whole run (run it whole on one machine with --workers; separate seeds can run as separate sweeps on separate machines)`,
      'recommender',
    );
  if (parts.some((p) => p.recommender !== null || p.rerank !== null))
    throw new RebalanceError(
      'argument',
      `${api}: a run with a recommender or re-ranker object cannot be sharded (a partial holds plain JSON arguments; use a built-in recommender and policies)`,
      parts.some((p) => p.recommender !== null) ? 'recommender' : 'policy',
    );
}

/** The lengths of every user's arrays in a run. */
function shapeOf(spec: RunSpec): UserResultShape {
  return { buckets: Math.ceil(spec.steps / spec.bucketSteps), probe: null };
}

/** Decodes one user's result and checks that it belongs to the cohort its index puts it in. */
function decodeUser(
  r: InputReader,
  value: unknown,
  path: string,
  spec: RunSpec,
  index: number,
): UserResult {
  const result = decodeUserResult(r, value, path, shapeOf(spec));
  const cohort = cohortOf(spec.scenario, index);
  if (result.cohort !== cohort)
    r.fail(joinPath(path, 'cohort'), `must be '${cohort}' for user ${index}`, result.cohort);
  return result;
}

/** Reads a partial's `run` as an object of the listed option keys only. */
function readRun(api: string, run: unknown, keys: readonly string[]): Record<string, unknown> {
  return new InputReader(api, 'argument', '').object(run, 'run', keys);
}

/** The `simulate` kind: one unit per user, `{ index, result }`. @internal */
export const SIMULATE_KIND: PartialKind = {
  open: (api, run): OpenedRun => {
    const resolved = resolveSimulateShard(
      api,
      readRun(api, run, SIMULATE_RUN_KEYS) as unknown as SimulateOptions,
    );
    const spec = resolved.specs[0]!;
    return {
      fingerprint: resolved.fingerprint,
      units: spec.users,
      unitFields: ['result'],
      decodeUnit: (r, fields, path, index) =>
        decodeUser(r, fields['result'], joinPath(path, 'result'), spec, index),
      finish: (units) => buildReport(spec, units as readonly UserResult[]),
    };
  },
};

/** The `compare` kind: one unit per user, `{ index, results }`, a result per policy. @internal */
export const COMPARE_KIND: PartialKind = {
  open: (api, run): OpenedRun => {
    const resolved = resolveCompareShard(
      api,
      readRun(api, run, COMPARE_RUN_KEYS) as unknown as CompareOptions,
    );
    const { specs } = resolved;
    return {
      fingerprint: resolved.fingerprint,
      units: specs[0]!.users,
      unitFields: ['results'],
      decodeUnit: (r, fields, path, index) => {
        const at = joinPath(path, 'results');
        const list = r.array(fields['results'], at, specs.length);
        if (list.length !== specs.length)
          r.fail(at, `must hold one result per policy (${specs.length})`, list);
        return list.map((value, k) => decodeUser(r, value, joinPath(at, k), specs[k]!, index));
      },
      finish: (units) => {
        const perUser = units as readonly (readonly UserResult[])[];
        const results = specs.map((_, k) => perUser.map((user) => user[k]!));
        return finishComparison(specs, results, resolved.resamples!);
      },
    };
  },
};
