import { RebalanceError } from '../../errors/RebalanceError.js';
import { describeValue } from '../../errors/describe.js';
import { presets } from '../../index.js';
import type { PolicyInput } from '../../policy/types.js';
import type { NamedPolicy } from '../types.js';
import { resolveScenario } from './resolveScenario.js';
import { count, MAX_STEPS, MAX_USERS } from './count.js';
import { makeFeedPolicy } from './makeFeedPolicy.js';
import { bucketStepsFor, type RunSpec } from './RunSpec.js';

/** The options `simulate` and `compare` share, before the policy. @internal */
export interface RunOptions {
  readonly scenario: unknown;
  readonly seed: unknown;
  readonly users?: unknown;
  readonly steps?: unknown;
}

/**
 * Validates the shared options and the policy, and resolves them into a {@link RunSpec}. The
 * policy is checked by building a rebalancer with it here, in the calling thread, so a bad
 * policy fails fast with the library's own `policy` error before any worker starts.
 *
 * @param api - `simulate` or `compare`, for messages
 * @param options - the options
 * @param policy - a preset name, a policy object, or a named policy
 * @param policyPath - JSON path of the policy in the options
 * @returns the run
 * @throws RebalanceError with code `argument` (or `policy`) and the path of the offending option
 * @internal
 */
export function resolveRun(
  api: string,
  options: RunOptions,
  policy: unknown,
  policyPath: string,
): RunSpec {
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
  const { name, input } = resolvePolicy(api, policy, policyPath);
  makeFeedPolicy(input);
  return {
    seed,
    scenario,
    policyName: name,
    policy: input,
    users,
    steps,
    bucketSteps: bucketStepsFor(steps),
  };
}

/**
 * A preset name, a policy object (named `custom`) or a {@link NamedPolicy}, as name and input.
 *
 * @internal
 */
export function resolvePolicy(
  api: string,
  policy: unknown,
  path: string,
): { name: string; input: PolicyInput } {
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
    };
  }
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy))
    throw new RebalanceError(
      'argument',
      `${api}: ${path} must be a preset name or a policy object (got ${describeValue(policy)})`,
      path,
    );
  const named = policy as Partial<NamedPolicy>;
  if (typeof named.name === 'string' && typeof named.policy === 'object' && named.policy !== null)
    return { name: named.name, input: named.policy };
  return { name: 'custom', input: policy };
}
