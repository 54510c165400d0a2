import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRebalancer, type Item, type TaxonomyInput } from '../../src/index.js';

// The engine keys each candidate's set of capped groups three ways: a table indexed by bit mask
// up to 8 groups, a Map of masks up to 31, and a Map of spelled-out keys beyond. Padding a
// two-group taxonomy with unused groups in front (so the used groups sit at bits 10–11 or 38–39)
// must not change a single slot, reason or drop.

function taxonomyWith(padding: number): TaxonomyInput {
  const pad = Array.from({ length: padding }, (_, i) => ({
    id: `unused-${i}`,
    triggering: [{ id: `u${i}` }],
    recovery: [{ id: `u${i}-recovery` }],
  }));
  return {
    groups: [
      ...pad,
      { id: 'alpha', triggering: [{ id: 'a1' }, { id: 'a2' }], recovery: [{ id: 'a-recovery' }] },
      { id: 'beta', triggering: [{ id: 'b1' }], recovery: [{ id: 'b-recovery' }] },
    ],
  };
}

const cases = fc.record({
  topics: fc.array(fc.subarray(['a1', 'a2', 'b1', 'cooking']), { maxLength: 40 }),
  count: fc.integer({ min: 0, max: 2 }),
  window: fc.integer({ min: 1, max: 5 }),
  size: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
});

describe('rebalance with many groups', () => {
  it('serves the same slots with 2, 12 and 40 groups: mask table, mask Map and key Map agree (500 runs)', () => {
    fc.assert(
      fc.property(cases, ({ topics, count: wanted, window, size }) => {
        const count = Math.min(wanted, window);
        const candidates: Item[] = topics.map((t, i) => ({ id: `c${i}`, topics: t }));
        const results = [0, 10, 38].map((padding) => {
          const rb = createRebalancer({
            taxonomy: taxonomyWith(padding),
            policy: { levels: { none: { cap: { count, window } } } },
          });
          const out = rb.rebalance({
            candidates,
            state: rb.emptyState(),
            at: 0,
            ...(size === undefined ? {} : { size }),
          });
          return { slots: out.slots, dropped: out.dropped };
        });
        expect(results[1]).toEqual(results[0]);
        expect(results[2]).toEqual(results[0]);
      }),
      { numRuns: 500 },
    );
  });
});
