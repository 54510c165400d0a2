import { describe, expect, it } from 'vitest';
import { cusumArl } from '../../src/detect/cusumArl.js';
import { cusumGamma } from '../../src/detect/cusumGamma.js';
import { ewmaArl } from '../../src/detect/ewmaArl.js';
import { rawLevel } from '../../src/detect/rawLevel.js';
import { runArl } from '../../src/detect/runArl.js';
import { stepStatistic } from '../../src/detect/stepStatistic.js';
import { windowArl } from '../../src/detect/windowArl.js';
import type { ResolvedDetection } from '../../src/detect/detector.js';
import type { Level } from '../../src/detect/levels.js';
import { simulateAlarmTime } from './support.js';

/** The library's own detector, as observe() drives it: stepStatistic, then rawLevel. */
function libraryDetector(d: ResolvedDetection, alarmAt: Level) {
  let statistic = 0;
  let window = '';
  let run = 0;
  return {
    reset: () => {
      statistic = 0;
      window = '';
      run = 0;
    },
    push: (x: 0 | 1) => {
      run = x === 1 ? run + 1 : 0;
      ({ statistic, window } = stepStatistic(d, statistic, window, x, run));
      const level = rawLevel(d, statistic);
      return level === 'sustained' || level === alarmAt;
    },
  };
}

const gamma = cusumGamma(0.05, 0.3);

// Each case: the detector from the library, the helper's ARL, a triggering rate, and how many
// seeded streams to simulate (each run stays under ~1e6 impressions). A correct helper is within
// 4 standard errors of the simulated mean with probability > 0.9999; the EWMA helper is also
// allowed its 1 % discretisation error.
const cases: {
  label: string;
  d: ResolvedDetection;
  alarmAt: Level;
  p: number;
  arl: () => number;
  reps: number;
  slack?: number;
}[] = [
  {
    label: 'run of 4 at p = 0.3',
    d: { kind: 'run', length: 4, hold: 10, evidence: 'labels' },
    alarmAt: 'sustained',
    p: 0.3,
    arl: () => runArl({ p: 0.3, length: 4 }),
    reps: 5000,
  },
  {
    label: 'run of 6 reaches elevated at half its length',
    d: { kind: 'run', length: 6, hold: 10, evidence: 'labels' },
    alarmAt: 'elevated',
    p: 0.37,
    arl: () => runArl({ p: 0.37, length: 3 }),
    reps: 8000,
  },
  {
    label: '3 of 8 at p = 0.15',
    d: { kind: 'window', count: 3, window: 8, hold: 10, evidence: 'labels' },
    alarmAt: 'sustained',
    p: 0.15,
    arl: () => windowArl({ p: 0.15, count: 3, window: 8 }),
    reps: 5000,
  },
  {
    label: '4 of 10 at p0 = 0.05',
    d: { kind: 'window', count: 4, window: 10, hold: 10, evidence: 'labels' },
    alarmAt: 'sustained',
    p: 0.05,
    arl: () => windowArl({ p: 0.05, count: 4, window: 10 }),
    reps: 300,
  },
  {
    label: 'CUSUM h = 2.2 at p1 = 0.3',
    d: { kind: 'cusum', p0: 0.05, p1: 0.3, h: 2.2, gamma, hold: 10, evidence: 'labels' },
    alarmAt: 'sustained',
    p: 0.3,
    arl: () => cusumArl({ p: 0.3, gamma, h: 2.2 }),
    reps: 8000,
  },
  {
    label: 'CUSUM h = 2.2 at p0 = 0.05',
    d: { kind: 'cusum', p0: 0.05, p1: 0.3, h: 2.2, gamma, hold: 10, evidence: 'labels' },
    alarmAt: 'sustained',
    p: 0.05,
    arl: () => cusumArl({ p: 0.05, gamma, h: 2.2 }),
    reps: 600,
  },
  {
    label: 'CUSUM h = 4 reaches elevated at S ≥ 2',
    d: { kind: 'cusum', p0: 0.05, p1: 0.3, h: 4, gamma, hold: 10, evidence: 'labels' },
    alarmAt: 'elevated',
    p: 0.2,
    arl: () => cusumArl({ p: 0.2, gamma, h: 2 }),
    reps: 6000,
  },
  {
    label: 'CUSUM gamma = 1/5, h = 2 at p = 0.12 (exact grid)',
    d: { kind: 'cusum', p0: 0.05, p1: 0.4, h: 2, gamma: 1 / 5, hold: 10, evidence: 'labels' },
    alarmAt: 'sustained',
    p: 0.12,
    arl: () => cusumArl({ p: 0.12, gamma: 1 / 5, h: 2 }),
    reps: 3000,
  },
  {
    label: 'EWMA λ = 0.1, limit 0.3 at p = 0.3',
    d: { kind: 'ewma', lambda: 0.1, limit: 0.3, hold: 10, evidence: 'labels' },
    alarmAt: 'sustained',
    p: 0.3,
    arl: () => ewmaArl({ p: 0.3, lambda: 0.1, limit: 0.3 }),
    reps: 8000,
    slack: 0.01,
  },
];

describe('detectors against their ARL helpers', () => {
  for (const { label, d, alarmAt, p, arl, reps, slack = 0 } of cases) {
    it(`stepStatistic + rawLevel (${label}): mean impressions to ${alarmAt} match the helper within 4 standard errors`, () => {
      const expected = arl();
      const { mean, se } = simulateAlarmTime(
        libraryDetector(d, alarmAt),
        p,
        reps,
        `detector-${label}`,
      );
      expect(Math.abs(mean - expected)).toBeLessThan(4 * se + slack * expected);
    });
  }
});
