import { describe, expect, it } from 'vitest';
import { calibrate } from '../../src/simulate/index.js';
import { TARGETS } from '../../src/simulate/calibration/targets.js';

/**
 * The committed constants against every published target, under each target's protocol, at the
 * size `calibrate()` uses by default: four seeds, 50 scripted accounts per arm and seed (200
 * accounts per target; CCDH's first times are taken over 50 groups of four). Run once, at
 * collection time, so the measured values appear in the test names and the nine checks share
 * one calibration run (about ten seconds on one core). Every fitted value must reproduce its
 * target within the target's band.
 */
const report = await calibrate();

describe('calibration of the off baseline against public audits (4 seeds × 50 accounts per arm)', () => {
  it('calibrate() runs every target with the default seeds and 200 accounts per target', () => {
    expect(report.seeds).toEqual([1, 2, 3, 4]);
    expect(report.usersPerSeed * report.seeds.length).toBeGreaterThanOrEqual(200);
    expect(report.calibration.map((e) => e.source)).toEqual(TARGETS.map((t) => t.source));
  });

  TARGETS.forEach((target, k) => {
    const entry = report.calibration[k]!;
    const shown = entry.simulated === null ? 'none' : entry.simulated.toPrecision(3);
    it(`${target.source} — ${target.measure}: simulated ${shown} lies within [${target.low}, ${target.high}] (target ${target.target})`, () => {
      expect(entry.target).toBe(target.target);
      expect(entry.simulated).not.toBeNull();
      expect(entry.simulated!).toBeGreaterThanOrEqual(target.low);
      expect(entry.simulated!).toBeLessThanOrEqual(target.high);
      expect(entry.withinBand).toBe(true);
    });
  });
});
