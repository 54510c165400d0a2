import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cusumArl } from '../../src/detect/cusumArl.js';
import { cusumChainArl } from '../../src/detect/cusumChainArl.js';
import { cusumGamma } from '../../src/detect/cusumGamma.js';
import { cusumRenewalArl } from '../../src/detect/cusumRenewalArl.js';
import { reachesThreshold } from '../../src/detect/tolerance.js';
import { denseArl, relativeError, simulateAlarmTime } from './support.js';

/**
 * Oracle for rational γ = a/b and h = j/b: in units of 1/b the statistic is an integer walk
 * (up b − a on a triggering impression, down a otherwise, reflected at 0, alarm at j), solved by
 * a dense linear system — independent of both methods in the library.
 */
function rationalOracle(p: number, a: number, b: number, j: number): number {
  return denseArl<number>(
    0,
    (k, x) => {
      const next = Math.max(0, k + x * b - a);
      return next >= j ? null : next;
    },
    p,
  ).arl;
}

/**
 * The Bernoulli CUSUM of Reynolds & Stoumbos (JQT 1999), S ← max(0, S + x − γ) with an alarm at
 * S ≥ h, written out plainly for Monte Carlo.
 */
function plainCusum(gamma: number, h: number) {
  let s = 0;
  return {
    reset: () => {
      s = 0;
    },
    push: (x: 0 | 1) => {
      s = Math.max(0, s + x - gamma);
      return reachesThreshold(s, h);
    },
  };
}

describe('cusumArl', () => {
  it('cusumArl({ p, gamma: 1/m, h }) (banded Markov chain) matches a dense solve of the chain on the 1/m grid', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.6, noNaN: true }),
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 1, max: 50 }),
        (p, m, j) => {
          const oracle = rationalOracle(p, 1, m, j);
          expect(relativeError(cusumArl({ p, gamma: 1 / m, h: j / m }), oracle)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('cusumArl({ p, gamma: a/b, h }) (renewal sum) matches a dense solve of the chain on the 1/b grid', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.6, noNaN: true }),
        fc.integer({ min: 3, max: 13 }),
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 1, max: 50 }),
        (p, b, a, j) => {
          fc.pre(a < b);
          const oracle = rationalOracle(p, a, b, j);
          expect(relativeError(cusumArl({ p, gamma: a / b, h: j / b }), oracle)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('cusumChainArl and cusumRenewalArl agree to 1e-9 where both apply (gamma = 1/m, h off the grid too)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.02, max: 0.7, noNaN: true }),
        fc.integer({ min: 2, max: 40 }),
        fc.double({ min: 0.1, max: 8, noNaN: true }),
        (p, m, h) => {
          // Thresholds within the 1e-9 comparison tolerance of a grid point k/m are ambiguous
          // by design; both methods then compare numbers that differ only in rounding.
          fc.pre(Math.abs(m * h - Math.round(m * h)) > 1e-6);
          const chain = cusumChainArl(p, m, h);
          fc.pre(chain < 1e12);
          expect(relativeError(cusumRenewalArl(p, 1 / m, h), chain)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('cusumArl({ p, gamma, h: h ≤ 1 − gamma }) is 1/p: the first triggering impression alarms', () => {
    // Closed form: S jumps to 1 − γ ≥ h on the first x = 1, so the alarm time is geometric(p).
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 0.9, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (p, gamma, fraction) => {
          const h = fraction * (1 - gamma);
          expect(relativeError(cusumArl({ p, gamma, h }), 1 / p)).toBeLessThan(1e-12);
        },
      ),
    );
  });

  it('cusumArl({ p, gamma, h }) grows with h and with gamma and falls with p (pathwise monotone statistic)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        fc.double({ min: 0.08, max: 0.4, noNaN: true }),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        (p, gamma, h) => {
          const base = cusumArl({ p, gamma, h });
          expect(cusumArl({ p, gamma, h: h + 0.5 })).toBeGreaterThanOrEqual(base * (1 - 1e-9));
          expect(cusumArl({ p, gamma: gamma + 0.05, h })).toBeGreaterThanOrEqual(base * (1 - 1e-9));
          expect(cusumArl({ p: Math.min(0.99, p + 0.1), gamma, h })).toBeLessThanOrEqual(
            base * (1 + 1e-9),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  // Seeded Monte Carlo of the statistic as defined; each case's ARL is chosen so the run stays
  // under a million impressions. The mean of n alarm times has standard error sd/√n; a correct
  // ARL lies within 4 of them with probability > 0.9999.
  const cases = [
    { p: 0.3, gamma: 1 / 7, h: 4, reps: 8000, label: 'gamma = 1/7 at p1' },
    { p: 0.12, gamma: 1 / 5, h: 2, reps: 4000, label: 'gamma = 1/5 near p0' },
    { p: 0.2, gamma: 1 / 3, h: 3, reps: 2000, label: 'gamma = 1/3, h = 3' },
    { p: 0.3, gamma: cusumGamma(0.05, 0.3), h: 2.2, reps: 8000, label: 'irrational gamma at p1' },
    { p: 0.05, gamma: cusumGamma(0.05, 0.3), h: 1.55, reps: 3000, label: 'irrational gamma at p0' },
    {
      p: 0.37,
      gamma: cusumGamma(0.05, 0.25),
      h: 3.05,
      reps: 8000,
      label: 'irrational gamma at CCDH rate',
    },
  ];
  for (const { p, gamma, h, reps, label } of cases) {
    it(`cusumArl({ p: ${p}, gamma: ${gamma.toFixed(4)}, h: ${h} }) matches a seeded Monte Carlo mean within 4 standard errors (${label})`, () => {
      const arl = cusumArl({ p, gamma, h });
      const { mean, se } = simulateAlarmTime(plainCusum(gamma, h), p, reps, `cusum-${label}`);
      expect(Math.abs(mean - arl)).toBeLessThan(4 * se);
    });
  }

  it('cusumArl rejects bad arguments with code argument, the argument as path and the value received', () => {
    const bad: [unknown, string, string][] = [
      [{ p: 0, gamma: 0.2, h: 3 }, 'p', 'cusumArl: p must be a number in (0, 1) (got 0)'],
      [{ p: 0.1, gamma: 1, h: 3 }, 'gamma', 'cusumArl: gamma must be a number in (0, 1) (got 1)'],
      [{ p: 0.1, gamma: 0.2, h: 0 }, 'h', 'cusumArl: h must be a number in (0, 10000] (got 0)'],
      [
        { p: 0.1, gamma: 0.2, h: Infinity },
        'h',
        'cusumArl: h must be a number in (0, 10000] (got Infinity)',
      ],
      [{ p: 0.1, gamma: 0.2 }, 'h', 'cusumArl: h must be a number in (0, 10000] (got undefined)'],
      [
        { p: 0.1, gamma: 0.2, h: 3, k: 1 },
        'k',
        'cusumArl: k is not a known argument (expected p, gamma, h, classifier) (got "k")',
      ],
    ];
    for (const [input, path, message] of bad)
      expect(() => cusumArl(input as never)).toThrow(
        expect.objectContaining({ code: 'argument', path, message }),
      );
    expect(() => cusumArl(null as never)).toThrow(
      expect.objectContaining({
        code: 'argument',
        message: 'cusumArl: the argument must be an object (got null)',
      }),
    );
  });

  it('cusumArl refuses, with code argument and path h, a threshold whose ARL sum exceeds the work bound', () => {
    expect(() => cusumArl({ p: 0.2, gamma: 0.2 + 1e-7, h: 2000 })).toThrow(
      expect.objectContaining({ code: 'argument', path: 'h' }),
    );
  });
});
