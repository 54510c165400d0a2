import type { ResolvedDetection } from './detector.js';
import type { Level } from './levels.js';
import { alarmThreshold } from './alarmThreshold.js';
import { reachesThreshold } from './tolerance.js';

/**
 * The level a detector's statistic calls for before hysteresis: `sustained` while the detector
 * alarms (statistic ≥ threshold), `elevated` from half the threshold, else `none`.
 *
 * Half the threshold means: half the run length for `run`, half the count for `window`,
 * S ≥ h/2 for `cusum` and z ≥ limit/2 for `ewma`. Comparisons forgive a relative 1e-9 of
 * floating-point drift so that the detector agrees with the Markov chains of the ARL helpers.
 *
 * @param d - the resolved detector
 * @param statistic - the detector's statistic
 * @returns the raw level
 *
 * @example
 * ```ts
 * import { rawLevel } from './rawLevel.js';
 * rawLevel({ kind: 'run', length: 6, hold: 10 }, 3); // 'elevated'
 * ```
 *
 * @internal
 */
export function rawLevel(d: ResolvedDetection, statistic: number): Level {
  const threshold = alarmThreshold(d);
  if (reachesThreshold(statistic, threshold)) return 'sustained';
  if (reachesThreshold(statistic, threshold / 2)) return 'elevated';
  return 'none';
}
