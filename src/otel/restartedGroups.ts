import type { UserState } from '../index.js';

const NONE: readonly string[] = Object.freeze([]);

/**
 * The groups whose statistic a write started afresh because the policy changed since the state
 * was stored: each group of a state records a fingerprint of the detector that wrote its
 * statistic (`GroupState.detector`), and a state read under another detector restarts that
 * group's statistic and level (docs/state.md). A group restarted when the fingerprint it was
 * stored with differs from the one it was written back with. A group stored before fingerprints
 * existed has none to compare, and does not count.
 *
 * @param before - the stored state the write replaced (`undefined` for a new user)
 * @param after - the state written
 * @returns the ids of the groups that were started afresh
 * @internal
 */
export function restartedGroups(
  before: UserState | undefined,
  after: UserState,
): readonly string[] {
  if (before === undefined) return NONE;
  let out: string[] | null = null;
  for (const g of after.groups) {
    const stored = before.groups.find((b) => b.id === g.id)?.detector;
    if (stored !== undefined && g.detector !== undefined && stored !== g.detector)
      (out ??= []).push(g.id);
  }
  return out ?? NONE;
}
