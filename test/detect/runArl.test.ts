import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runArl } from '../../src/detect/runArl.js';
import { denseArl, relativeError, simulateAlarmTime } from './support.js';

describe('runArl', () => {
  it('runArl({ p: 0.5, length }) matches the textbook waiting time 2^(r+1) − 2 for r fair-coin heads in a row', () => {
    // Feller vol. 1, ch. XIII: for p = 1/2 the expected wait for r successes in a row is 2^(r+1) − 2.
    for (let r = 1; r <= 20; r++)
      expect(runArl({ p: 0.5, length: r })).toBeCloseTo(2 ** (r + 1) - 2, 6);
  });

  it('runArl({ p, length }) equals the closed form (1 − p^r) / ((1 − p) p^r) and the sum Σ_{j=1..r} p^-j', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.integer({ min: 1, max: 30 }),
        (p, r) => {
          const arl = runArl({ p, length: r });
          const closed = (1 - p ** r) / ((1 - p) * p ** r);
          let series = 0;
          for (let j = 1; j <= r; j++) series += p ** -j;
          expect(relativeError(arl, closed)).toBeLessThan(1e-9);
          expect(relativeError(arl, series)).toBeLessThan(1e-9);
        },
      ),
    );
  });

  it('runArl({ p, length }) matches the brute-force Markov chain on the current run length', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.02, max: 0.95, noNaN: true }),
        fc.integer({ min: 1, max: 12 }),
        (p, r) => {
          const oracle = denseArl<number>(
            0,
            (run, x) => (x === 0 ? 0 : run + 1 >= r ? null : run + 1),
            p,
          );
          expect(relativeError(runArl({ p, length: r }), oracle.arl)).toBeLessThan(1e-10);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('runArl({ p: 0.3, length: 4 }) matches a seeded Monte Carlo mean within 4 standard errors', () => {
    let run = 0;
    const detector = {
      reset: () => {
        run = 0;
      },
      push: (x: 0 | 1) => (run = x === 1 ? run + 1 : 0) >= 4,
    };
    const { mean, se } = simulateAlarmTime(detector, 0.3, 6000, 'run-4');
    expect(Math.abs(mean - runArl({ p: 0.3, length: 4 }))).toBeLessThan(4 * se);
  });

  it('runArl rejects p outside (0, 1) and a non-integer length with code argument and the argument as path', () => {
    expect(() => runArl({ p: 1, length: 3 })).toThrow(
      expect.objectContaining({
        code: 'argument',
        path: 'p',
        message: 'runArl: p must be a number in (0, 1) (got 1)',
      }),
    );
    expect(() => runArl({ p: 0.2, length: 2.5 })).toThrow(
      expect.objectContaining({ code: 'argument', path: 'length' }),
    );
    expect(() => runArl({ p: 0.2, length: 0 })).toThrow(
      expect.objectContaining({
        code: 'argument',
        path: 'length',
        message: 'runArl: length must be an integer >= 1 (got 0)',
      }),
    );
  });
});
