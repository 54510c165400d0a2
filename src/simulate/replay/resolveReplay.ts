import { createRebalancer, presets, RebalanceError } from '../../index.js';
import type { Item, PolicyInput, Rebalancer } from '../../index.js';
import { describeValue, joinPath } from '../../errors/describe.js';
import { readItem } from '../../item/readItem.js';
import { LIMITS } from '../../validate/limits.js';
import type { CohortName, NamedPolicy } from '../types.js';
import { REPLAY } from './readRecord.js';
import type { ReplayOptions } from './types.js';
import { orderPolicies } from '../run/orderPolicies.js';

/** Policies replayed when the options do not say. @internal */
export const DEFAULT_REPLAY_POLICIES: readonly string[] = ['off', 'balanced', 'protective'];
/** Items served per request when the options do not say. */
const DEFAULT_K = 10;
/** Bootstrap resamples when the options do not say. */
const DEFAULT_RESAMPLES = 1000;

/**
 * The options of `replay`, checked and resolved: the policies' rebalancers (default taxonomy),
 * the metrics' classifier, the cohorts and the sizes.
 *
 * @internal
 */
export interface ResolvedReplay {
  readonly names: readonly string[];
  readonly rebalancers: readonly Rebalancer[];
  readonly isHarmful: (item: Item) => boolean;
  readonly k: number;
  readonly seed: number;
  readonly resamples: number;
  readonly recovery: readonly Item[];
  readonly referenceDwellMs: number;
  /** Each user's cohort; `null` leaves the user out. */
  readonly cohortOf: (user: string) => CohortName | null;
  readonly labelled: boolean;
}

/**
 * Checks and resolves the options of `replay` (all but the log).
 *
 * @throws RebalanceError with code `argument` naming the option, or `policy` for a policy object
 *   that breaks a rule
 * @internal
 */
export function resolveReplay(options: Omit<ReplayOptions, 'log'>): ResolvedReplay {
  if (typeof options !== 'object' || options === null)
    throw new RebalanceError(
      'argument',
      `${REPLAY}: options must be an object (got ${describeValue(options)})`,
      '',
    );
  const policies = orderPolicies<NamedPolicy>(REPLAY, options.policies, DEFAULT_REPLAY_POLICIES);
  const names = policies.map((p) => (typeof p === 'string' ? p : p.name));
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined)
    throw new RebalanceError(
      'argument',
      `${REPLAY}: policies must have distinct names (got ${describeValue(duplicate)} twice)`,
      'policies',
    );
  const rebalancers = policies.map((p, i) =>
    createRebalancer({
      taxonomy: presets.taxonomies.default,
      policy: policyOf(p, joinPath('policies', i)),
    }),
  );
  const baseline = rebalancers[0]!;
  const k = integer(options.k, 'k', DEFAULT_K, 1, 100);
  const labels = readLabels(options.labels);
  return {
    names,
    rebalancers,
    isHarmful: harmfulBy(baseline),
    k,
    seed: integer(options.seed, 'seed', 1, 0, 2 ** 32 - 1),
    resamples: integer(options.resamples, 'resamples', DEFAULT_RESAMPLES, 1, 100_000),
    recovery: readRecovery(options.recovery),
    referenceDwellMs: baseline.policy.exposure.referenceDwellMs,
    cohortOf: labels === null ? () => 'at-risk' : (user) => labels.get(user) ?? null,
    labelled: labels !== null,
  };
}

/**
 * An item is harmful, for the metrics, when the default taxonomy finds it triggering for some
 * group at or above the baseline policy's confidence threshold for that group.
 */
function harmfulBy(rb: Rebalancer): (item: Item) => boolean {
  return (item) => {
    const triggering = rb.classify(item).triggering;
    for (const group of Object.keys(triggering)) {
      const threshold = (rb.policy.groups[group] ?? rb.policy).minConfidence;
      if (triggering[group]! >= threshold) return true;
    }
    return false;
  };
}

function policyOf(p: string | NamedPolicy, path: string): PolicyInput {
  if (typeof p === 'string') {
    if (!Object.hasOwn(presets.policies, p))
      throw new RebalanceError(
        'argument',
        `${REPLAY}: ${path} must be a preset name (${Object.keys(presets.policies).join(', ')}) or a named policy (got ${describeValue(p)})`,
        path,
      );
    return presets.policies[p as keyof typeof presets.policies];
  }
  if (typeof p !== 'object' || p === null || typeof p.name !== 'string' || p.name === '')
    throw new RebalanceError(
      'argument',
      `${REPLAY}: ${path} must be a preset name or a { name, policy } object (got ${describeValue(p)})`,
      path,
    );
  return p.policy;
}

function integer(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new RebalanceError(
      'argument',
      `${REPLAY}: ${name} must be an integer in [${min}, ${max}] (got ${describeValue(value)})`,
      name,
    );
  return value;
}

function readLabels(labels: unknown): Map<string, CohortName> | null {
  if (labels === undefined) return null;
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels))
    throw new RebalanceError(
      'argument',
      `${REPLAY}: labels must be an object from user id to 'at-risk' or 'control' (got ${describeValue(labels)})`,
      'labels',
    );
  const keys = Object.keys(labels);
  if (keys.length > LIMITS.storeUsers)
    throw new RebalanceError(
      'argument',
      `${REPLAY}: labels must name at most ${LIMITS.storeUsers} users (got ${keys.length})`,
      'labels',
    );
  const map = new Map<string, CohortName>();
  for (const user of keys) {
    const cohort = (labels as Record<string, unknown>)[user];
    if (cohort !== 'at-risk' && cohort !== 'control')
      throw new RebalanceError(
        'argument',
        `${REPLAY}: ${joinPath('labels', user)} must be 'at-risk' or 'control' (got ${describeValue(cohort)})`,
        joinPath('labels', user),
      );
    map.set(user, cohort);
  }
  return map;
}

function readRecovery(recovery: unknown): readonly Item[] {
  if (recovery === undefined) return [];
  if (!Array.isArray(recovery) || recovery.length > LIMITS.recoveryPool)
    throw new RebalanceError(
      'argument',
      `${REPLAY}: recovery must be an array of at most ${LIMITS.recoveryPool} items (got ${describeValue(recovery)})`,
      'recovery',
    );
  for (let i = 0; i < recovery.length; i++)
    readItem(recovery[i], { api: REPLAY, path: 'recovery', index: i, code: 'argument' });
  return recovery as Item[];
}
