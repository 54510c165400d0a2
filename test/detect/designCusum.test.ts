import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cusumArl } from '../../src/detect/cusumArl.js';
import { designCusum } from '../../src/detect/designCusum.js';

const design = fc
  .record({
    p0: fc.double({ min: 0.01, max: 0.2, noNaN: true }),
    gap: fc.double({ min: 0.08, max: 0.5, noNaN: true }),
    target: fc.double({ min: 5, max: 3000, noNaN: true }),
  })
  .map(({ p0, gap, target }) => ({ p0, p1: Math.min(0.95, p0 + gap), target }));

describe('designCusum', () => {
  it('designCusum({ p0, p1, targetArl0 }) meets the target, the next lower grid h misses it, and arl0/arl1 are cusumArl at p0/p1', () => {
    fc.assert(
      fc.property(design, ({ p0, p1, target }) => {
        const d = designCusum({ p0, p1, targetArl0: target });
        expect(d.arl0).toBeGreaterThanOrEqual(target);
        expect(d.arl0).toBe(cusumArl({ p: p0, gamma: d.gamma, h: d.h }));
        expect(d.arl1).toBe(cusumArl({ p: p1, gamma: d.gamma, h: d.h }));
        expect(d.arl1).toBeLessThan(d.arl0);
        expect(Math.round(d.h / 0.05) * 0.05).toBeCloseTo(d.h, 9); // on the 0.05 grid
        if (d.h > 0.05)
          expect(cusumArl({ p: p0, gamma: d.gamma, h: d.h - 0.05 })).toBeLessThan(target);
      }),
      { numRuns: 25 },
    );
  });

  it('designCusum({ p0, p1, targetArl0 }) gives an h that never decreases as the target grows', () => {
    fc.assert(
      fc.property(
        design,
        fc.double({ min: 1, max: 20, noNaN: true }),
        ({ p0, p1, target }, factor) => {
          const low = designCusum({ p0, p1, targetArl0: target });
          const high = designCusum({ p0, p1, targetArl0: target * factor });
          expect(high.h).toBeGreaterThanOrEqual(low.h);
          expect(high.arl0).toBeGreaterThanOrEqual(low.arl0);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('designCusum returns gamma = ln((1−p0)/(1−p1)) / ln(p1(1−p0)/(p0(1−p1))), strictly between p0 and p1', () => {
    fc.assert(
      fc.property(design, ({ p0, p1 }) => {
        const { gamma } = designCusum({ p0, p1, targetArl0: 2 });
        const direct = Math.log((1 - p0) / (1 - p1)) / Math.log((p1 * (1 - p0)) / (p0 * (1 - p1)));
        expect(gamma).toBeCloseTo(direct, 12);
        expect(gamma).toBeGreaterThan(p0);
        expect(gamma).toBeLessThan(p1);
      }),
      { numRuns: 50 },
    );
  });

  it('designCusum({ step }) searches a coarser or finer grid and still returns the smallest h on it', () => {
    for (const step of [0.01, 0.25, 1]) {
      const d = designCusum({ p0: 0.05, p1: 0.3, targetArl0: 1000, step });
      expect(Math.abs(d.h / step - Math.round(d.h / step))).toBeLessThan(1e-9);
      expect(d.arl0).toBeGreaterThanOrEqual(1000);
      expect(cusumArl({ p: 0.05, gamma: d.gamma, h: d.h - step })).toBeLessThan(1000);
    }
  });

  it('designCusum rejects bad arguments with code argument and the argument as path', () => {
    const bad: [unknown, string, string][] = [
      [
        { p0: 0, p1: 0.3, targetArl0: 100 },
        'p0',
        'designCusum: p0 must be a number in (0, 1) (got 0)',
      ],
      [
        { p0: 0.3, p1: 0.3, targetArl0: 100 },
        'p1',
        'designCusum: p1 must be a number in (p0, 1) = (0.3, 1) (got 0.3)',
      ],
      [
        { p0: 0.05, p1: 0.3, targetArl0: 1 },
        'targetArl0',
        'designCusum: targetArl0 must be a number in (1, 1000000000000] (got 1)',
      ],
      [
        { p0: 0.05, p1: 0.3, targetArl0: 100, step: 0 },
        'step',
        'designCusum: step must be a number in (0, 10] (got 0)',
      ],
      [
        { p0: 0.05, p1: 0.3, targetArl0: '100' },
        'targetArl0',
        'designCusum: targetArl0 must be a number in (1, 1000000000000] (got "100")',
      ],
    ];
    for (const [input, path, message] of bad)
      expect(() => designCusum(input as never)).toThrow(
        expect.objectContaining({ code: 'argument', path, message }),
      );
  });

  it('designCusum reports a target beyond what cusumArl can evaluate on targetArl0, not on an internal h', () => {
    // p1 barely above p0: the drift at p0 is tiny, so a huge target needs an h in the thousands.
    expect(() => designCusum({ p0: 0.3, p1: 0.3001, targetArl0: 1e12, step: 10 })).toThrow(
      expect.objectContaining({ code: 'argument', path: 'targetArl0' }),
    );
  });
});
