import { createRebalancer, presets } from '../../index.js';
import type { PolicyInput } from '../../policy/types.js';
import type { FeedPolicy } from './servePage.js';

/**
 * The policy under test as the simulator drives it: the public facade, configured with the
 * default taxonomy. Built once per process (in each worker), reused for every user.
 *
 * @param policy - the policy
 * @returns the rebalancer
 * @internal
 */
export function makeFeedPolicy(policy: PolicyInput): FeedPolicy {
  return createRebalancer({ taxonomy: presets.taxonomies.default, policy });
}
