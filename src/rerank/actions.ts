import type { Assessment } from '../exposure/types.js';
import type { ResolvedDiversify, ResolvedGroupPolicy } from '../policy/resolved.js';
import { levelRank } from '../detect/levels.js';

/** What the policy asks of this request, from each group's current level. @internal */
export interface RequestActions {
  /** Per group, the cap's count, or −1 for no cap. */
  readonly capCount: Int32Array;
  /** Per group, the cap's window. */
  readonly capWindow: Int32Array;
  /** Groups calling for recovery, most severe level first, then taxonomy order. */
  readonly callers: number[];
  /** The shortest cadence among the callers, or 0. */
  readonly recoveryEvery: number;
  /** The diversification of the most severe level that asks for one. */
  readonly diversify: ResolvedDiversify | null;
  /** Whether anything at all is asked. */
  readonly any: boolean;
}

/**
 * Reads, for every group, what its current level does under the group's own policy.
 *
 * @internal
 */
export function actionsFor(
  groups: readonly ResolvedGroupPolicy[],
  groupIds: readonly string[],
  assessment: Assessment,
): RequestActions {
  const n = groupIds.length;
  const capCount = new Int32Array(n).fill(-1);
  const capWindow = new Int32Array(n).fill(1);
  const callers: { g: number; rank: number }[] = [];
  let recoveryEvery = 0;
  let diversify: ResolvedDiversify | null = null;
  let diversifyRank = -1;
  let any = false;
  for (let g = 0; g < n; g++) {
    const level = assessment.groups[groupIds[g]!]?.level ?? 'none';
    const action = groups[g]!.levels[level];
    if (action.cap !== null) {
      capCount[g] = action.cap.count;
      capWindow[g] = action.cap.window;
      any = true;
    }
    if (action.recoveryEvery !== null) {
      callers.push({ g, rank: levelRank(level) });
      if (recoveryEvery === 0 || action.recoveryEvery < recoveryEvery)
        recoveryEvery = action.recoveryEvery;
      any = true;
    }
    if (action.diversify !== null && levelRank(level) > diversifyRank) {
      diversify = action.diversify;
      diversifyRank = levelRank(level);
      any = true;
    }
  }
  callers.sort((a, b) => b.rank - a.rank || a.g - b.g);
  return { capCount, capWindow, callers: callers.map((c) => c.g), recoveryEvery, diversify, any };
}

/** Combinations of levels whose actions are kept; past this, they are worked out per request. */
const MAX_KEPT = 4_096;

/**
 * {@link actionsFor} per combination of group levels, kept for one rebalancer: every request
 * asks for the actions of its user's levels, and a taxonomy of a few groups has a handful of
 * combinations. The actions kept are never written to.
 *
 * @internal
 */
export class ActionCache {
  private readonly kept = new Map<number, RequestActions>();

  /**
   * @param groups - per group index, the group's policy
   * @param groupIds - its taxonomy's group ids
   */
  constructor(
    private readonly groups: readonly ResolvedGroupPolicy[],
    private readonly groupIds: readonly string[],
  ) {}

  /** The actions for `assessment`'s levels. */
  for(assessment: Assessment): RequestActions {
    const groups = this.groupIds.length;
    // The levels in base 3: exact in a double up to 33 groups; beyond, nothing is kept.
    if (groups > 33) return actionsFor(this.groups, this.groupIds, assessment);
    let key = 0;
    for (let g = 0; g < groups; g++)
      key = key * 3 + levelRank(assessment.groups[this.groupIds[g]!]?.level ?? 'none');
    let actions = this.kept.get(key);
    if (actions === undefined) {
      actions = actionsFor(this.groups, this.groupIds, assessment);
      if (this.kept.size < MAX_KEPT) this.kept.set(key, actions);
    }
    return actions;
  }
}
