import { RebalanceError } from '../../index.js';
import { describeValue, joinPath } from '../../errors/describe.js';
import { buildReport } from '../metrics/buildReport.js';
import {
  RESPONSE_BOUNDS,
  RESPONSE_KEYS,
  type ResponseConstants,
} from '../response/ResponseConstants.js';
import { resolveRun } from '../run/resolveRun.js';
import type { RunSpec } from '../run/RunSpec.js';
import { checkThreadOptions, runPopulation } from '../run/runPopulation.js';
import type { CohortName, NamedPolicy } from '../types.js';
import type {
  SensitivityOptions,
  SensitivityOutcome,
  SensitivityReport,
  SensitivityRow,
} from './sensitivityTypes.js';

const API = 'sensitivity';
const DEFAULT_POLICIES: readonly string[] = ['off', 'dispersion', 'balanced', 'protective'];

/**
 * One-at-a-time sensitivity of a comparison's conclusions to the response constants: every
 * constant is moved down and up by `change` (50% by default) on its own, the policies are run on
 * the same seed with the changed constants, and each run's order of the policies on harmful share
 * and on NDCG@10 retention (for one cohort) is compared with the baseline's. A conclusion that
 * keeps its order under every change is robust to the model's hand-set and fitted constants
 * within that range; one that flips is not. `renderReport` draws the result as tornado charts.
 *
 * @param options - scenario, policies, seed, sizes, the constants to vary and by how much
 * @returns the baseline and one row per constant
 * @throws RebalanceError with code `argument` (or `policy`) for a bad option, its `path` naming it
 *
 * @example
 * ```ts
 * import { sensitivity } from 'feed-rebalancer/simulate';
 * const s = await sensitivity({ scenario: 'mixed', seed: 1, users: 20, steps: 30, constants: ['damage', 'lingerMs'] });
 * for (const r of s.rows) console.log(r.constant, r.harmOrderChanged, r.ndcgOrderChanged);
 * ```
 */
export async function sensitivity(options: SensitivityOptions): Promise<SensitivityReport> {
  if (typeof options !== 'object' || options === null)
    throw new RebalanceError(
      'argument',
      `${API}: options must be an object (got ${describeValue(options)})`,
      '',
    );
  const policies = withOff(options.policies);
  const runs = policies.map((p, k) => resolveRun(API, options, p, joinPath('policies', k)).spec);
  const base = runs[0]!;
  const names = runs.map((r) => r.policyName);
  const constants = readConstants(options.constants);
  const change = options.change ?? 0.5;
  if (typeof change !== 'number' || !(change > 0 && change < 1))
    throw new RebalanceError(
      'argument',
      `${API}: change must be a number in (0, 1) (got ${describeValue(change)})`,
      'change',
    );
  const cohort = readCohort(options.cohort, base);
  const { workers, onProgress } = checkThreadOptions(API, options.workers, options.onProgress);
  const total = (1 + 2 * constants.length) * policies.length * base.users;
  let done = 0;
  const outcome = async (response: ResponseConstants): Promise<SensitivityOutcome> => {
    const metrics = [];
    for (const spec of runs) {
      const changed: RunSpec = { ...spec, response };
      const results = await runPopulation(
        changed,
        { recommender: null, rerank: null },
        workers,
        () => {
          done++;
          onProgress?.(done, total);
        },
      );
      metrics.push(buildReport(changed, results).cohorts[cohort]!);
    }
    return summarise(names, metrics);
  };
  const baseline = await outcome(base.response);
  const rows: SensitivityRow[] = [];
  for (const constant of constants) {
    const value = base.response[constant];
    const [min, max] = RESPONSE_BOUNDS[constant];
    const downValue = Math.max(min, value * (1 - change));
    const upValue = Math.min(max, value * (1 + change));
    const down = await outcome({ ...base.response, [constant]: downValue });
    const up = await outcome({ ...base.response, [constant]: upValue });
    rows.push({
      constant,
      base: value,
      downValue,
      upValue,
      down,
      up,
      harmOrderChanged:
        !same(down.harmOrder, baseline.harmOrder) || !same(up.harmOrder, baseline.harmOrder),
      ndcgOrderChanged:
        !same(down.ndcgOrder, baseline.ndcgOrder) || !same(up.ndcgOrder, baseline.ndcgOrder),
    });
  }
  return {
    scenario: base.scenario.name,
    seed: base.seed,
    users: base.users,
    steps: base.steps,
    cohort,
    change,
    policies: names,
    response: base.response,
    baseline,
    rows,
  };
}

function summarise(
  names: readonly string[],
  metrics: readonly { harmfulShare: number; ndcgRetention: number; watchMinutes: number | null }[],
): SensitivityOutcome {
  const harmfulShare = metrics.map((m) => m.harmfulShare);
  const ndcgRetention = metrics.map((m) => m.ndcgRetention);
  const order = (values: readonly number[], sign: 1 | -1): string[] =>
    names
      .map((_, k) => k)
      .sort((a, b) => sign * (values[a]! - values[b]!) || a - b)
      .map((k) => names[k]!);
  return {
    harmfulShare,
    ndcgRetention,
    watchMinutes: metrics.map((m) => m.watchMinutes),
    harmOrder: order(harmfulShare, 1),
    ndcgOrder: order(ndcgRetention, -1),
  };
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, k) => x === b[k]);
}

function withOff(policies: unknown): (string | NamedPolicy)[] {
  if (policies === undefined) return [...DEFAULT_POLICIES];
  if (!Array.isArray(policies) || policies.length === 0)
    throw new RebalanceError(
      'argument',
      `${API}: policies must be a non-empty array (got ${describeValue(policies)})`,
      'policies',
    );
  const list = policies as (string | NamedPolicy)[];
  const isOff = (p: string | NamedPolicy): boolean =>
    (typeof p === 'string' ? p : p?.name) === 'off';
  return ['off', ...list.filter((p) => !isOff(p))];
}

function readConstants(constants: unknown): (keyof ResponseConstants)[] {
  if (constants === undefined) return [...RESPONSE_KEYS];
  if (!Array.isArray(constants) || constants.length === 0)
    throw new RebalanceError(
      'argument',
      `${API}: constants must be a non-empty array of response constant names (got ${describeValue(constants)})`,
      'constants',
    );
  constants.forEach((c, k) => {
    if (typeof c !== 'string' || !(RESPONSE_KEYS as readonly string[]).includes(c))
      throw new RebalanceError(
        'argument',
        `${API}: constants[${k}] must name a response constant (${RESPONSE_KEYS.join(', ')}) (got ${describeValue(c)})`,
        joinPath('constants', k),
      );
  });
  return [...new Set(constants as (keyof ResponseConstants)[])];
}

function readCohort(cohort: unknown, spec: RunSpec): CohortName {
  const present: CohortName[] = (['at-risk', 'control'] as const).filter(
    (c) => spec.scenario.cohorts[c] !== undefined,
  );
  if (cohort === undefined) return present[0]!;
  if (typeof cohort !== 'string' || !(present as string[]).includes(cohort))
    throw new RebalanceError(
      'argument',
      `${API}: cohort must be a cohort of the scenario (${present.join(', ')}) (got ${describeValue(cohort)})`,
      'cohort',
    );
  return cohort as CohortName;
}
