import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../src/simulate/calibration/nelderMead.js';
import {
  calibrationLoss,
  FIT_BOUNDS,
  FIT_PARAMETERS,
  fromCoordinates,
  toCoordinates,
} from '../../src/simulate/calibration/fitObjective.js';
import { TARGETS } from '../../src/simulate/calibration/targets.js';
import type { CalibrationEntry } from '../../src/simulate/calibration/calibrationTypes.js';

describe('nelderMead', () => {
  it('nelderMead(Rosenbrock, (−1.2, 1)) finds the minimum at (1, 1) (closed form)', async () => {
    const rosenbrock = ([x, y]: readonly number[]) => 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2;
    const r = await nelderMead(rosenbrock, [-1.2, 1], {
      step: 0.5,
      maxEvaluations: 2_000,
      tolerance: 1e-14,
    });
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
    expect(r.value).toBeLessThan(1e-6);
  });

  it('nelderMead minimises any positive-definite quadratic to its centre, and gives the same path twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 2, maxLength: 4 }),
        fc.array(fc.double({ min: 0.5, max: 5, noNaN: true }), { minLength: 4, maxLength: 4 }),
        async (centre, weights) => {
          const f = (x: readonly number[]) =>
            x.reduce((s, xi, i) => s + weights[i]! * (xi - centre[i]!) ** 2, 0);
          const options = { step: 1, maxEvaluations: 3_000, tolerance: 1e-16 };
          const start = centre.map(() => 0);
          const a = await nelderMead(f, start, options);
          const b = await nelderMead(f, start, options);
          expect(b).toEqual(a);
          a.x.forEach((xi, i) => {
            expect(Math.abs(xi - centre[i]!)).toBeLessThan(1e-4);
          });
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('calibrationLoss', () => {
  const table = (values: readonly (number | null)[]): CalibrationEntry[] =>
    TARGETS.map((t, k) => ({
      ...t,
      simulated: values[k] ?? null,
      withinBand: false,
    }));

  it('calibrationLoss is 0 with every target on its figure, costs at least 1 for a target outside its band, grows away from it, and saturates far outside', () => {
    const onTarget = TARGETS.map((t) => t.target);
    expect(calibrationLoss(table(onTarget))).toBe(0);
    const k = TARGETS.findIndex((t) => t.id === 'tomlein-bubble');
    const at = (v: number) => calibrationLoss(table(onTarget.map((x, i) => (i === k ? v : x))));
    expect(at(26)).toBeLessThan(0.05);
    expect(at(26.01)).toBeGreaterThan(1);
    expect(at(26.01)).toBeLessThan(at(30));
    expect(at(30)).toBeLessThan(at(60));
    // Far outside, the penalty approaches its ceiling: 1 + 4, plus at most 0.05 of pull.
    expect(at(1e6)).toBeLessThan(5.05);
    expect(at(1e6) - at(1e4)).toBeLessThan(0.1);
    expect(calibrationLoss(table(onTarget.map((x, i) => (i === k ? null : x))))).toBe(5);
    expect(at(40)).toBeGreaterThan(at(30));
  });

  it('toCoordinates and fromCoordinates are inverse within the bounds, and every coordinate maps inside the bounds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), {
          minLength: FIT_PARAMETERS.length,
          maxLength: FIT_PARAMETERS.length,
        }),
        (x) => {
          const { point } = fromCoordinates(x);
          for (const key of FIT_PARAMETERS) {
            const [lo, hi] = FIT_BOUNDS[key];
            expect(point[key]).toBeGreaterThanOrEqual(lo * (1 - 1e-12));
            expect(point[key]).toBeLessThanOrEqual(hi * (1 + 1e-12));
          }
          const back = fromCoordinates(toCoordinates(point)).point;
          for (const key of FIT_PARAMETERS)
            expect(Math.abs(back[key] - point[key])).toBeLessThanOrEqual(1e-9 * point[key]);
        },
      ),
    );
  });
});
