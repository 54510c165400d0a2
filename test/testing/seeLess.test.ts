import { describe, expect, it } from 'vitest';
import { createRebalancer, presets } from '../../src/index.js';
import type { RebalanceRequest, RebalanceResult } from '../../src/index.js';
import {
  ALL_GUARANTEES,
  checkNothingLost,
  checkTopSlotsFirst,
  createGuaranteeContext,
  guaranteeChecks,
} from '../../src/testing/index.js';

// The kit's reading of "see less" at its edges, on hand-made requests (the property tests and
// mutants cover the rest): when a choice is in force, which time it is measured from, and that a
// request without profiling reads no state.

const DAY = 86_400_000;
const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});
const candidates = [{ id: 'a' }, { id: 'b', topics: ['pro-ana'] }, { id: 'c' }];

/** A state whose only content is "see less" of pro-ana given at `given`. */
function seeLessAt(given: number) {
  return rb.observe(rb.emptyState(), { seeLess: { target: 'pro-ana' }, at: given });
}

/** The engine's result with candidate b served in its place, as a target ignoring "see less" would. */
function servingB(request: RebalanceRequest): RebalanceResult {
  const out = rb.rebalance({ ...request, state: rb.emptyState() });
  return { ...out, assessment: rb.rebalance(request).assessment };
}

describe('the kit and "see less"', () => {
  it('checkNothingLost(request 1 ms before the 14 days end) requires b dropped as seeLess:pro-ana, and passes the engine', () => {
    const request = { candidates, state: seeLessAt(0), at: 14 * DAY - 1 };
    expect(rb.rebalance(request).dropped).toEqual([
      { id: 'b', from: 1, reason: 'seeLess:pro-ana' },
    ]);
    expect(checkNothingLost(createGuaranteeContext(rb, rb, request))).toBeNull();
    expect(checkNothingLost(createGuaranteeContext(rb, servingB, request))).toMatch(
      /"b" \(candidates\[1\]\) is served, but .* seeLess:pro-ana/,
    );
    expect(checkTopSlotsFirst(createGuaranteeContext(rb, servingB, request))).toMatch(
      /not a candidate for any slot/,
    );
  });

  it('checkNothingLost(request exactly 14 days after the choice) requires b served: the choice has lapsed', () => {
    const request = { candidates, state: seeLessAt(0), at: 14 * DAY };
    expect(rb.rebalance(request).items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    const dropsB = (r: RebalanceRequest): RebalanceResult => {
      const out = rb.rebalance(r);
      return {
        ...out,
        items: out.items.filter((i) => i.id !== 'b'),
        slots: out.slots.filter((s) => s.id !== 'b'),
        dropped: [{ id: 'b', from: 1, reason: 'seeLess:pro-ana' }],
      };
    };
    expect(checkNothingLost(createGuaranteeContext(rb, dropsB, request))).toMatch(
      /no "see less" of "pro-ana" in force/,
    );
  });

  it("the checks measure from the state's last impression when the request has no at, else from the newest choice", () => {
    const seen = rb.observe(seeLessAt(0), {
      item: { id: 'x', topics: ['cooking'] },
      at: 20 * DAY,
    });
    const lapsed = { candidates, state: seen };
    expect(rb.rebalance(lapsed).items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    const fresh = { candidates, state: seeLessAt(5 * DAY) };
    expect(rb.rebalance(fresh).items.map((i) => i.id)).toEqual(['a', 'c']);
    for (const request of [lapsed, fresh]) {
      const context = createGuaranteeContext(rb, rb, request);
      for (const g of ALL_GUARANTEES) expect(guaranteeChecks[g](context)).toBeNull();
    }
    expect(checkNothingLost(createGuaranteeContext(rb, servingB, fresh))).not.toBeNull();
  });

  it('every check passes the engine on a request with profiling: false, which reads neither the levels nor the "see less" of its state', () => {
    let state = seeLessAt(0);
    for (let i = 0; i < 12; i++)
      state = rb.observe(state, { item: { id: `s${i}`, topics: ['pro-ana'] }, at: 1_000 * i });
    expect(rb.assess(state).groups['eating-disorder']?.level).toBe('sustained');
    const request: RebalanceRequest = { candidates, state, at: 12_000, profiling: false };
    expect(rb.rebalance(request).items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    const context = createGuaranteeContext(rb, rb, request);
    for (const g of ALL_GUARANTEES) expect(guaranteeChecks[g](context)).toBeNull();
  });
});
