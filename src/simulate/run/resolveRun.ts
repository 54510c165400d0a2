import { RebalanceError } from '../../errors/RebalanceError.js';
import { describeValue, joinPath } from '../../errors/describe.js';
import { presets } from '../../index.js';
import type { PolicyInput } from '../../policy/types.js';
import { scenarios } from '../scenarios.js';
import type { CohortProfile, NamedPolicy, Scenario } from '../types.js';
import { makeFeedPolicy } from './makeFeedPolicy.js';
import { bucketStepsFor, type RunSpec } from './RunSpec.js';

/** Largest population and run length accepted (memory stays bounded per worker). */
const MAX_USERS = 1_000_000;
const MAX_STEPS = 100_000;

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

function resolveScenario(api: string, scenario: unknown): Scenario {
  if (typeof scenario === 'string') {
    if (!Object.hasOwn(scenarios, scenario))
      throw new RebalanceError(
        'argument',
        `${api}: scenario must name a built-in scenario (${Object.keys(scenarios).join(', ')}) or be a scenario object (got ${describeValue(scenario)})`,
        'scenario',
      );
    return (scenarios as Readonly<Record<string, Scenario>>)[scenario]!;
  }
  if (typeof scenario !== 'object' || scenario === null)
    throw new RebalanceError(
      'argument',
      `${api}: scenario must be a name or a scenario object (got ${describeValue(scenario)})`,
      'scenario',
    );
  const s = scenario as Partial<Scenario>;
  if (typeof s.name !== 'string' || s.name === '')
    throw new RebalanceError(
      'argument',
      `${api}: scenario.name must be a non-empty string (got ${describeValue(s.name)})`,
      'scenario.name',
    );
  if (s.labels !== 'topics' && s.labels !== 'evasive')
    throw new RebalanceError(
      'argument',
      `${api}: scenario.labels must be 'topics' or 'evasive' (got ${describeValue(s.labels)})`,
      'scenario.labels',
    );
  count(api, 'scenario.users', s.users, undefined, MAX_USERS);
  count(api, 'scenario.steps', s.steps, undefined, MAX_STEPS);
  const cohorts = s.cohorts;
  if (typeof cohorts !== 'object' || cohorts === null)
    throw new RebalanceError(
      'argument',
      `${api}: scenario.cohorts must be an object (got ${describeValue(cohorts)})`,
      'scenario.cohorts',
    );
  let shares = 0;
  let present = 0;
  for (const cohort of ['at-risk', 'control'] as const) {
    const profile = cohorts[cohort];
    if (profile === undefined) continue;
    present++;
    shares += checkProfile(api, joinPath('scenario.cohorts', cohort), profile);
  }
  if (present === 0 || Math.abs(shares - 1) > 1e-9)
    throw new RebalanceError(
      'argument',
      `${api}: scenario.cohorts must hold 'at-risk' and/or 'control' with shares adding up to 1 (got ${present} cohorts, shares ${describeValue(shares)})`,
      'scenario.cohorts',
    );
  return s as Scenario;
}

function checkProfile(api: string, path: string, profile: unknown): number {
  if (typeof profile !== 'object' || profile === null)
    throw new RebalanceError(
      'argument',
      `${api}: ${path} must be an object (got ${describeValue(profile)})`,
      path,
    );
  const p = profile as Partial<CohortProfile>;
  if (typeof p.share !== 'number' || !(p.share > 0 && p.share <= 1))
    throw new RebalanceError(
      'argument',
      `${api}: ${path}.share must be a number in (0, 1] (got ${describeValue(p.share)})`,
      `${path}.share`,
    );
  for (const field of [
    'susceptibility',
    'wellbeing',
    'triggeringInterest',
    'recoveryInterest',
  ] as const) {
    const range: unknown = p[field];
    const ok =
      Array.isArray(range) &&
      range.length === 2 &&
      range.every((v) => typeof v === 'number' && v >= 0 && v <= 1) &&
      (range[0] as number) <= (range[1] as number);
    if (!ok)
      throw new RebalanceError(
        'argument',
        `${api}: ${path}.${field} must be [min, max] with 0 <= min <= max <= 1 (got ${describeValue(range)})`,
        `${path}.${field}`,
      );
  }
  if (typeof p.recoveryHistory !== 'boolean')
    throw new RebalanceError(
      'argument',
      `${api}: ${path}.recoveryHistory must be a boolean (got ${describeValue(p.recoveryHistory)})`,
      `${path}.recoveryHistory`,
    );
  return p.share;
}

function count(
  api: string,
  path: string,
  value: unknown,
  otherwise: number | undefined,
  max: number,
): number {
  if (value === undefined && otherwise !== undefined) return otherwise;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max)
    throw new RebalanceError(
      'argument',
      `${api}: ${path} must be an integer in [1, ${max}] (got ${describeValue(value)})`,
      path,
    );
  return value;
}
