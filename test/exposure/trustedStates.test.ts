import { describe, expect, it } from 'vitest';
import { createRebalancer, presets } from '../../src/index.js';

const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});
const event = (at: number) => ({ item: { id: `v${at}`, hashtags: ['#thinspo'] }, at });
/** States enough to push every earlier one out of the rebalancer's ring of recent states. */
const churn = () => {
  for (let i = 0; i < 40; i++) rb.observe(rb.emptyState(), event(i));
};

describe('trusted states', () => {
  it('a state vouched for with parseState stays trusted after it left the ring of recent states', () => {
    const kept = rb.parseState(rb.observe(rb.emptyState(), event(1)));
    churn();
    // Trusted: answered with itself, not validated into a copy.
    expect(rb.parseState(kept)).toBe(kept);
    expect(rb.observe(kept, event(2))).toEqual(
      rb.observe(rb.parseState(JSON.stringify(kept)), event(2)),
    );
  });

  it('a state only observe returned is validated again once it left the ring, into an equal copy', () => {
    const state = rb.observe(rb.emptyState(), event(1));
    expect(rb.parseState(state)).toBe(state);
    const other = rb.observe(rb.emptyState(), event(3));
    churn();
    const copy = rb.parseState(other);
    expect(copy).not.toBe(other);
    expect(copy).toEqual(other);
  });
});
