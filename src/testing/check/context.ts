import type { RebalanceRequest, Rebalancer } from '../../facade/types.js';
import type { RebalanceResult } from '../../rerank/types.js';
import type { GuaranteeContext, RebalanceTarget } from '../types.js';
import { CaseContext } from '../guarantees/caseFacts.js';
import { deepCopy } from './deepEqual.js';

/**
 * The target as a function of the request.
 *
 * @internal
 */
export function targetFunction(
  target: RebalanceTarget,
): (request: RebalanceRequest) => RebalanceResult {
  if (typeof target === 'function') return target;
  return (request) => target.rebalance(request);
}

/**
 * Runs the target on a request and returns what the guarantee checks look at. The request is
 * copied before the call, so that a check can tell whether the target changed it.
 *
 * @param reference - the engine whose classification, policy and assessment count
 * @param target - the re-ranker under test (a Rebalancer or a `rebalance`-shaped function)
 * @param request - the request; the target receives this very object
 * @returns the context for the `check…` functions
 * @throws whatever the target throws
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { createGuaranteeContext, guaranteeChecks } from 'feed-rebalancer/testing';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const context = createGuaranteeContext(rb, rb, { candidates: [{ id: 'a' }], state: rb.emptyState(), at: 0 });
 * console.log(guaranteeChecks[1](context), guaranteeChecks[2](context)); // null null
 * ```
 */
export function createGuaranteeContext(
  reference: Rebalancer,
  target: RebalanceTarget,
  request: RebalanceRequest,
): GuaranteeContext {
  const run = targetFunction(target);
  const snapshot = deepCopy(request);
  const result = run(request);
  return new CaseContext(reference, request, snapshot, result, run);
}
