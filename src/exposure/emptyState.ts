import type { ResolvedPolicy } from '../policy/resolved.js';
import type { GroupState, UserState } from './types.js';
import { STATE_VERSION, sealState } from './stateShape.js';
import { EMPTY_INTERVENTION_LOG } from '../interventions/interventionSettings.js';

/** A group with nothing observed yet. @internal */
export function emptyGroup(id: string): GroupState {
  return {
    id,
    triggeringMass: 0,
    totalMass: 0,
    run: 0,
    statistic: 0,
    window: '',
    level: 'none',
    hold: 0,
  };
}

/**
 * A fresh state for the given group ids.
 *
 * @internal
 */
export function createEmptyState(groupIds: readonly string[]): UserState {
  return sealState({
    version: STATE_VERSION,
    impressions: 0,
    lastAt: null,
    session: { startedAt: null, impressions: 0 },
    groups: groupIds.map(emptyGroup),
    recoveryShown: [],
    interventions: EMPTY_INTERVENTION_LOG,
    seeLess: [],
  });
}

/**
 * How many recently shown recovery items the state must remember so that none repeats within
 * the cooldown: at most one recovery item per `recoveryEvery` slots can be served, so
 * `ceil(cooldown / smallest recoveryEvery) + 1` entries cover the cooldown. Zero when no level
 * inserts recovery items.
 *
 * @internal
 */
export function recoveryMemoryLimit(policy: ResolvedPolicy): number {
  let smallest = Infinity;
  for (const level of ['none', 'elevated', 'sustained'] as const) {
    const every = policy.levels[level].recoveryEvery;
    if (every !== null && every < smallest) smallest = every;
  }
  if (smallest === Infinity || policy.recovery.cooldown === 0) return 0;
  return Math.ceil(policy.recovery.cooldown / smallest) + 1;
}
