// Property tests for a service's own re-ranker with feed-rebalancer's testing kit.
// Run: npx vitest run --config examples/property-test/vitest.config.ts
// In your project these imports are 'feed-rebalancer' and 'feed-rebalancer/testing'.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  arbitraries,
  assertRebalancer,
  checkCapsHold,
  checkRebalancer,
  createGuaranteeContext,
} from '../../src/testing/index.js';
import { boostTagged, myRanker, policy, rb } from './myRanker.js';

describe('our feed re-ranker', () => {
  it('keeps every guarantee of feed-rebalancer under our policy', () => {
    // Throws a GuaranteeViolation with the seed and a shrunk counterexample if a guarantee fails.
    assertRebalancer(myRanker, { policy, numRuns: 200 });
  });

  it('keeps our own rule too: recovery items are at most a quarter of the feed', () => {
    assertRebalancer(myRanker, {
      policy,
      numRuns: 200,
      properties: [
        {
          name: 'recovery items are at most a quarter of the feed',
          check: ({ result }) =>
            result.slots.filter((s) => s.source === 'recovery').length <= result.slots.length / 4,
        },
      ],
    });
  });

  it('the boost of tagged items is caught: it breaks a cap, the top-slots order or stability', () => {
    const result = checkRebalancer(boostTagged, { policy, numRuns: 300, seed: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect([3, 4, 5, 6]).toContain(result.guarantee);
      console.log(result.message, '— replay with seed', result.seed);
    }
  });

  it('caps hold on requests built from our own arbitraries', () => {
    // The per-guarantee checks work inside any fast-check property.
    fc.assert(
      fc.property(arbitraries.rebalanceCase(rb, { maxCandidates: 40 }), ({ request }) => {
        expect(checkCapsHold(createGuaranteeContext(rb, myRanker, request))).toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});
