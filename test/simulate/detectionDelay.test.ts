import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  detectionDelay,
  SUSTAINED_COUNT,
  SUSTAINED_WINDOW,
} from '../../src/simulate/metrics/detectionDelay.js';

/** Brute force from the definition: scan every window; then every later impression. */
function oracle(
  harmful: number[],
  sustained: number[],
): { sustainedRun: boolean; delay: number | null } {
  for (let end = 0; end < harmful.length; end++) {
    const from = Math.max(0, end - SUSTAINED_WINDOW + 1);
    const window = harmful.slice(from, end + 1);
    if (window.filter((x) => x === 1).length < SUSTAINED_COUNT) continue;
    const start = from + window.indexOf(1);
    // sustained[k] describes the state before impression k (sustained[0]: the empty state).
    if (sustained[start] === 1) return { sustainedRun: true, delay: 0 };
    for (let k = start; k < harmful.length; k++) {
      if (sustained[k + 1] === 1) return { sustainedRun: true, delay: k - start + 1 };
    }
    return { sustainedRun: true, delay: null };
  }
  return { sustainedRun: false, delay: null };
}

describe('detectionDelay', () => {
  it('detectionDelay(harmful, sustained, n) matches a brute-force scan of every window on streams of up to 80 impressions', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 80 })
          .chain((n) =>
            fc.tuple(
              fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
              fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n + 1, maxLength: n + 1 }),
              fc.double({ min: 0.2, max: 0.9, noNaN: true }),
            ),
          ),
        ([harmfulRaw, sustained, density]) => {
          // Thin out or keep harmful flags so that both outcomes (run or no run) occur often.
          const harmful = harmfulRaw.map((x, k) =>
            x === 1 || (k * density) % 1 < density / 2 ? 1 : 0,
          );
          const got = detectionDelay(
            Uint8Array.from(harmful),
            Uint8Array.from(sustained),
            harmful.length,
          );
          expect(got).toEqual(oracle(harmful, sustained));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('detectionDelay counts from the run’s first triggering impression: 10 in a row detected at the 4th gives 4', () => {
    const harmful = [0, 0, 0, ...new Array<number>(10).fill(1), 0, 0];
    const sustained = new Array<number>(harmful.length + 1).fill(0);
    sustained[3 + 4] = 1; // after impression index 6, the 4th of the run
    expect(
      detectionDelay(Uint8Array.from(harmful), Uint8Array.from(sustained), harmful.length),
    ).toEqual({
      sustainedRun: true,
      delay: 4,
    });
  });
});
