/**
 * States for the store tests, made by the library itself: a rebalancer with the default
 * taxonomy and policy, its empty state, and a one-impression update through `rb.observe` — so
 * the counts the tests check are the library's own.
 */
import fc from 'fast-check';
import { createRebalancer, presets, type ObserveEvent } from '../../src/index.js';
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

/**
 * Batches of observe events for the store tests: impressions (triggering or not, with or without
 * a dwell), "see less" and intervention feedback, at random times.
 */
export function events(): fc.Arbitrary<ObserveEvent[]> {
  const at = fc.integer({ min: 0, max: 10_000_000 });
  const impression = fc.record(
    {
      item: fc.record({
        id: fc.string({ minLength: 1, maxLength: 8 }),
        hashtags: fc.subarray(['#thinspo', '#cooking', '#selfharm', '#edrecovery']),
      }),
      at,
      dwellMs: fc.integer({ min: 0, max: 60_000 }),
    },
    { requiredKeys: ['item', 'at'] },
  );
  const seeLess = fc.record({
    seeLess: fc.record({ target: fc.constantFrom('pro-ana', 'eating-disorder', 'self-harm') }),
    at,
  });
  const intervention = fc.record({
    intervention: fc.record({
      type: fc.constantFrom('shown' as const, 'dismissed' as const, 'accepted' as const),
      kind: fc.constantFrom('nudge' as const, 'resources' as const, 'break' as const),
      group: fc.constantFrom('eating-disorder', null),
    }),
    at,
  });
  return fc.array(fc.oneof({ weight: 4, arbitrary: impression }, seeLess, intervention), {
    minLength: 1,
    maxLength: 6,
  });
}
