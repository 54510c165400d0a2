import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alarmThreshold } from '../../src/detect/alarmThreshold.js';
import { cusumGamma } from '../../src/detect/cusumGamma.js';
import { nextLevel } from '../../src/detect/nextLevel.js';
import { rawLevel } from '../../src/detect/rawLevel.js';
import { stepStatistic } from '../../src/detect/stepStatistic.js';
import type { ResolvedDetection } from '../../src/detect/detector.js';
import type { Level } from '../../src/detect/levels.js';

const RANK: Record<Level, number> = { none: 0, elevated: 1, sustained: 2 };
const level = fc.constantFrom<Level>('none', 'elevated', 'sustained');

const detection: fc.Arbitrary<ResolvedDetection> = fc.oneof(
  fc
    .integer({ min: 1, max: 12 })
    .map((length): ResolvedDetection => ({ kind: 'run', length, hold: 0, evidence: 'labels' })),
  fc
    .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 12 }))
    .map(([count, extra]): ResolvedDetection => ({
      kind: 'window',
      count,
      window: count + extra,
      hold: 0,
      evidence: 'labels',
    })),
  fc
    .tuple(
      fc.double({ min: 0.01, max: 0.3, noNaN: true }),
      fc.double({ min: 0.05, max: 0.5, noNaN: true }),
      fc.double({ min: 0.5, max: 8, noNaN: true }),
    )
    .map(([p0, gap, h]): ResolvedDetection => ({
      kind: 'cusum',
      p0,
      p1: p0 + gap,
      h,
      gamma: cusumGamma(p0, p0 + gap),
      hold: 0,
      evidence: 'labels',
    })),
  fc
    .tuple(
      fc.double({ min: 0.02, max: 1, noNaN: true }),
      fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    )
    .map(([lambda, limit]): ResolvedDetection => ({
      kind: 'ewma',
      lambda,
      limit,
      hold: 0,
      evidence: 'labels',
    })),
);

/** Feeds a constant stream to a detector from a given state and returns the levels in force. */
function levelsOnConstantStream(
  d: ResolvedDetection,
  x: 0 | 1,
  length: number,
  holdLength: number,
  start: { statistic: number; window: string; run: number; level: Level; hold: number },
): Level[] {
  let { statistic, window, run } = start;
  let held = { level: start.level, hold: start.hold };
  const levels: Level[] = [];
  for (let n = 0; n < length; n++) {
    run = x === 1 ? run + 1 : 0;
    ({ statistic, window } = stepStatistic(d, statistic, window, x, run));
    held = nextLevel(held, rawLevel(d, statistic), holdLength);
    levels.push(held.level);
  }
  return levels;
}

describe('rawLevel and alarmThreshold', () => {
  it('rawLevel(d, statistic) is sustained from the alarm threshold, elevated from half of it, none below', () => {
    fc.assert(
      fc.property(detection, fc.double({ min: 0, max: 20, noNaN: true }), (d, statistic) => {
        const threshold = alarmThreshold(d);
        const expected: Level =
          statistic >= threshold ? 'sustained' : statistic >= threshold / 2 ? 'elevated' : 'none';
        // Only values within the 1e-9 drift tolerance of a threshold may differ.
        const nearEdge = [threshold, threshold / 2].some(
          (t) => Math.abs(statistic - t) <= 1e-9 * Math.max(1, t),
        );
        if (!nearEdge) expect(rawLevel(d, statistic)).toBe(expected);
      }),
    );
  });

  it('alarmThreshold(d) is the run length, the window count, h or the EWMA limit', () => {
    expect(alarmThreshold({ kind: 'run', length: 6, hold: 0, evidence: 'labels' })).toBe(6);
    expect(
      alarmThreshold({ kind: 'window', count: 3, window: 10, hold: 0, evidence: 'labels' }),
    ).toBe(3);
    expect(
      alarmThreshold({
        kind: 'cusum',
        p0: 0.05,
        p1: 0.3,
        h: 2.2,
        gamma: 0.15,
        hold: 0,
        evidence: 'labels',
      }),
    ).toBe(2.2);
    expect(
      alarmThreshold({ kind: 'ewma', lambda: 0.1, limit: 0.3, hold: 0, evidence: 'labels' }),
    ).toBe(0.3);
  });

  it('rawLevel(cusum with gamma = 1/m) alarms exactly when the exact statistic k/m reaches h, despite rounding drift', () => {
    // 1/m is not a binary fraction for most m, so S drifts off k/m; the detector must still agree
    // with the Markov chain of cusumArl, which alarms at the first k with k/m ≥ h.
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 40 }),
        fc.integer({ min: 1, max: 120 }),
        fc.array(fc.constantFrom<0 | 1>(0, 1), { maxLength: 400 }),
        (m, j, stream) => {
          const d: ResolvedDetection = {
            kind: 'cusum',
            p0: 0.01,
            p1: 0.9,
            h: j / m,
            gamma: 1 / m,
            hold: 0,
            evidence: 'labels',
          };
          let statistic = 0;
          let k = 0;
          for (const x of stream) {
            statistic = stepStatistic(d, statistic, '', x, 0).statistic;
            k = Math.max(0, k + m * x - 1);
            expect(rawLevel(d, statistic) === 'sustained').toBe(k >= j);
          }
        },
      ),
    );
  });
});

