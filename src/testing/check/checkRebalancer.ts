import fc from 'fast-check';
import { createRebalancer, presets, RebalanceError } from '../../index.js';
import type { Rebalancer } from '../../facade/types.js';
import { arbitraries } from '../arbitraries/index.js';
import { ALL_GUARANTEES } from '../guarantees/index.js';
import type {
  CheckOptions,
  CheckResult,
  GuaranteeNumber,
  RebalanceCase,
  RebalanceTarget,
} from '../types.js';
import { evaluateCase, type CaseFailure } from './evaluateCase.js';
import { guaranteeName } from './GuaranteeViolation.js';

/** Carries a failure out of the fast-check property so that it survives shrinking. */
class Failure extends Error {
  constructor(readonly failure: CaseFailure) {
    super(failure.message);
  }
}

function isRebalancer(target: RebalanceTarget): target is Rebalancer {
  return typeof target === 'object' && target !== null && typeof target.rebalance === 'function';
}

function readGuarantees(
  list: readonly GuaranteeNumber[] | undefined,
  api: string,
): readonly GuaranteeNumber[] {
  if (list === undefined) return ALL_GUARANTEES;
  if (!Array.isArray(list))
    throw new RebalanceError(
      'argument',
      `${api}: options.guarantees must be an array of guarantee numbers 1–8`,
      'guarantees',
    );
  list.forEach((g: unknown, i) => {
    if (typeof g !== 'number' || !Number.isInteger(g) || g < 1 || g > 8)
      throw new RebalanceError(
        'argument',
        `${api}: options.guarantees[${i}] must be a guarantee number from 1 to 8 (got ${String(g)})`,
        `guarantees[${i}]`,
      );
  });
  return list as readonly GuaranteeNumber[];
}

/**
 * Property-checks a re-ranker against the eight guarantees of docs/guarantees.md: generates
 * requests (candidate lists, recovery pools, states reached by observing streams of impressions
 * and "see less" feedback with the reference engine), runs the target on each, and applies the
 * chosen guarantee checks and your own properties. On failure fast-check shrinks the request to
 * a small counterexample.
 *
 * The reference engine — whose classification, policy and assessment the target must honour —
 * is the target itself when it is a Rebalancer, otherwise one built from `options.taxonomy`
 * and `options.policy`.
 *
 * @param target - a Rebalancer, or a function `(request) => result` of the same shape
 * @param options - taxonomy, policy, number of runs, seed, guarantees and extra properties
 * @returns `{ ok: true }`, or the first broken guarantee with a shrunk counterexample, the seed
 *   to replay it and a message
 * @throws RebalanceError with code `argument` for options it cannot use, or code `policy` /
 *   `taxonomy` when the reference engine cannot be built from them
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { checkRebalancer } from 'feed-rebalancer/testing';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.protective });
 * const result = checkRebalancer(rb, { numRuns: 200, guarantees: [1, 2, 4] });
 * if (!result.ok) console.log(result.guarantee, result.message, result.seed);
 * ```
 */
export function checkRebalancer(target: RebalanceTarget, options: CheckOptions = {}): CheckResult {
  const r = checkRebalancerDetailed(target, options, 'checkRebalancer');
  if (r.ok) return r;
  return {
    ok: false,
    guarantee: r.guarantee,
    counterexample: r.counterexample,
    seed: r.seed,
    message: r.message,
  };
}

/**
 * {@link checkRebalancer} with the failure's reason apart from its headline.
 *
 * @internal
 */
export function checkRebalancerDetailed(
  target: RebalanceTarget,
  options: CheckOptions,
  api: string,
): CheckResult & ({ ok: true } | { ok: false; reason: string }) {
  const guarantees = readGuarantees(options.guarantees, api);
  const numRuns = options.numRuns ?? 100;
  if (!Number.isInteger(numRuns) || numRuns < 1)
    throw new RebalanceError(
      'argument',
      `${api}: options.numRuns must be an integer >= 1 (got ${String(numRuns)})`,
      'numRuns',
    );
  if (options.seed !== undefined && !Number.isInteger(options.seed))
    throw new RebalanceError(
      'argument',
      `${api}: options.seed must be an integer (got ${String(options.seed)})`,
      'seed',
    );
  const properties = options.properties ?? [];
  const reference = isRebalancer(target)
    ? target
    : createRebalancer({
        taxonomy: options.taxonomy ?? presets.taxonomies.default,
        policy: options.policy ?? presets.policies.balanced,
      });
  const cases = arbitraries.rebalanceCase(
    reference,
    options.taxonomy === undefined ? {} : { taxonomy: options.taxonomy },
  );
  const property = fc.property(cases, (c: RebalanceCase) => {
    const failure = evaluateCase(reference, target, c, guarantees, properties);
    if (failure !== null) throw new Failure(failure);
  });
  const details = fc.check(
    property,
    options.seed === undefined ? { numRuns } : { numRuns, seed: options.seed },
  );
  if (!details.failed || details.counterexample === null) return { ok: true };
  const error = details.errorInstance;
  const failure: CaseFailure =
    error instanceof Failure
      ? error.failure
      : { guarantee: 'error', message: error instanceof Error ? error.message : String(error) };
  return {
    ok: false,
    guarantee: failure.guarantee,
    counterexample: details.counterexample[0],
    seed: details.seed,
    message: `${guaranteeName(failure.guarantee)} does not hold: ${failure.message}`,
    reason: failure.message,
  };
}
