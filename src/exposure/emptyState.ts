import type { ResolvedGroupPolicy, ResolvedPolicy } from '../policy/resolved.js';
import type { GroupState, UserState } from './types.js';
import { STATE_VERSION } from './stateShape.js';
import { sealState } from './sealState.js';
import { LEVELS } from '../detect/levels.js';
import { EMPTY_INTERVENTION_LOG } from '../feedback/interventionLog.js';

/**
 * A group with nothing observed yet, stamped with the fingerprint of its detector.
 *
 * @internal
 */
export function emptyGroup(id: string, detector: string): GroupState {
  return {
    id,
    triggeringMass: 0,
    totalMass: 0,
    run: 0,
    statistic: 0,
    window: '',
    level: 'none',
    hold: 0,
    detector,
  };
}

/**
 * A fresh state for the given group ids, each stamped with its detector's fingerprint.
 *
 * @internal
 */
export function createEmptyState(
  groupIds: readonly string[],
  fingerprints: readonly string[],
): UserState {
  return sealState({
    version: STATE_VERSION,
    impressions: 0,
    lastAt: null,
    session: { startedAt: null, impressions: 0 },
    groups: groupIds.map((id, g) => emptyGroup(id, fingerprints[g]!)),
    recoveryShown: [],
    interventions: EMPTY_INTERVENTION_LOG,
    seeLess: [],
  });
}

/**
 * How many recently shown recovery items the state must remember so that none repeats within
 * the cooldown: at most one recovery item per `recoveryEvery` slots can be served, so
 * `ceil(cooldown / smallest recoveryEvery) + 1` entries cover the cooldown, the smallest taken
 * over every level of every group's policy. Zero when no level inserts recovery items.
 *
 * @internal
 */
export function recoveryMemoryLimit(
  policy: ResolvedPolicy,
  groups: readonly ResolvedGroupPolicy[],
): number {
  let smallest = Infinity;
  for (const group of groups)
    for (const level of LEVELS) {
      const every = group.levels[level].recoveryEvery;
      if (every !== null && every < smallest) smallest = every;
    }
  if (smallest === Infinity || policy.recovery.cooldown === 0) return 0;
  return Math.ceil(policy.recovery.cooldown / smallest) + 1;
}
