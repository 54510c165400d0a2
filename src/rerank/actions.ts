import type { Assessment } from '../exposure/types.js';
import type { ResolvedDiversify, ResolvedGroupPolicy } from '../policy/resolved.js';
import { levelRank, type Level } from '../detect/levels.js';
import type { Cap } from '../policy/types.js';
import type { AppliedActions } from './types.js';

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
  /**
   * The same as a result reports it (deeply frozen): made once with the actions, so the results
   * of requests at the same levels share it, as they share their slots' reason lists.
   */
  readonly applied: AppliedActions;
  /** Every group's level, keyed by group id (null prototype, frozen), as decision records give them. */
  readonly levels: Readonly<Record<string, Level>>;
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
  ownPolicy: readonly string[],
): RequestActions {
  const n = groupIds.length;
  const capCount = new Int32Array(n).fill(-1);
  const capWindow = new Int32Array(n).fill(1);
  const callers: { g: number; rank: number }[] = [];
  let recoveryEvery = 0;
  let diversify: ResolvedDiversify | null = null;
  let diversifyRank = -1;
  let any = false;
  const levels = Object.create(null) as Record<string, Level>;
  for (let g = 0; g < n; g++) {
    const level = assessment.groups[groupIds[g]!]?.level ?? 'none';
    levels[groupIds[g]!] = level;
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
  const order = callers.map((c) => c.g);
  return {
    capCount,
    capWindow,
    callers: order,
    recoveryEvery,
    diversify,
    any,
    applied: appliedOf(capCount, capWindow, order, recoveryEvery, diversify, groupIds, ownPolicy),
    levels: Object.freeze(levels),
  };
}

/** What a result reports as applied, frozen all through. */
function appliedOf(
  capCount: Int32Array,
  capWindow: Int32Array,
  callers: readonly number[],
  recoveryEvery: number,
  diversify: ResolvedDiversify | null,
  groupIds: readonly string[],
  ownPolicy: readonly string[],
): AppliedActions {
  const caps = Object.create(null) as Record<string, Cap>;
  for (let g = 0; g < groupIds.length; g++)
    if (capCount[g]! >= 0)
      caps[groupIds[g]!] = Object.freeze({ count: capCount[g]!, window: capWindow[g]! });
  const applied: { -readonly [K in keyof AppliedActions]: AppliedActions[K] } = {
    caps: Object.freeze(caps),
    recoveryEvery: recoveryEvery === 0 ? null : recoveryEvery,
    recoveryGroups: Object.freeze(callers.map((g) => groupIds[g]!)),
    diversify: diversify === null ? null : diversify.kind,
  };
  if (ownPolicy.length > 0) applied.ownPolicy = ownPolicy;
  return Object.freeze(applied);
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
   * @param ownPolicy - ids of the groups with a policy block of their own (frozen)
   */
  constructor(
    private readonly groups: readonly ResolvedGroupPolicy[],
    private readonly groupIds: readonly string[],
    private readonly ownPolicy: readonly string[],
  ) {}

  /** The actions for `assessment`'s levels. */
  for(assessment: Assessment): RequestActions {
    const groups = this.groupIds.length;
    // The levels in base 3: exact in a double up to 33 groups; beyond, nothing is kept.
    if (groups > 33) return actionsFor(this.groups, this.groupIds, assessment, this.ownPolicy);
    let key = 0;
    for (let g = 0; g < groups; g++)
      key = key * 3 + levelRank(assessment.groups[this.groupIds[g]!]?.level ?? 'none');
    let actions = this.kept.get(key);
    if (actions === undefined) {
      actions = actionsFor(this.groups, this.groupIds, assessment, this.ownPolicy);
      if (this.kept.size < MAX_KEPT) this.kept.set(key, actions);
    }
    return actions;
  }
}
