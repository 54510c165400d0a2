/**
 * States for the store tests, made by the library itself: a rebalancer with the default
 * taxonomy and policy, its empty state, and a one-impression update through `rb.observe` — so
 * the counts the tests check are the library's own.
 */
import { createRebalancer, presets } from '../../src/index.js';
import type { UserState } from '../../src/exposure/types.js';

/** The rebalancer the store tests observe impressions with. */
export const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});

/** A fresh state. */
export function emptyState(): UserState {
  return rb.emptyState();
}

/** The state after one more (triggering) impression at time `at`; a new user starts empty. */
export function seen(state: UserState | undefined, at: number): UserState {
  return rb.observe(state ?? rb.emptyState(), {
    item: { id: `seen-${at}`, hashtags: ['#thinspo'] },
    at,
    dwellMs: 10_000,
  });
}
