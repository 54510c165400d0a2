// In your project these imports are 'feed-rebalancer' and 'feed-rebalancer/testing'.
import { createRebalancer, presets } from '../../src/index.js';
import type { Item, PolicyInput, RebalanceRequest, RebalanceResult } from '../../src/index.js';
import policyJson from './policy.json' with { type: 'json' };

/** The policy this service runs, kept as a JSON file so it can be reviewed and checked in CI. */
export const policy = policyJson as PolicyInput;

/** The engine under this service's policy. */
export const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy });

/**
 * This service's own re-ranker: it lets the library rebalance, then records what it served for
 * its metrics. Wrapping the library like this must keep every guarantee.
 */
export function myRanker(request: RebalanceRequest): RebalanceResult {
  const result = rb.rebalance(request);
  servedCount += result.items.length;
  return result;
}
export let servedCount = 0;

/**
 * A tempting "optimisation" that is wrong: after rebalancing it moves items that carry topics
 * (the ones the host knows most about) to the top, which can pull a triggering item back into a
 * window its cap had closed, and reorders feeds the policy left alone.
 */
export function boostTagged(request: RebalanceRequest): RebalanceResult {
  const result = rb.rebalance(request);
  const order = result.items.map((item: Item, i) => ({ item, slot: result.slots[i]!, i }));
  order.sort(
    (a, b) =>
      (b.item.topics === undefined ? 0 : 1) - (a.item.topics === undefined ? 0 : 1) || a.i - b.i,
  );
  return { ...result, items: order.map((o) => o.item), slots: order.map((o) => o.slot) };
}
