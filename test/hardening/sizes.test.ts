import { describe, expect, it } from 'vitest';
import { createRebalancer, presets } from '../../src/index.js';
import type { Item } from '../../src/index.js';
import {
  checkCapsHold,
  checkNothingLost,
  createGuaranteeContext,
} from '../../src/testing/index.js';
import { expectRebalanceError } from './guards.js';

// Hostile sizes: what fits the documented limits is served, what does not is a RebalanceError
// naming the field — bounded time and memory, nothing dropped silently. Time growth is shown
// in benchmarks/hardening.bench.ts, not here.

const taxonomy = presets.taxonomies.default;
const rb = createRebalancer({ taxonomy, policy: presets.policies.protective });
const state = rb.emptyState();
const MEGA = 'x'.repeat(1_000_000);

describe('hostile sizes', () => {
  it('rebalance(10⁶ candidates, every tenth triggering) serves them under the caps and accounts for each', () => {
    const candidates: Item[] = new Array<Item>(1_000_000);
    for (let i = 0; i < candidates.length; i++)
      candidates[i] = i % 10 === 0 ? { id: `c${i}`, topics: ['pro-ana'] } : { id: `c${i}` };
    const request = { candidates, state, at: 0 };
    const out = rb.rebalance(request);
    expect(out.slots.length + out.dropped.length).toBe(candidates.length);
    const context = createGuaranteeContext(rb, rb, {
      candidates: candidates.slice(0, 2_000),
      state,
      at: 0,
    });
    expect([checkNothingLost(context), checkCapsHold(context)]).toEqual([null, null]);
  });

  it('rebalance(10⁶ + 1 candidates) throws RebalanceError request at candidates before reading them', () => {
    const candidates = new Array<Item>(1_000_001).fill({ id: 'same' });
    expectRebalanceError(() => rb.rebalance({ candidates, state }), 'request', 'candidates');
  });

  it('rebalance(an item with 10⁵ topics, as a list or as confidences) throws RebalanceError item at candidates[0].topics', () => {
    const list = Array.from({ length: 100_000 }, (_, i) => `t${i}`);
    expectRebalanceError(
      () => rb.rebalance({ candidates: [{ id: 'a', topics: list }], state }),
      'item',
      'candidates[0].topics',
    );
    const record = Object.fromEntries(list.map((t) => [t, 1]));
    expectRebalanceError(
      () => rb.rebalance({ candidates: [{ id: 'a', topics: record }], state }),
      'item',
      'candidates[0].topics',
    );
  });

  it('10⁶-character id, text, hashtag and topic are RebalanceErrors with short messages', () => {
    expectRebalanceError(
      () => rb.rebalance({ candidates: [{ id: MEGA }], state }),
      'item',
      'candidates[0].id',
    );
    expectRebalanceError(
      () => rb.rebalance({ candidates: [{ id: 'a', text: MEGA }], state }),
      'item',
      'candidates[0].text',
    );
    expectRebalanceError(
      () => rb.rebalance({ candidates: [{ id: 'a', hashtags: [MEGA] }], state }),
      'item',
      'candidates[0].hashtags[0]',
    );
    expectRebalanceError(
      () => rb.rebalance({ candidates: [{ id: 'a', topics: [MEGA] }], state }),
      'item',
      'candidates[0].topics[0]',
    );
    expectRebalanceError(() => rb.classify({ id: 'a', text: MEGA }), 'item', 'item.text');
    expectRebalanceError(
      () => rb.observe(state, { item: { id: MEGA }, at: 0 }),
      'impression',
      'impressions[0].item.id',
    );
  });

  it('parseState(a 10⁶-character string) throws RebalanceError state', () => {
    expectRebalanceError(() => rb.parseState(MEGA), 'state');
    expectRebalanceError(() => rb.parseState(`{"version":1,"pad":"${MEGA}"}`), 'state');
  });

  it('a recovery pool of 10⁴ + 1 items, 10⁵ + 1 impressions in one call and a 10⁵-dimension embedding are RebalanceErrors', () => {
    const pool = new Array<Item>(10_001).fill({ id: 'r', topics: ['ed-recovery'] });
    expectRebalanceError(
      () => rb.rebalance({ candidates: [], recovery: pool, state }),
      'request',
      'recovery',
    );
    const impressions = new Array(100_001).fill({ item: { id: 'a' }, at: 0 });
    expectRebalanceError(() => rb.observe(state, impressions), 'impression', 'impressions');
    const embedding = new Float64Array(100_000);
    expectRebalanceError(
      () => rb.rebalance({ candidates: [{ id: 'a', embedding }], state }),
      'item',
      'candidates[0].embedding',
    );
  });

  it('createRebalancer(taxonomy with a 10⁶-character term) throws RebalanceError taxonomy with the term path', () => {
    expectRebalanceError(
      () =>
        createRebalancer({
          taxonomy: { groups: [{ id: 'g', triggering: [{ id: 't', terms: [MEGA] }] }] },
        }),
      'taxonomy',
      'groups[0].triggering[0].terms[0]',
    );
  });

  it('a state stays small whatever the items: 10⁴ impressions with long ids and 1,000 topics each', () => {
    const longId = 'y'.repeat(1_000);
    const topics = Array.from({ length: 1_000 }, (_, i) => (i === 0 ? 'ed-recovery' : `t${i}`));
    const impressions = Array.from({ length: 10_000 }, (_, i) => ({
      item: { id: `${longId}${i}`, topics },
      at: i,
    }));
    const s = rb.observe(state, impressions);
    expect(rb.serializeState(s).length).toBeLessThan(4_096);
  });
});
