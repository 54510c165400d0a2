import type { CheckOptions, RebalanceTarget } from '../types.js';
import { checkRebalancerDetailed } from './checkRebalancer.js';
import { GuaranteeViolation } from './GuaranteeViolation.js';

/**
 * Like `checkRebalancer`, but throws when a guarantee or property fails — for test
 * suites: the thrown error's message names the guarantee, says what broke, gives the seed and
 * shows the shrunk counterexample as JSON.
 *
 * @param target - a Rebalancer, or a function `(request) => result` of the same shape
 * @param options - taxonomy, policy, number of runs, seed, guarantees and extra properties
 * @throws GuaranteeViolation when a guarantee or property fails
 * @throws RebalanceError for options it cannot use
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { assertRebalancer } from 'feed-rebalancer/testing';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * assertRebalancer(rb, { numRuns: 300 });
 * ```
 */
export function assertRebalancer(target: RebalanceTarget, options: CheckOptions = {}): void {
  const result = checkRebalancerDetailed(target, options, 'assertRebalancer');
  if (result.ok) return;
  throw new GuaranteeViolation(result.guarantee, result.reason, result.counterexample, result.seed);
}
