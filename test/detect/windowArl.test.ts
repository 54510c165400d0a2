import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runArl } from '../../src/detect/runArl.js';
import { windowArl } from '../../src/detect/windowArl.js';
import { windowStateCount } from '../../src/detect/windowChain.js';
import { denseArl, relativeError, simulateAlarmTime } from './support.js';

/**
 * Oracle on the unreduced chain: the state is the whole last-w-bits window as an integer
 * (newest bit lowest, zeros before the stream starts), the alarm is popcount ≥ count.
 */
function bitWindowOracle(p: number, count: number, window: number): number {
  const mask = (1 << window) - 1;
  const ones = (bits: number): number => {
    let c = 0;
    for (let b = bits; b !== 0; b >>>= 1) c += b & 1;
    return c;
  };
  return denseArl<number>(
    0,
    (bits, x) => {
      const next = ((bits << 1) | x) & mask;
      return ones(next) >= count ? null : next;
    },
    p,
  ).arl;
}

/** A count-of-window detector kept as an explicit queue, for Monte Carlo. */
function queueDetector(count: number, window: number) {
  let bits: number[] = [];
  return {
    reset: () => {
      bits = [];
    },
    push: (x: 0 | 1) => {
      bits.push(x);
      if (bits.length > window) bits.shift();
      return bits.reduce((a, b) => a + b, 0) >= count;
    },
  };
}

describe('windowArl', () => {
  it('windowArl({ p, count, window }) matches a dense solve of the full 2^w bit-window chain', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.03, max: 0.8, noNaN: true }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        (p, a, b) => {
          const [count, window] = a <= b ? [a, b] : [b, a];
          expect(
            relativeError(windowArl({ p, count, window }), bitWindowOracle(p, count, window)),
          ).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('windowArl({ p, count: w, window: w }) equals runArl({ p, length: w }): all of the window is a run', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.integer({ min: 1, max: 12 }),
        (p, w) => {
          expect(
            relativeError(windowArl({ p, count: w, window: w }), runArl({ p, length: w })),
          ).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('windowArl({ p, count: 1, window }) is 1/p and windowArl({ p, count: 2, window: w }) is (1 + 1/(1 − (1−p)^(w−1)))/p', () => {
    // count = 1: the first triggering impression alarms. count = 2: the times between triggering
    // impressions are i.i.d. geometric; the alarm comes at the first one that follows the previous
    // within w − 1 impressions, so E[triggering impressions] = 1 + 1/(1 − (1−p)^(w−1)) and, by
    // Wald's identity, the ARL is that over p.
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.95, noNaN: true }),
        fc.integer({ min: 2, max: 200 }),
        (p, w) => {
          expect(relativeError(windowArl({ p, count: 1, window: w }), 1 / p)).toBeLessThan(1e-9);
          const pairs = (1 + 1 / -Math.expm1((w - 1) * Math.log1p(-p))) / p;
          expect(relativeError(windowArl({ p, count: 2, window: w }), pairs)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('windowArl({ p, count, window }) grows with the window count and falls with the window length and p', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.6, noNaN: true }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 10 }),
        (p, count, extra) => {
          const window = count + 1 + extra;
          const base = windowArl({ p, count, window });
          expect(windowArl({ p, count: count + 1, window })).toBeGreaterThan(base);
          expect(windowArl({ p, count, window: window + 1 })).toBeLessThanOrEqual(
            base * (1 + 1e-12),
          );
          expect(windowArl({ p: p + 0.05, count, window })).toBeLessThan(base);
        },
      ),
      { numRuns: 30 },
    );
  });

  // Seeded Monte Carlo; |mean − ARL| < 4 standard errors fails a correct ARL with p < 1e-4.
  for (const { p, count, window, reps } of [
    { p: 0.15, count: 3, window: 8, reps: 6000 },
    { p: 0.05, count: 3, window: 12, reps: 2500 },
    { p: 0.3, count: 5, window: 20, reps: 6000 },
  ]) {
    it(`windowArl({ p: ${p}, count: ${count}, window: ${window} }) matches a seeded Monte Carlo mean within 4 standard errors`, () => {
      const arl = windowArl({ p, count, window });
      const { mean, se } = simulateAlarmTime(
        queueDetector(count, window),
        p,
        reps,
        `window-${count}-${window}`,
      );
      expect(Math.abs(mean - arl)).toBeLessThan(4 * se);
    });
  }

  it('windowArl handles windows up to the state limit: 4 of 40 and 5 of 30 at p0 = 0.05', () => {
    expect(windowStateCount(5, 30, Infinity)).toBe(1 + 29 + 406 + 3654 + 23751);
    const fourOfForty = windowArl({ p: 0.05, count: 4, window: 40 });
    const fiveOfThirty = windowArl({ p: 0.05, count: 5, window: 30 });
    // Both lie between the neighbouring detectors that are cheaper to solve.
    expect(fourOfForty).toBeLessThan(windowArl({ p: 0.05, count: 4, window: 30 }));
    expect(fiveOfThirty).toBeGreaterThan(windowArl({ p: 0.05, count: 4, window: 30 }));
  });

  it('windowArl rejects bad arguments and chains over 100,000 states with code argument and the argument as path', () => {
    const bad: [unknown, string][] = [
      [{ p: 0.1, count: 0, window: 5 }, 'count'],
      [{ p: 0.1, count: 3, window: 2 }, 'window'],
      [{ p: 0.1, count: 3, window: 513 }, 'window'],
      [{ p: -0.1, count: 3, window: 5 }, 'p'],
      [{ p: 0.1, count: 20, window: 60 }, 'window'],
    ];
    for (const [input, path] of bad)
      expect(() => windowArl(input as never)).toThrow(
        expect.objectContaining({ code: 'argument', path }),
      );
    expect(() => windowArl({ p: 0.1, count: 20, window: 60 })).toThrow(
      /^windowArl: window with count 20 needs more than 100000 Markov-chain states; .* \(got 60\)$/,
    );
  });
});
