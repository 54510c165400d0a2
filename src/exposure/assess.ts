import { failInput } from '../validate/fail.js';
import type { ResolvedPolicy } from '../policy/resolved.js';
import type { Assessment, GroupAssessment, UserState } from './types.js';

/**
 * An assessment before the interventions are planned: what exposure/ reads off a state. The
 * facade plans the interventions from it and completes the {@link Assessment}.
 *
 * @internal
 */
export type ExposureReading = Omit<Assessment, 'interventions'>;

/**
 * A keyed record of group assessments without `Object.prototype` in its chain, so group ids such
 * as `__proto__` or `constructor` are plain keys. Built by a constructor whose prototype is a
 * null-prototype object rather than by `Object.create(null)`: the instances stay in V8's fast
 * property mode, and `assess` runs on every impression.
 */
const GroupRecord = function GroupRecord(): void {} as unknown as new () => object;
GroupRecord.prototype = Object.create(null) as object;

/**
 * Reads a state at time `at`: the level of each group, its exposure share after time away, the
 * current run (0 once the session gap has passed) and the statistic of the group's detector
 * with its alarm threshold (`thresholds`, per group index: each group may have its own
 * detector). The state must be lined up with the taxonomy (bound). `at` earlier
 * than the last impression counts as the last impression's time.
 *
 * @internal
 */
export function assessState(
  policy: ResolvedPolicy,
  thresholds: Float64Array,
  state: UserState,
  at: number | undefined,
  api: string,
): ExposureReading {
  if (at !== undefined && (typeof at !== 'number' || !Number.isFinite(at)))
    failInput('request', api, 'at', 'must be a finite time in milliseconds', at);
  const when = at ?? state.lastAt;
  const dt = when === null || state.lastAt === null ? 0 : Math.max(0, when - state.lastAt);
  const timeDecay = dt > 0 ? Math.pow(2, -dt / policy.exposure.halfLifeMs) : 1;
  const newSession = state.lastAt === null || dt > policy.exposure.sessionGapMs;
  const groups = new GroupRecord() as Record<string, GroupAssessment>;
  const list = state.groups;
  for (let i = 0; i < list.length; i++) {
    const g = list[i]!;
    const share = g.totalMass > 0 ? (g.triggeringMass * timeDecay) / g.totalMass : 0;
    groups[g.id] = {
      level: g.level,
      exposure: share > 1 ? 1 : share,
      run: newSession ? 0 : g.run,
      statistic: g.statistic,
      threshold: thresholds[i]!,
    };
  }
  return { at: when, impressions: state.impressions, newSession, groups };
}
