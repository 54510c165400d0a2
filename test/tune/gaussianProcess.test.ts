import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GaussianProcess, matern52 } from '../../src/simulate/tune/gaussianProcess.js';
import { fitSurrogate } from '../../src/simulate/tune/fitSurrogate.js';
import {
  expectedImprovement,
  normalCdf,
  probabilityAtMostZero,
} from '../../src/simulate/tune/acquisition.js';

const point = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 2 });

describe('GaussianProcess', () => {
  it('new GaussianProcess(x, y, noise ≈ 0).predict interpolates every training point with variance ≈ 0', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(point, {
          minLength: 1,
          maxLength: 6,
          selector: (p) => p.map((v) => v.toFixed(2)).join(','),
        }),
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (xs, ys) => {
          // Points at least 0.01 apart on some axis keep K well conditioned for a length-scale of 0.3.
          const y = ys.slice(0, xs.length);
          const gp = new GaussianProcess(xs, y, { lengthScale: 0.3, noise: 1e-10 });
          xs.forEach((x, i) => {
            const p = gp.predict(x);
            expect(p.mean).toBeCloseTo(y[i]!, 3);
            expect(p.variance).toBeLessThan(1e-4);
          });
        },
      ),
    );
  });

  it('predict with two training points matches the closed-form 2×2 posterior', () => {
    // Oracle: Rasmussen & Williams eq. 2.25–2.26 with K inverted by hand.
    const x1 = [0.1, 0.2];
    const x2 = [0.5, 0.9];
    const y = [1.5, -0.5];
    const ell = 0.4;
    const noise = 0.01;
    const k = (a: number[], b: number[]) =>
      matern52(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!) / ell);
    const a = 1 + noise;
    const b = k(x1, x2);
    const det = a * a - b * b;
    const inv = [
      [a / det, -b / det],
      [-b / det, a / det],
    ];
    const gp = new GaussianProcess([x1, x2], y, { lengthScale: ell, noise });
    for (const x of [
      [0.3, 0.3],
      [0, 1],
      [0.5, 0.8],
    ]) {
      const ks = [k(x, x1), k(x, x2)];
      const w = [
        inv[0]![0]! * ks[0]! + inv[0]![1]! * ks[1]!,
        inv[1]![0]! * ks[0]! + inv[1]![1]! * ks[1]!,
      ];
      const mean = w[0]! * y[0]! + w[1]! * y[1]!;
      const variance = 1 - (w[0]! * ks[0]! + w[1]! * ks[1]!);
      const p = gp.predict(x);
      expect(p.mean).toBeCloseTo(mean, 10);
      expect(p.variance).toBeCloseTo(variance, 10);
    }
    const logLik =
      -0.5 *
        (y[0]! * (inv[0]![0]! * y[0]! + inv[0]![1]! * y[1]!) +
          y[1]! * (inv[1]![0]! * y[0]! + inv[1]![1]! * y[1]!)) -
      0.5 * Math.log(det) -
      Math.log(2 * Math.PI);
    expect(gp.logMarginalLikelihood).toBeCloseTo(logLik, 10);
  });

  it('predict far from every training point returns the prior: mean 0, variance 1', () => {
    const gp = new GaussianProcess([[0, 0]], [2], { lengthScale: 0.01, noise: 1e-6 });
    const p = gp.predict([1, 1]);
    expect(p.mean).toBeCloseTo(0, 12);
    expect(p.variance).toBeCloseTo(1, 12);
  });

  it('duplicate training points with no noise still factorise (jitter) and predict their mean', () => {
    const gp = new GaussianProcess(
      [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
      [1, 3],
      { lengthScale: 0.3, noise: 0 },
    );
    expect(gp.predict([0.5, 0.5]).mean).toBeCloseTo(2, 4);
  });
});

describe('fitSurrogate', () => {
  it('fitSurrogate(x, y) predicts in y’s units and interpolates a smooth function closely', () => {
    const xs: number[][] = [];
    for (let i = 0; i <= 8; i++) for (let j = 0; j <= 8; j++) xs.push([i / 8, j / 8]);
    const f = (x: readonly number[]) => 100 + 20 * Math.sin(3 * x[0]!) * Math.cos(2 * x[1]!);
    const s = fitSurrogate(xs, xs.map(f));
    for (const x of [
      [0.31, 0.77],
      [0.9, 0.05],
      [0.5, 0.5],
    ])
      expect(Math.abs(s.predict(x).mean - f(x))).toBeLessThan(0.5);
  });
});

describe('acquisition', () => {
  it('normalCdf matches published values of Φ to 1e-7', () => {
    // Φ values from Abramowitz & Stegun, table 26.1.
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447461, 7);
    expect(normalCdf(-1.96)).toBeCloseTo(0.0249978952, 7);
    expect(normalCdf(3)).toBeCloseTo(0.998650102, 7);
  });

  it('expectedImprovement equals the integral of max(0, best − y) under the normal prediction', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (mean, sd, best) => {
          // Oracle: the midpoint rule over ±10 standard deviations.
          let integral = 0;
          const n = 4000;
          const h = (20 * sd) / n;
          for (let i = 0; i < n; i++) {
            const y = mean - 10 * sd + (i + 0.5) * h;
            const density = Math.exp(-0.5 * ((y - mean) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
            integral += Math.max(0, best - y) * density * h;
          }
          expect(expectedImprovement(mean, sd * sd, best)).toBeCloseTo(integral, 4);
        },
      ),
    );
  });

  it('probabilityAtMostZero is a step at variance 0 and Φ(−μ/σ) otherwise', () => {
    expect(probabilityAtMostZero(-1, 0)).toBe(1);
    expect(probabilityAtMostZero(1, 0)).toBe(0);
    expect(probabilityAtMostZero(1, 1)).toBeCloseTo(1 - 0.8413447461, 7);
  });
});
