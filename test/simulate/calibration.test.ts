import { describe, expect, it } from 'vitest';
import { calibrate } from '../../src/simulate/index.js';
import { FITTED } from '../../src/simulate/calibration/fitted.js';
import { TARGETS } from '../../src/simulate/calibration/targets.js';

/**
 * The committed constants against every published target, under each target's protocol, at the
 * size `calibrate()` uses by default: four seeds, 50 scripted accounts per arm and seed (200
 * accounts per target). Run at collection time so the measured values appear in the test names.
 * The targets the fit reached must stay within their bands; the ones it did not reach are listed
 * in the fit's record and in docs/simulation.md, and are checked to be still out of reach, so
 * that a change of the model that brings one in updates the documentation too.
 */
const report = await calibrate();
const reached: readonly string[] = FITTED.fit.reached;

describe('calibration of the off baseline against public audits (4 seeds × 50 accounts per arm)', () => {
  it('calibrate() runs every target with the default seeds and 200 accounts per target', () => {
    expect(report.seeds).toEqual([1, 2, 3, 4]);
    expect(report.usersPerSeed * report.seeds.length).toBeGreaterThanOrEqual(200);
    expect(report.calibration.map((e) => e.source)).toEqual(TARGETS.map((t) => t.source));
  });

  TARGETS.forEach((target, k) => {
    const entry = report.calibration[k]!;
    const shown = entry.simulated === null ? 'none' : entry.simulated.toPrecision(3);
    const expected = reached.includes(target.id);
    it(`${target.source} — ${target.measure}: target ${target.target} in [${target.low}, ${target.high}], simulated ${shown}: ${expected ? 'within the band' : 'outside it, as documented'}`, () => {
      expect(entry.target).toBe(target.target);
      expect(entry.withinBand).toBe(
        entry.simulated !== null && entry.simulated >= target.low && entry.simulated <= target.high,
      );
      expect(entry.withinBand).toBe(expected);
    });
  });
});
