import type { ResolvedDetection } from './detector.js';

/**
 * The value of a detector's statistic at which it alarms: the run length, the window count,
 * the CUSUM's h or the EWMA's limit.
 *
 * @param d - the resolved detector
 * @returns the alarm threshold (the `elevated` threshold is half of it)
 *
 * @example
 * ```ts
 * import { alarmThreshold } from './alarmThreshold.js';
 * alarmThreshold({ kind: 'run', length: 6, hold: 10 }); // 6
 * ```
 *
 * @internal
 */
export function alarmThreshold(d: ResolvedDetection): number {
  switch (d.kind) {
    case 'run':
      return d.length;
    case 'window':
      return d.count;
    case 'cusum':
      return d.h;
    case 'ewma':
      return d.limit;
  }
}
