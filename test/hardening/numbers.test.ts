import { describe, expect, it } from 'vitest';
import { createRebalancer, presets } from '../../src/index.js';
import type { Item } from '../../src/index.js';
import { deepFreeze, expectRebalanceError } from './guards.js';

// Non-finite and out-of-range numbers anywhere in a request: a RebalanceError naming the field,
// or, for items under onInvalidItem: 'skip', the item left out and listed as invalid.

const taxonomy = presets.taxonomies.default;
const rb = createRebalancer({ taxonomy, policy: presets.policies.protective });
const skipping = createRebalancer({
  taxonomy,
  policy: { ...presets.policies.protective, onInvalidItem: 'skip' },
});
const state = rb.emptyState();
const BAD = [Number.NaN, Infinity, -Infinity] as const;

function withSecond(item: Record<string, unknown>): Item[] {
  return deepFreeze([{ id: 'a' }, { id: 'b', ...item }] as Item[]);
}

describe('non-finite numbers', () => {
  for (const v of BAD) {
    it(`rebalance(candidate with score ${v}) throws RebalanceError item at candidates[1].score`, () => {
      expectRebalanceError(
        () => rb.rebalance({ candidates: withSecond({ score: v }), state }),
        'item',
        'candidates[1].score',
      );
    });

    it(`rebalance(candidate with score ${v}) under onInvalidItem 'skip' serves the rest and lists it as invalid`, () => {
      const out = skipping.rebalance({
        candidates: withSecond({ score: v }),
        state: skipping.emptyState(),
      });
      expect(out.items.map((i) => i.id)).toEqual(['a']);
      expect(out.dropped).toEqual([{ id: 'b', from: 1, reason: 'invalid' }]);
    });

    it(`rebalance(embedding holding ${v}) throws RebalanceError item at candidates[1].embedding[1]`, () => {
      expectRebalanceError(
        () => rb.rebalance({ candidates: withSecond({ embedding: [0.5, v] }), state }),
        'item',
        'candidates[1].embedding[1]',
      );
    });

    it(`rebalance(topic confidence ${v}) throws RebalanceError item at the topic's path`, () => {
      expectRebalanceError(
        () => rb.rebalance({ candidates: withSecond({ topics: { 'pro-ana': v } }), state }),
        'item',
        'candidates[1].topics["pro-ana"]',
      );
    });

    it(`rebalance({ at: ${v} }) throws RebalanceError request at at`, () => {
      expectRebalanceError(() => rb.rebalance({ candidates: [], state, at: v }), 'request', 'at');
    });

    it(`assess(state, ${v}) throws RebalanceError request at at`, () => {
      expectRebalanceError(() => rb.assess(state, v), 'request', 'at');
    });

    it(`observe(impression at ${v}) throws RebalanceError impression at impressions[0].at`, () => {
      expectRebalanceError(
        () => rb.observe(state, { item: { id: 'a' }, at: v }),
        'impression',
        'impressions[0].at',
      );
    });

    it(`observe(impression with dwellMs ${v}) throws RebalanceError impression at impressions[1].dwellMs`, () => {
      expectRebalanceError(
        () =>
          rb.observe(state, [
            { item: { id: 'a' }, at: 0 },
            { item: { id: 'b' }, at: 1, dwellMs: v },
          ]),
        'impression',
        'impressions[1].dwellMs',
      );
    });

    it(`rebalance({ size: ${v} }) throws RebalanceError request at size (omit size to serve all)`, () => {
      expectRebalanceError(
        () => rb.rebalance({ candidates: [], state, size: v }),
        'request',
        'size',
      );
    });
  }

  it('rebalance({ size: -1 or 1.5 }) and topic confidences outside [0, 1] are RebalanceErrors', () => {
    expectRebalanceError(
      () => rb.rebalance({ candidates: [], state, size: -1 }),
      'request',
      'size',
    );
    expectRebalanceError(
      () => rb.rebalance({ candidates: [], state, size: 1.5 }),
      'request',
      'size',
    );
    expectRebalanceError(
      () => rb.rebalance({ candidates: withSecond({ topics: { 'pro-ana': 1.5 } }), state }),
      'item',
      'candidates[1].topics["pro-ana"]',
    );
    expectRebalanceError(
      () => rb.rebalance({ candidates: withSecond({ topics: { 'pro-ana': -0.1 } }), state }),
      'item',
      'candidates[1].topics["pro-ana"]',
    );
  });

  it('createRebalancer(policy with NaN, Infinity or a negative number) throws RebalanceError policy with the field path', () => {
    expectRebalanceError(
      () => createRebalancer({ taxonomy, policy: { minConfidence: Number.NaN } }),
      'policy',
      'minConfidence',
    );
    expectRebalanceError(
      () => createRebalancer({ taxonomy, policy: { exposure: { halfLife: Infinity } } }),
      'policy',
      'exposure.halfLife',
    );
    expectRebalanceError(
      () =>
        createRebalancer({
          taxonomy,
          policy: { detection: { kind: 'cusum', p0: 0.1, p1: 0.3, h: Number.NaN } },
        }),
      'policy',
      'detection.h',
    );
    expectRebalanceError(
      () =>
        createRebalancer({
          taxonomy,
          policy: { levels: { sustained: { cap: { count: 1, window: -Infinity } } } },
        }),
      'policy',
      'levels.sustained.cap.window',
    );
    expectRebalanceError(
      () => createRebalancer({ taxonomy, policy: { recovery: { maxShare: Number.NaN } } }),
      'policy',
      'recovery.maxShare',
    );
  });

  it('observe(impressions out of time order) never yields NaN or a negative exposure', () => {
    let s = rb.emptyState();
    s = rb.observe(s, [
      { item: { id: 'a', topics: ['pro-ana'] }, at: 1_000_000 },
      { item: { id: 'b', topics: ['pro-ana'] }, at: 0 },
      { item: { id: 'c' }, at: -5_000 },
    ]);
    for (const g of Object.values(rb.assess(s, -1e15).groups)) {
      expect(Number.isFinite(g.exposure) && g.exposure >= 0 && g.exposure <= 1).toBe(true);
      expect(Number.isFinite(g.statistic)).toBe(true);
    }
  });
});
