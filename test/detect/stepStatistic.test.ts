import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cusumGamma } from '../../src/detect/cusumGamma.js';
import { stepStatistic } from '../../src/detect/stepStatistic.js';
import type { ResolvedDetection } from '../../src/detect/detector.js';

const ones = (text: string): number => text.split('1').length - 1;

const bits = (max: number) => fc.array(fc.constantFrom<0 | 1>(0, 1), { maxLength: max });

const cusum = fc
  .record({
    p0: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
    gap: fc.double({ min: 0.01, max: 0.45, noNaN: true }),
  })
  .map(({ p0, gap }): ResolvedDetection => {
    const p1 = p0 + gap;
    return { kind: 'cusum', p0, p1, h: 4, gamma: cusumGamma(p0, p1), hold: 10, evidence: 'labels' };
  });

const detection: fc.Arbitrary<ResolvedDetection> = fc.oneof(
  fc
    .integer({ min: 1, max: 20 })
    .map((length): ResolvedDetection => ({ kind: 'run', length, hold: 10, evidence: 'labels' })),
  fc
    .tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 30 }))
    .map(([count, extra]): ResolvedDetection => ({
      kind: 'window',
      count,
      window: count + extra,
      hold: 10,
      evidence: 'labels',
    })),
  cusum,
  fc
    .tuple(
      fc.double({ min: 0.001, max: 1, noNaN: true }),
      fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    )
    .map(([lambda, limit]): ResolvedDetection => ({
      kind: 'ewma',
      lambda,
      limit,
      hold: 10,
      evidence: 'labels',
    })),
);

/** Runs a detector over a stream from the empty state, returning every step. */
function runDetector(d: ResolvedDetection, stream: readonly (0 | 1)[]) {
  let statistic = 0;
  let window = '';
  let run = 0;
  const steps: { statistic: number; window: string }[] = [];
  for (const x of stream) {
    run = x === 1 ? run + 1 : 0;
    ({ statistic, window } = stepStatistic(d, statistic, window, x, run));
    steps.push({ statistic, window });
  }
  return steps;
}

