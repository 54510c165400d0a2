import { RebalanceError } from '../index.js';
import { describeValue, joinPath } from '../errors/describe.js';
import { buildReport } from './metrics/buildReport.js';
import { BOOTSTRAP_LEVEL, pairedDifferences } from './metrics/pairedDifferences.js';
import type { UserResult } from './metrics/UserResult.js';
import { resolveRun } from './run/resolveRun.js';
import type { NamedReranker } from './run/reranker.js';
import type { RunParts, RunSpec } from './run/RunSpec.js';
import { checkThreadOptions, runPopulation } from './run/runPopulation.js';
import type { CompareOptions, ComparisonReport, NamedPolicy } from './types.js';

const API = 'compare';
/** The policies compared when the options do not say. */
const DEFAULT_POLICIES: readonly string[] = ['off', 'dispersion', 'balanced', 'protective'];
/** Bootstrap resamples when the options do not say. */
const DEFAULT_RESAMPLES = 1000;

/**
 * Compares policies on one scenario, paired: every policy runs on the same users with the same
 * seeds, and each one's metrics are differenced against `off` per cohort, with seeded
 * percentile-bootstrap 95% confidence intervals over users. Deterministic for a seed, like
 * `simulate`.
 *
 * @param options - scenario, policies, seed, and optionally users, steps, days, workers, resamples,
 *   onProgress, and the world's parts (recommender, catalogue, response, pageSize, candidates)
 * @returns one report per policy and the paired differences
 * @throws RebalanceError with code `argument` for a bad option (its `path` names it), or `policy`
 *   for a policy object that breaks a rule
 *
 * @example
 * ```ts
 * import { compare } from 'feed-rebalancer/simulate';
 * const c = await compare({ scenario: 'mixed', policies: ['off', 'balanced', 'protective'], seed: 1, users: 100, steps: 120 });
 * const d = c.differences.find((x) => x.policy === 'protective')?.cohorts['at-risk']?.harmfulShare;
 * console.log(d?.estimate, [d?.low, d?.high]);
 * ```
 */
export async function compare(options: CompareOptions): Promise<ComparisonReport> {
  const policies = orderPolicies(options?.policies);
  const runs = policies.map((policy, k) =>
    resolveRun(API, options, policy, joinPath('policies', k)),
  );
  const specs: RunSpec[] = runs.map((r) => r.spec);
  const parts: RunParts[] = runs.map((r) => r.parts);
  const names = specs.map((spec) => spec.policyName);
  const duplicate = names.find((name, k) => names.indexOf(name) !== k);
  if (duplicate !== undefined)
    throw new RebalanceError(
      'argument',
      `${API}: policies must have distinct names (got ${describeValue(duplicate)} twice)`,
      'policies',
    );
  const { workers, onProgress } = checkThreadOptions(
    API,
    options.workers,
    options.onProgress,
    parts,
  );
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > 100_000)
    throw new RebalanceError(
      'argument',
      `${API}: resamples must be an integer in [1, 100000] (got ${describeValue(resamples)})`,
      'resamples',
    );
  const first = specs[0]!;
  const total = first.users * specs.length;
  let done = 0;
  const results: UserResult[][] = [];
  for (let k = 0; k < specs.length; k++) {
    results.push(
      await runPopulation(specs[k]!, parts[k]!, workers, () => {
        done++;
        onProgress?.(done, total);
      }),
    );
  }
  return {
    seed: first.seed,
    scenario: first.scenario.name,
    users: first.users,
    steps: first.steps,
    policies: names,
    reports: specs.map((spec, k) => buildReport(spec, results[k]!)),
    differences: specs
      .slice(1)
      .map((spec, k) =>
        pairedDifferences(spec.policyName, results[k + 1]!, results[0]!, first.seed, resamples),
      ),
    bootstrap: { resamples, level: BOOTSTRAP_LEVEL },
  };
}

/** The policies with `off` first (added when missing), the others in their given order. */
function orderPolicies(policies: unknown): (string | NamedPolicy | NamedReranker)[] {
  if (policies === undefined) return [...DEFAULT_POLICIES];
  if (!Array.isArray(policies) || policies.length === 0)
    throw new RebalanceError(
      'argument',
      `${API}: policies must be a non-empty array (got ${describeValue(policies)})`,
      'policies',
    );
  const list = policies as (string | NamedPolicy | NamedReranker)[];
  const isOff = (p: string | NamedPolicy | NamedReranker): boolean =>
    (typeof p === 'string' ? p : p?.name) === 'off';
  const off = list.find(isOff);
  if (off !== undefined && typeof off !== 'string')
    throw new RebalanceError(
      'argument',
      `${API}: the name 'off' is kept for the baseline preset every difference refers to (got a policy object named 'off')`,
      joinPath('policies', list.indexOf(off)),
    );
  return ['off', ...list.filter((p) => !isOff(p))];
}
