import type { UserState } from './types.js';

/**
 * The states this library built and froze most recently, each with the rebalancer it is lined
 * up with (or `null` when only its structure is known to be valid). A state found here skips
 * re-validation: being frozen, it cannot have changed since. A small ring rather than a
 * WeakMap, because a WeakMap insertion costs more than the whole `observe` it would save; the
 * common `state = rb.observe(state, …)` then `rb.rebalance({ state, … })` always hits, and a
 * state that has left the ring is simply validated again.
 */
const RING = 32;
const ringStates: (object | undefined)[] = new Array<object | undefined>(RING);
const ringOwners: (object | null)[] = new Array<object | null>(RING).fill(null);
let ringNext = 0;

/**
 * Freezes a state built by the library and remembers it as trusted, lined up with `owner`.
 * Entries of `recoveryShown` are frozen where they are created. Lists taken over unchanged from
 * `previous`, a sealed state, are frozen already and are not frozen again (a freeze is a
 * runtime call, and `observe` seals a state per impression).
 *
 * @internal
 */
export function sealState(
  state: UserState,
  owner: object | null = null,
  previous: UserState | null = null,
): UserState {
  const groups = state.groups;
  for (let g = 0; g < groups.length; g++) Object.freeze(groups[g]);
  Object.freeze(groups);
  if (state.recoveryShown !== previous?.recoveryShown) Object.freeze(state.recoveryShown);
  Object.freeze(state.session);
  // Entries of both lists are frozen where they are created.
  if (state.interventions !== undefined && state.interventions !== previous?.interventions) {
    Object.freeze(state.interventions.shown);
    Object.freeze(state.interventions);
  }
  if (state.seeLess !== undefined && state.seeLess !== previous?.seeLess)
    Object.freeze(state.seeLess);
  Object.freeze(state);
  return adoptState(state, owner);
}

/** The rebalancer a recently sealed state is lined up with; `undefined` when unknown. @internal */
export function sealedOwner(value: unknown): object | null | undefined {
  // Newest first: the state just returned by observe is the usual one.
  for (let k = 1; k <= RING; k++) {
    const i = (ringNext - k + RING) % RING;
    if (ringStates[i] === value) return ringOwners[i];
  }
  return undefined;
}

/** Records that a sealed state is lined up with `owner`. @internal */
export function adoptState(state: UserState, owner: object | null): UserState {
  ringStates[ringNext] = state;
  ringOwners[ringNext] = owner;
  ringNext = (ringNext + 1) % RING;
  return state;
}
