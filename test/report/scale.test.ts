import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logDomain, logScale, logTicks } from '../../src/simulate/report/svg/logScale.js';
import {
  finiteExtent,
  linearScale,
  niceDomain,
  niceTicks,
  tickStep,
} from '../../src/simulate/report/svg/scale.js';

/** Finite ranges with a positive span, across many orders of magnitude. */
const range = fc
  .tuple(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
  )
  .map(([lo, span]) => [lo, lo + span] as const)
  .filter(([lo, hi]) => hi > lo);

function isNiceStep(step: number): boolean {
  const power = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
  const mantissa = Math.round((step / power) * 1e6) / 1e6;
  return mantissa === 1 || mantissa === 2 || mantissa === 5 || mantissa === 10;
}

describe('svg scales', () => {
  it('tickStep(min, max, count) is 1, 2 or 5 times a power of ten and gives count/1.6 to 1.6·count intervals', () => {
    fc.assert(
      fc.property(range, fc.integer({ min: 2, max: 12 }), ([lo, hi], count) => {
        const step = tickStep(lo, hi, count);
        expect(isNiceStep(step)).toBe(true);
        // With the √2, √10, √50 cut-offs the chosen step is between 1/1.58 and 1.58 times the
        // raw step (hi − lo)/count (worst cases: 2/√10 and 5/√10), hence the interval bounds.
        const intervals = (hi - lo) / step;
        expect(intervals).toBeGreaterThanOrEqual(count / 1.6);
        expect(intervals).toBeLessThanOrEqual(count * 1.6);
      }),
    );
  });

  it('niceTicks(min, max, count) are evenly spaced multiples of the step, all inside [min, max]', () => {
    fc.assert(
      fc.property(range, fc.integer({ min: 2, max: 10 }), ([lo, hi], count) => {
        const ticks = niceTicks(lo, hi, count);
        const step = tickStep(lo, hi, count);
        expect(ticks.length).toBeGreaterThanOrEqual(1);
        // Float precision: a tick can miss an end by a few ulps of the end's magnitude.
        const tolerance = step * 1e-6 + (Math.abs(lo) + Math.abs(hi)) * 1e-14;
        for (const t of ticks) {
          expect(t).toBeGreaterThanOrEqual(lo - tolerance);
          expect(t).toBeLessThanOrEqual(hi + tolerance);
          const k = t / step;
          expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-6 + Math.abs(k) * 1e-12);
        }
        for (let i = 1; i < ticks.length; i++) {
          expect(ticks[i]! - ticks[i - 1]!).toBeCloseTo(step, 6);
        }
        // Brute force: no multiple of the step inside the range is missing.
        const first = Math.ceil(lo / step - 1e-9);
        const last = Math.floor(hi / step + 1e-9);
        expect(ticks.length).toBe(last - first + 1);
      }),
    );
  });

  it('niceTicks(0, 1, 5) prints as 0, 0.2, …, 1 without float noise (0.6, not 0.6000000000000001)', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.1, 0.3, 2)).toEqual([0.1, 0.2, 0.3]);
  });

  it('niceDomain(min, max, count) contains [min, max] and starts and ends on a tick', () => {
    fc.assert(
      fc.property(range, fc.integer({ min: 2, max: 10 }), ([lo, hi], count) => {
        const [a, b] = niceDomain(lo, hi, count);
        const step = tickStep(lo, hi, count);
        const tolerance = step * 1e-6 + (Math.abs(lo) + Math.abs(hi)) * 1e-14;
        expect(a).toBeLessThanOrEqual(lo + tolerance);
        expect(b).toBeGreaterThanOrEqual(hi - tolerance);
        for (const end of [a / step, b / step]) {
          expect(Math.abs(end - Math.round(end))).toBeLessThan(1e-6 + Math.abs(end) * 1e-12);
        }
      }),
    );
  });

  it('niceDomain(v, v) widens a single value instead of returning an empty interval', () => {
    expect(niceDomain(0, 0, 5)).toEqual([0, 1]);
    expect(niceDomain(3, 3, 5)).toEqual([0, 6]);
  });

  it('linearScale maps the domain ends onto the range ends and keeps order', () => {
    fc.assert(
      fc.property(range, fc.double({ min: 0, max: 1, noNaN: true }), ([lo, hi], t) => {
        const s = linearScale([lo, hi], [300, 20]);
        expect(s(lo)).toBeCloseTo(300, 6);
        expect(s(hi)).toBeCloseTo(20, 6);
        const v = lo + t * (hi - lo);
        // Computing v itself rounds by up to a few units in the last place of the domain's
        // magnitude, which a narrow domain far from zero stretches over the 280-pixel range.
        const rounding = (4 * Math.max(Math.abs(lo), Math.abs(hi)) * Number.EPSILON) / (hi - lo);
        expect(Math.abs(s(v) - (300 - t * 280))).toBeLessThanOrEqual(280 * rounding + 1e-6);
      }),
    );
  });

  it('linearScale over a degenerate domain maps every value to the middle of the range', () => {
    const s = linearScale([2, 2], [0, 100]);
    expect(s(2)).toBe(50);
    expect(s(-7)).toBe(50);
  });

  it('finiteExtent skips NaN and infinities and is null without finite values', () => {
    expect(finiteExtent([NaN, 3, Infinity, -2, 5])).toEqual([-2, 5]);
    expect(finiteExtent([NaN, -Infinity])).toBeNull();
  });

  it('logDomain encloses the positive values in whole decades and logTicks holds every power of ten in it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-4, max: 1e4, noNaN: true }),
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        (lo, factor) => {
          const hi = lo * factor;
          const [a, b] = logDomain(lo, hi)!;
          expect(a).toBeLessThanOrEqual(lo * (1 + 1e-9));
          expect(b).toBeGreaterThanOrEqual(hi * (1 - 1e-9));
          const ticks = logTicks(a, b);
          const decades = Math.round(Math.log10(b / a));
          const powers = ticks.filter(
            (t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9,
          );
          expect(powers.length).toBe(decades + 1);
          const s = logScale([a, b], [200, 0]);
          expect(s(a)).toBeCloseTo(200, 6);
          expect(s(b)).toBeCloseTo(0, 6);
        },
      ),
    );
  });

  it('logScale maps zero and negative values to NaN so a line breaks instead of diving', () => {
    const s = logScale([0.1, 100], [100, 0]);
    expect(s(0)).toBeNaN();
    expect(s(-1)).toBeNaN();
    expect(s(1)).toBeCloseTo(100 * (2 / 3), 6);
  });
});
