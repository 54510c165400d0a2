import type { UserState } from '../../index.js';

/**
 * Hook for `feed_rebalancer_state_restarts_total`: the groups whose stored state a fold started
 * afresh because the policy changed since the state was stored (a detector of another kind or
 * with other parameters cannot carry on from the old statistic).
 *
 * States do not yet record which detector each group's statistic belongs to, so no restart can
 * be seen and this returns none. The core is adding a per-group detector fingerprint to the
 * state; once it lands, compare the fingerprint of each group in `before` with the one in
 * `after` here and return the groups that differ — the counter and its callers are in place.
 *
 * @param _before - the stored state the fold started from (`undefined` for a new user)
 * @param _after - the state the fold wrote
 * @returns the ids of the groups that were started afresh
 * @internal
 */
/* eslint-disable @typescript-eslint/no-unused-vars -- the parameters are the hook's contract; its body comes with the fingerprints */
export function restartedGroups(
  _before: UserState | undefined,
  _after: UserState,
): readonly string[] {
  return NONE;
}
/* eslint-enable @typescript-eslint/no-unused-vars */

const NONE: readonly string[] = Object.freeze([]);