describe('stepStatistic', () => {
  it('stepStatistic(d, …) never yields NaN, a negative or an infinite statistic, even from a corrupted one', () => {
    fc.assert(
      fc.property(
        detection,
        fc.oneof(fc.double(), fc.constantFrom(Number.NaN, -1, Infinity, -0)),
        bits(300),
        (d, start, stream) => {
          let statistic = start;
          let window = '';
          let run = 0;
          for (const x of stream) {
            run = x === 1 ? run + 1 : 0;
            ({ statistic, window } = stepStatistic(d, statistic, window, x, run));
            expect(Number.isFinite(statistic)).toBe(true);
            expect(statistic).toBeGreaterThanOrEqual(0);
            if (d.kind === 'ewma') expect(statistic).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });

  it('stepStatistic(cusum) equals its definition through Page’s representation S_n = X_n − min_{k≤n} X_k', () => {
    // With X_n = Σ_{j≤n} (x_j − γ), the recursion S ← max(0, S + x − γ) from S = 0 is
    // X_n − min(0, X_1, …, X_n) (Page 1954; the Lindley recursion). Allowed: the 1e-9 snap to 0
    // plus rounding drift that grows with n.
    fc.assert(
      fc.property(cusum, bits(500), (d, stream) => {
        const gamma = d.kind === 'cusum' ? d.gamma : 0;
        const steps = runDetector(d, stream);
        let walk = 0;
        let lowest = 0;
        stream.forEach((x, n) => {
          walk += x - gamma;
          lowest = Math.min(lowest, walk);
          expect(Math.abs(steps[n]!.statistic - (walk - lowest))).toBeLessThan(
            2e-9 + 1e-14 * (n + 1),
          );
        });
      }),
    );
  });

  it('stepStatistic(cusum with gamma = 1/m) stays on the grid k/m and hits 0 exactly after a reset', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), bits(400), (m, stream) => {
        const d: ResolvedDetection = {
          kind: 'cusum',
          p0: 0.01,
          p1: 0.5,
          h: 5,
          gamma: 1 / m,
          hold: 0,
          evidence: 'labels',
        };
        let k = 0; // exact integer statistic in units of 1/m
        runDetector(d, stream).forEach(({ statistic }, n) => {
          k = Math.max(0, k + m * stream[n]! - 1);
          expect(Math.abs(statistic - k / m)).toBeLessThan(1e-9);
          if (k === 0) expect(statistic).toBe(0);
        });
      }),
    );
  });

  it('stepStatistic(window) keeps the last w bits oldest first, never longer than w, and counts their ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), bits(200), (w, stream) => {
        const d: ResolvedDetection = {
          kind: 'window',
          count: 1,
          window: w,
          hold: 0,
          evidence: 'labels',
        };
        runDetector(d, stream).forEach(({ statistic, window }, n) => {
          const expected = stream.slice(Math.max(0, n + 1 - w), n + 1).join('');
          expect(window).toBe(expected);
          expect(window.length).toBeLessThanOrEqual(w);
          expect(statistic).toBe(ones(expected));
        });
      }),
    );
  });

  it('stepStatistic(window) recounts a tampered count and trims a window longer than the policy’s', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.string({ unit: fc.constantFrom('0', '1'), maxLength: 60 }),
        fc.integer({ min: -5, max: 100 }),
        fc.constantFrom<0 | 1>(0, 1),
        (w, bitsBefore, tampered, x) => {
          const d: ResolvedDetection = {
            kind: 'window',
            count: 1,
            window: w,
            hold: 0,
            evidence: 'labels',
          };
          const { statistic, window } = stepStatistic(d, tampered, bitsBefore, x, 0);
          const expected = (bitsBefore + String(x)).slice(-w);
          expect(window).toBe(expected);
          // A count that could be right is trusted; one that cannot (negative, fractional, above
          // the window length) is recounted. With a window longer than w it is always recounted.
          const plausible =
            Number.isInteger(tampered) && tampered >= 0 && tampered <= bitsBefore.length;
          if (!plausible || bitsBefore.length > w) expect(statistic).toBe(ones(expected));
          expect(statistic).toBeGreaterThanOrEqual(0);
          expect(statistic).toBeLessThanOrEqual(window.length);
        },
      ),
    );
  });

  it('stepStatistic(ewma) equals the closed form λ Σ (1−λ)^(n−j) x_j', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1, noNaN: true }), bits(300), (lambda, stream) => {
        const d: ResolvedDetection = {
          kind: 'ewma',
          lambda,
          limit: 0.5,
          hold: 0,
          evidence: 'labels',
        };
        runDetector(d, stream).forEach(({ statistic }, n) => {
          let closed = 0;
          for (let j = 0; j <= n; j++) closed += lambda * (1 - lambda) ** (n - j) * stream[j]!;
          expect(Math.abs(statistic - closed)).toBeLessThan(1e-12);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('stepStatistic(run) reports the run the caller passes, and returns an empty window for every detector but window', () => {
    fc.assert(
      fc.property(detection, fc.nat(1000), fc.constantFrom<0 | 1>(0, 1), (d, run, x) => {
        const step = stepStatistic(d, 0.5, d.kind === 'window' ? '' : '0101', x, run);
        if (d.kind === 'run') expect(step.statistic).toBe(run);
        if (d.kind !== 'window') expect(step.window).toBe('');
      }),
    );
  });

  it('stepStatistic does not depend on anything but its arguments (same inputs, same output)', () => {
    fc.assert(
      fc.property(detection, bits(100), (d, stream) => {
        expect(runDetector(d, stream)).toEqual(runDetector(d, stream));
      }),
      { numRuns: 50 },
    );
  });
});
