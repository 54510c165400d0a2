import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRebalancer, presets, RebalanceError } from '../../src/index.js';
import { allFinite, deepFreeze, forwardStream, impressionArb } from './helpers.js';

const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});
const ED = 'eating-disorder';

describe('observe', () => {
  it('observe(state, stream) never produces NaN or Infinity, and exposure stays in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(impressionArb, { maxLength: 60 }),
        fc.double({ min: -1e12, max: 1e14, noNaN: true }),
        (stream, at) => {
          const state = rb.observe(rb.emptyState(), stream);
          expect(allFinite(state)).toBe(true);
          const a = rb.assess(state, at);
          for (const g of Object.values(a.groups)) {
            expect(g.exposure).toBeGreaterThanOrEqual(0);
            expect(g.exposure).toBeLessThanOrEqual(1);
            expect(Number.isFinite(g.statistic)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('observe(state, [a, b]) equals observe(observe(state, a), b): a batch is its impressions in order', () => {
    fc.assert(
      fc.property(fc.array(impressionArb, { maxLength: 30 }), fc.nat(30), (stream, cut) => {
        const k = Math.min(cut, stream.length);
        const batch = rb.observe(rb.emptyState(), stream);
        const split = rb.observe(rb.observe(rb.emptyState(), stream.slice(0, k)), stream.slice(k));
        const oneByOne = stream.reduce((s, imp) => rb.observe(s, imp), rb.emptyState());
        expect(split).toEqual(batch);
        expect(oneByOne).toEqual(batch);
      }),
      { numRuns: 200 },
    );
  });

  it('observe applies impressions with equal times in array order (the last one decides the run)', () => {
    const t = { item: { id: 't', topics: ['pro-ana'] }, at: 1_000 };
    const n = { item: { id: 'n', topics: ['cooking'] }, at: 1_000 };
    expect(rb.assess(rb.observe(rb.emptyState(), [t, n])).groups[ED]?.run).toBe(0);
    expect(rb.assess(rb.observe(rb.emptyState(), [n, t])).groups[ED]?.run).toBe(1);
  });

  it('observe is deterministic and never mutates its inputs (deep-frozen stream and state)', () => {
    fc.assert(
      fc.property(fc.array(impressionArb, { maxLength: 40 }), (stream) => {
        const frozen = deepFreeze(structuredClone(stream));
        const s0 = rb.emptyState();
        const a = rb.observe(s0, frozen);
        const b = rb.observe(s0, frozen);
        expect(a).toEqual(b);
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        expect(frozen).toEqual(stream);
        expect(s0).toEqual(rb.emptyState());
      }),
      { numRuns: 150 },
    );
  });

  it('observe: a benign impression never raises any group exposure (decay monotonicity)', () => {
    fc.assert(
      fc.property(
        fc.array(impressionArb, { maxLength: 40 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 600_000 }),
        (stream, later, dwellMs) => {
          const s = rb.observe(rb.emptyState(), stream);
          const at = (s.lastAt ?? 0) + later;
          const before = rb.assess(s, at);
          const after = rb.assess(
            rb.observe(s, { item: { id: 'benign', topics: ['cooking'] }, at, dwellMs }),
            at,
          );
          for (const g of rb.groups)
            expect(after.groups[g]!.exposure).toBeLessThanOrEqual(
              before.groups[g]!.exposure + 1e-12,
            );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('assess: time away never raises exposure, and a long absence lowers it', () => {
    fc.assert(
      fc.property(
        fc.array(impressionArb, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        (stream, d1, d2) => {
          const s = rb.observe(rb.emptyState(), stream);
          const t0 = s.lastAt!;
          const e1 = rb.assess(s, t0 + d1).groups[ED]!.exposure;
          const e2 = rb.assess(s, t0 + d1 + d2).groups[ED]!.exposure;
          expect(e2).toBeLessThanOrEqual(e1 + 1e-15);
        },
      ),
      { numRuns: 300 },
    );
    const s = rb.observe(rb.emptyState(), forwardStream(['pro-ana', 'pro-ana', 'cooking']));
    const now = rb.assess(s, s.lastAt!).groups[ED]!.exposure;
    // Default halfLifeMs is 6 h: 12 h away quarters the exposure.
    expect(rb.assess(s, s.lastAt! + 12 * 3_600_000).groups[ED]!.exposure).toBeCloseTo(now / 4, 12);
  });

  it('observe weighs an impression by dwell relative to the reference dwell, capped at maxDwellWeight', () => {
    const rb2 = createRebalancer({
      taxonomy: presets.taxonomies.default,
      policy: { exposure: { halfLife: 1e9, referenceDwellMs: 10_000, maxDwellWeight: 3 } },
    });
    const seq = (dwellT: number) =>
      rb2.assess(
        rb2.observe(rb2.emptyState(), [
          { item: { id: 'a', topics: ['pro-ana'] }, at: 0, dwellMs: dwellT },
          { item: { id: 'b', topics: ['cooking'] }, at: 0, dwellMs: 10_000 },
        ]),
      ).groups[ED]!.exposure;
    // weights: triggering w, benign 1 → share w / (w + 1) (no decay with an enormous half-life).
    expect(seq(10_000)).toBeCloseTo(1 / 2, 8);
    expect(seq(20_000)).toBeCloseTo(2 / 3, 8);
    expect(seq(300_000)).toBeCloseTo(3 / 4, 8); // capped at weight 3
    expect(seq(0)).toBe(0);
  });

  it('observe: an impression earlier than the last one is counted at the last time, with no new session', () => {
    const s1 = rb.observe(rb.emptyState(), forwardStream(['pro-ana', 'pro-ana'], 1_000, 1_000_000));
    const s2 = rb.observe(s1, { item: { id: 'late', topics: ['pro-ana'] }, at: 0 });
    expect(s2.lastAt).toBe(s1.lastAt);
    expect(s2.session).toEqual({ startedAt: s1.session.startedAt, impressions: 3 });
    expect(rb.assess(s2).groups[ED]!.run).toBe(3);
  });

  it('observe: a gap longer than sessionGapMs ends the run but the CUSUM statistic carries over', () => {
    const s1 = rb.observe(rb.emptyState(), forwardStream(['pro-ana', 'pro-ana', 'pro-ana']));
    const before = rb.assess(s1).groups[ED]!;
    const s2 = rb.observe(s1, {
      item: { id: 'x', topics: ['pro-ana'] },
      at: s1.lastAt! + 31 * 60_000,
    });
    const after = rb.assess(s2).groups[ED]!;
    expect(rb.assess(s1, s1.lastAt! + 31 * 60_000).newSession).toBe(true);
    expect(rb.assess(s1, s1.lastAt! + 31 * 60_000).groups[ED]!.run).toBe(0);
    expect(after.run).toBe(1);
    const gamma = (rb.policy.detection as { gamma: number }).gamma;
    expect(after.statistic).toBeCloseTo(before.statistic + 1 - gamma, 12);
    expect(s2.session).toEqual({ startedAt: s1.lastAt! + 31 * 60_000, impressions: 1 });
  });

  it('observe rejects malformed impressions with code impression and the path of the field', () => {
    const cases: [unknown, string][] = [
      [{ item: { id: 'a' }, at: Number.NaN }, 'impressions[0].at'],
      [{ item: { id: 'a' }, at: Infinity }, 'impressions[0].at'],
      [{ item: { id: 'a' }, at: 1, dwellMs: -1 }, 'impressions[0].dwellMs'],
      [{ item: { id: '' }, at: 1 }, 'impressions[0].item.id'],
      [{ item: { id: 7 }, at: 1 }, 'impressions[0].item.id'],
      [
        { item: { id: 'a', topics: { 'pro-ana': 2 } }, at: 1 },
        'impressions[0].item.topics["pro-ana"]',
      ],
      [null, 'impressions[0]'],
    ];
    for (const [impression, path] of cases) {
      let caught: unknown;
      try {
        rb.observe(rb.emptyState(), [impression as never]);
      } catch (error) {
        caught = error;
      }
      expect(caught, path).toBeInstanceOf(RebalanceError);
      expect((caught as RebalanceError).code, path).toBe('impression');
      expect((caught as RebalanceError).path, path).toBe(path);
    }
  });

  it('observe counts total impressions and the current session', () => {
    fc.assert(
      fc.property(fc.array(impressionArb, { maxLength: 50 }), (stream) => {
        const s = rb.observe(rb.emptyState(), stream);
        expect(s.impressions).toBe(stream.length);
        expect(rb.assess(s).impressions).toBe(stream.length);
        expect(s.session.impressions).toBeLessThanOrEqual(stream.length);
        // observe stores −0 as 0, as JSON does; Math.max keeps −0.
        if (stream.length > 0) expect(s.lastAt).toBe(Math.max(...stream.map((i) => i.at)) + 0);
      }),
      { numRuns: 200 },
    );
  });
});
