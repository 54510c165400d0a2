import type { UserState } from './types.js';

/**
 * Freezes a state built by the library. Entries of `recoveryShown`, `interventions.shown` and
 * `seeLess` are frozen where they are created. Lists taken over unchanged from `previous`, a
 * sealed state, are frozen already and are not frozen again (a freeze is a runtime call, and
 * `observe` seals a state per call).
 *
 * @internal
 */
export function sealState(state: UserState, previous: UserState | null = null): UserState {
  const groups = state.groups;
  for (let g = 0; g < groups.length; g++) Object.freeze(groups[g]);
  Object.freeze(groups);
  if (state.recoveryShown !== previous?.recoveryShown) Object.freeze(state.recoveryShown);
  Object.freeze(state.session);
  if (state.interventions !== undefined && state.interventions !== previous?.interventions) {
    Object.freeze(state.interventions.shown);
    Object.freeze(state.interventions);
  }
  if (state.seeLess !== undefined && state.seeLess !== previous?.seeLess)
    Object.freeze(state.seeLess);
  return Object.freeze(state);
}
