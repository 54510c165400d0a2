import { RebalanceError } from '../index.js';
import { describeValue, joinPath } from '../errors/describe.js';
import { buildReport } from './metrics/buildReport.js';
import { BOOTSTRAP_LEVEL, pairedDifferences } from './metrics/pairedDifferences.js';
import type { UserResult } from './metrics/UserResult.js';
import { resolveRun } from './run/resolveRun.js';
import type { NamedReranker } from './run/reranker.js';
import type { RunParts, RunSpec } from './run/RunSpec.js';
import { orderPolicies } from './run/orderPolicies.js';
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
  const run = resolveComparison(API, options);
  const { specs, parts, workers, onProgress } = run;
  const total = specs[0]!.users * specs.length;
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
  return finishComparison(specs, results, run.resamples);
}

/**
 * A comparison resolved from its options: one run per policy (`off` first), their parts, and
 * the thread and bootstrap options.
 *
 * @internal
 */
export interface ResolvedComparison {
  readonly specs: readonly RunSpec[];
  readonly parts: readonly RunParts[];
  readonly workers: number | undefined;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
  readonly resamples: number;
}

/**
 * Validates the options of `compare` and resolves them: what a whole comparison, one shard of
 * it, and the merge of its shards all start from.
 *
 * @param api - the public API, for messages
 * @param options - the options
 * @returns the resolved comparison
 * @throws RebalanceError with code `argument` or `policy`
 * @internal
 */
export function resolveComparison(api: string, options: CompareOptions): ResolvedComparison {
  const policies = orderPolicies<NamedPolicy | NamedReranker>(
    api,
    options?.policies,
    DEFAULT_POLICIES,
  );
  const runs = policies.map((policy, k) =>
    resolveRun(api, options, policy, joinPath('policies', k)),
  );
  const specs: RunSpec[] = runs.map((r) => r.spec);
  const parts: RunParts[] = runs.map((r) => r.parts);
  const names = specs.map((spec) => spec.policyName);
  const duplicate = names.find((name, k) => names.indexOf(name) !== k);
  if (duplicate !== undefined)
    throw new RebalanceError(
      'argument',
      `${api}: policies must have distinct names (got ${describeValue(duplicate)} twice)`,
      'policies',
    );
  const { workers, onProgress } = checkThreadOptions(
    api,
    options.workers,
    options.onProgress,
    parts,
  );
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > 100_000)
    throw new RebalanceError(
      'argument',
      `${api}: resamples must be an integer in [1, 100000] (got ${describeValue(resamples)})`,
      'resamples',
    );
  return { specs, parts, workers, onProgress, resamples };
}

/**
 * The comparison's report from every policy's per-user results (in user order, `off` first):
 * per-policy reports and the paired bootstrap differences.
 *
 * @internal
 */
export function finishComparison(
  specs: readonly RunSpec[],
  results: readonly (readonly UserResult[])[],
  resamples: number,
): ComparisonReport {
  const first = specs[0]!;
  return {
    seed: first.seed,
    scenario: first.scenario.name,
    users: first.users,
    steps: first.steps,
    policies: specs.map((spec) => spec.policyName),
    reports: specs.map((spec, k) => buildReport(spec, results[k]!)),
    differences: specs
      .slice(1)
      .map((spec, k) =>
        pairedDifferences(spec.policyName, results[k + 1]!, results[0]!, first.seed, resamples),
      ),
    bootstrap: { resamples, level: BOOTSTRAP_LEVEL },
  };
}
