import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEE_LESS, addSeeLess, seeLessMultiplier } from '../../src/feedback/seeLess.js';
import { type SeeLessEntry } from '../../src/feedback/types.js';

const DAY = 86_400_000;

describe('see less', () => {
  it('seeLessMultiplier follows the home-mixer schedule: 0 for 14 days, then 0.2 rising linearly to 1 over 140 days', () => {
    // X open-sourced ranker (home-mixer): removed for 14 days, multiplier 0.2 → 1.0 over 140 days.
    const list = addSeeLess([], 'thinspiration', 0);
    expect(seeLessMultiplier(list, 'thinspiration', 0)).toBe(0);
    expect(seeLessMultiplier(list, 'thinspiration', 14 * DAY - 1)).toBe(0);
    expect(seeLessMultiplier(list, 'thinspiration', 14 * DAY)).toBeCloseTo(0.2, 12);
    expect(seeLessMultiplier(list, 'thinspiration', 84 * DAY)).toBeCloseTo(0.6, 12);
    expect(seeLessMultiplier(list, 'thinspiration', 154 * DAY)).toBe(1);
    expect(seeLessMultiplier(list, 'pro-ana', 1)).toBe(1);
  });

  it('seeLessMultiplier never decreases as time passes and stays in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 * DAY }),
        fc.integer({ min: 0, max: 200 * DAY }),
        (t1, t2) => {
          const list = addSeeLess([], 'x', 0);
          const [a, b] = t1 <= t2 ? [t1, t2] : [t2, t1];
          const ma = seeLessMultiplier(list, 'x', a);
          const mb = seeLessMultiplier(list, 'x', b);
          expect(ma).toBeLessThanOrEqual(mb);
          expect(ma).toBeGreaterThanOrEqual(0);
          expect(mb).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('addSeeLess keeps one entry per target, the latest, and at most 32 entries, without changing its input', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(...Array.from({ length: 50 }, (_, i) => `t${i}`)), fc.nat()),
          { maxLength: 200 },
        ),
        (events) => {
          let list: readonly SeeLessEntry[] = [];
          for (const [target, at] of events) {
            const before = JSON.stringify(list);
            const next = addSeeLess(list, target, at);
            expect(JSON.stringify(list)).toBe(before);
            list = next;
          }
          expect(list.length).toBeLessThanOrEqual(SEE_LESS.maxEntries);
          expect(new Set(list.map(([t]) => t)).size).toBe(list.length);
          // The most recent feedback is always remembered.
          if (events.length > 0) expect(list.at(-1)).toEqual(events.at(-1));
        },
      ),
    );
  });
});