describe('nextLevel (hysteresis)', () => {
  it('nextLevel rises at once: when raw ≥ the current level the level becomes raw and the hold is refilled', () => {
    fc.assert(
      fc.property(level, level, fc.nat(50), fc.nat(50), (current, raw, hold, holdLength) => {
        fc.pre(RANK[raw] >= RANK[current]);
        expect(nextLevel({ level: current, hold }, raw, holdLength)).toEqual({
          level: raw,
          hold: holdLength,
        });
      }),
    );
  });

  it('nextLevel never falls before holdLength impressions below the level, and falls on the next one', () => {
    // Any sequence of raw levels: every fall from L happens exactly on the (H+1)-th consecutive
    // impression whose raw level is below L, counted from the last impression at or above L.
    fc.assert(
      fc.property(fc.array(level, { maxLength: 200 }), fc.nat(15), (raws, holdLength) => {
        let held = { level: 'none' as Level, hold: holdLength };
        let below = 0; // consecutive raws below the level in force
        for (const raw of raws) {
          const before = held.level;
          held = nextLevel(held, raw, holdLength);
          if (RANK[raw] >= RANK[before]) below = 0;
          else below++;
          if (RANK[held.level] < RANK[before]) {
            expect(below).toBe(holdLength + 1);
            expect(held.level).toBe(raw);
            below = 0;
          } else if (RANK[raw] < RANK[before]) {
            expect(held.level).toBe(before);
            expect(below).toBeLessThanOrEqual(holdLength);
          }
          expect(RANK[held.level]).toBeGreaterThanOrEqual(RANK[raw]);
        }
      }),
    );
  });

  it('nextLevel with holdLength 0 follows the raw level exactly', () => {
    fc.assert(
      fc.property(fc.array(level, { maxLength: 100 }), (raws) => {
        let held = { level: 'none' as Level, hold: 0 };
        for (const raw of raws) {
          held = nextLevel(held, raw, 0);
          expect(held.level).toBe(raw);
        }
      }),
    );
  });

  it('the detectors never flap on an all-triggering stream: the level never decreases', () => {
    fc.assert(
      fc.property(
        detection,
        fc.integer({ min: 1, max: 200 }),
        fc.nat(20),
        (d, length, holdLength) => {
          const levels = levelsOnConstantStream(d, 1, length, holdLength, {
            statistic: 0,
            window: '',
            run: 0,
            level: 'none',
            hold: holdLength,
          });
          for (let n = 1; n < levels.length; n++)
            expect(RANK[levels[n]!]).toBeGreaterThanOrEqual(RANK[levels[n - 1]!]);
        },
      ),
    );
  });

  it('the detectors never flap on an all-benign stream from any reachable state: the level never increases', () => {
    fc.assert(
      fc.property(
        detection,
        fc.array(fc.constantFrom<0 | 1>(0, 1), { maxLength: 60 }),
        fc.integer({ min: 1, max: 200 }),
        fc.nat(20),
        (d, prefix, length, holdLength) => {
          // Reach an arbitrary state with an arbitrary prefix, then feed benign impressions only.
          let statistic = 0;
          let window = '';
          let run = 0;
          let held = { level: 'none' as Level, hold: holdLength };
          for (const x of prefix) {
            run = x === 1 ? run + 1 : 0;
            ({ statistic, window } = stepStatistic(d, statistic, window, x, run));
            held = nextLevel(held, rawLevel(d, statistic), holdLength);
          }
          const levels = [
            held.level,
            ...levelsOnConstantStream(d, 0, length, holdLength, {
              statistic,
              window,
              run,
              ...held,
            }),
          ];
          for (let n = 1; n < levels.length; n++)
            expect(RANK[levels[n]!]).toBeLessThanOrEqual(RANK[levels[n - 1]!]);
        },
      ),
    );
  });

  it('nextLevel keeps a sustained level for exactly hold benign impressions after a run (hold 10 by default)', () => {
    const d: ResolvedDetection = { kind: 'run', length: 3, hold: 10, evidence: 'labels' };
    const stream: (0 | 1)[] = [1, 1, 1, ...Array<0>(12).fill(0)];
    const levels = levelsOnConstantStream(d, 1, 3, 10, {
      statistic: 0,
      window: '',
      run: 0,
      level: 'none',
      hold: 10,
    });
    expect(levels).toEqual(['none', 'elevated', 'sustained']);
    const after = levelsOnConstantStream(d, 0, stream.length - 3, 10, {
      statistic: 3,
      window: '',
      run: 3,
      level: 'sustained',
      hold: 10,
    });
    expect(after).toEqual([...Array<Level>(10).fill('sustained'), 'none', 'none']);
  });

  it('nextLevel treats a corrupted hold counter as spent instead of holding forever', () => {
    expect(nextLevel({ level: 'sustained', hold: Number.NaN }, 'none', 5)).toEqual({
      level: 'none',
      hold: 5,
    });
    expect(nextLevel({ level: 'sustained', hold: Infinity }, 'none', 5)).toEqual({
      level: 'none',
      hold: 5,
    });
    expect(nextLevel({ level: 'elevated', hold: -3 }, 'none', 5)).toEqual({
      level: 'none',
      hold: 5,
    });
  });
});
