import { presets, RebalanceError } from '../../index.js';
import type { PolicyInput } from '../../index.js';
import { describeValue } from '../../errors/describe.js';
import { FITTED } from '../calibration/fitted.js';
import { resolveResponse } from '../response/resolveResponse.js';
import type { Recommender } from '../recommender/types.js';
import type { NamedPolicy } from '../types.js';
import { resolveLabels } from '../world/labelModel.js';
import { resolveCatalogue } from '../world/resolveCatalogue.js';
import { count, MAX_STEPS, MAX_USERS } from './count.js';
import { makeFeedPolicy } from './prepareRun.js';
import type { NamedReranker, Reranker } from './reranker.js';
import { resolveScenario } from './resolveScenario.js';
import {
  bucketStepsFor,
  CANDIDATES,
  PAGE_SIZE,
  type BuiltinRecommender,
  type RunParts,
  type RunSpec,
} from './RunSpec.js';

/** The options `simulate` and `compare` share, before the policy. @internal */
export interface RunOptions {
  readonly scenario: unknown;
  readonly seed: unknown;
  readonly users?: unknown;
  readonly steps?: unknown;
  readonly days?: unknown;
  readonly recommender?: unknown;
  readonly catalogue?: unknown;
  readonly response?: unknown;
  readonly pageSize?: unknown;
  readonly candidates?: unknown;
}

/**
 * Validates the shared options and the policy, and resolves them into a {@link RunSpec} and the
 * parts that stay on the calling thread. A policy is checked by building a rebalancer with it
 * here, in the calling thread, so a bad policy fails fast with the library's own `policy` error
 * before any worker starts.
 *
 * @param api - `simulate` or `compare`, for messages
 * @param options - the options
 * @param policy - a preset name, a policy object, a named policy or a named re-ranker
 * @param policyPath - JSON path of the policy in the options
 * @returns the run and its parts
 * @throws RebalanceError with code `argument` (or `policy`) and the path of the offending option
 * @internal
 */
export function resolveRun(
  api: string,
  options: RunOptions,
  policy: unknown,
  policyPath: string,
): { spec: RunSpec; parts: RunParts } {
  if (typeof options !== 'object' || options === null)
    throw new RebalanceError(
      'argument',
      `${api}: options must be an object (got ${describeValue(options)})`,
      '',
    );
  const scenario = resolveScenario(api, options.scenario);
  const seed = options.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)
    throw new RebalanceError(
      'argument',
      `${api}: seed must be an integer in [0, 2^32) (got ${describeValue(seed)})`,
      'seed',
    );
  const users = count(api, 'users', options.users, scenario.users, MAX_USERS);
  const steps = count(api, 'steps', options.steps, scenario.steps, MAX_STEPS);
  const pageSize = count(api, 'pageSize', options.pageSize, PAGE_SIZE, 100);
  const candidates = count(api, 'candidates', options.candidates, CANDIDATES, 1_000);
  if (candidates < pageSize)
    throw new RebalanceError(
      'argument',
      `${api}: candidates must be at least pageSize (${pageSize}) (got ${candidates})`,
      'candidates',
    );
  const days = readDays(api, options.days ?? scenario.days);
  const { name, input, rerank } = resolvePolicy(api, policy, policyPath);
  makeFeedPolicy({ policy: input });
  const { builtin, recommender, recommenderName } = readRecommender(api, options.recommender);
  return {
    spec: {
      seed,
      scenario,
      labels: resolveLabels(api, scenario.labels),
      topics: resolveCatalogue(api, options.catalogue),
      response: resolveResponse(api, options.response),
      policyName: name,
      policy: input,
      users,
      steps,
      horizonMs: days === null ? null : days * 86_400_000,
      bucketSteps: bucketStepsFor(steps),
      pageSize,
      candidates,
      recommenderName,
      builtin,
      sampler: { learningRate: FITTED.learningRate, coldStartWatches: FITTED.coldStartWatches },
      protocol: null,
    },
    parts: { recommender, rerank },
  };
}

function readDays(api: string, days: unknown): number | null {
  if (days === undefined) return null;
  if (typeof days !== 'number' || !Number.isFinite(days) || days <= 0 || days > 3650)
    throw new RebalanceError(
      'argument',
      `${api}: days must be a number in (0, 3650] (got ${describeValue(days)})`,
      'days',
    );
  return days;
}

function readRecommender(
  api: string,
  value: unknown,
): {
  builtin: BuiltinRecommender | null;
  recommender: Recommender | null;
  recommenderName: string;
} {
  if (value === undefined || value === 'per-user')
    return { builtin: 'per-user', recommender: null, recommenderName: 'per-user' };
  if (value === 'collaborative')
    return { builtin: 'collaborative', recommender: null, recommenderName: 'collaborative' };
  const r = (typeof value === 'object' ? value : null) as Partial<Recommender> | null;
  if (
    typeof r !== 'object' ||
    r === null ||
    typeof r.name !== 'string' ||
    r.name === '' ||
    typeof r.forUser !== 'function' ||
    (r.endRound !== undefined && typeof r.endRound !== 'function')
  )
    throw new RebalanceError(
      'argument',
      `${api}: recommender must be 'per-user', 'collaborative' or an object with a name and forUser (and optionally endRound) (got ${describeValue(value)})`,
      'recommender',
    );
  return { builtin: null, recommender: r as Recommender, recommenderName: r.name };
}

/**
 * A preset name, a policy object (named `custom`), a {@link NamedPolicy} or a
 * {@link NamedReranker}, as name, policy input and re-ranker.
 *
 * @internal
 */
export function resolvePolicy(
  api: string,
  policy: unknown,
  path: string,
): { name: string; input: PolicyInput; rerank: Reranker | null } {
  if (typeof policy === 'string') {
    if (!Object.hasOwn(presets.policies, policy))
      throw new RebalanceError(
        'argument',
        `${api}: ${path} must name a preset (${Object.keys(presets.policies).join(', ')}) or be a policy object (got ${describeValue(policy)})`,
        path,
      );
    return {
      name: policy,
      input: (presets.policies as Readonly<Record<string, PolicyInput>>)[policy]!,
      rerank: null,
    };
  }
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy))
    throw new RebalanceError(
      'argument',
      `${api}: ${path} must be a preset name or a policy object (got ${describeValue(policy)})`,
      path,
    );
  const named = policy as Partial<NamedPolicy & NamedReranker>;
  if (typeof named.name === 'string' && 'rerank' in named) {
    if (typeof named.rerank !== 'function' || named.name === '')
      throw new RebalanceError(
        'argument',
        `${api}: ${path}.rerank must be a function (request) => { slots } (got ${describeValue(named.rerank)})`,
        `${path}.rerank`,
      );
    return { name: named.name, input: named.policy ?? presets.policies.off, rerank: named.rerank };
  }
  if (typeof named.name === 'string' && typeof named.policy === 'object' && named.policy !== null)
    return { name: named.name, input: named.policy, rerank: null };
  return { name: 'custom', input: policy, rerank: null };
}
