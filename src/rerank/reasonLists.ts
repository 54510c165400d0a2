import type { GroupSet } from './groupSet.js';

/** Sets of capped groups whose reason list is kept; past this, lists are made per request. */
const MAX_KEPT = 1_024;

/**
 * The frozen reason lists of one rebalancer's slots — `cap:<group>` per set of capped groups,
 * `recovery:<group>` per group — made once and shared by every result, instead of being built
 * and frozen again for every request. Frozen, a list shared by two results cannot be changed
 * through either.
 *
 * @internal
 */
export class ReasonLists {
  private readonly recovery: readonly (readonly string[])[];
  private readonly cap: readonly `cap:${string}`[];
  private readonly caps = new Map<number | string, readonly string[]>();

  /** @param groupIds - the taxonomy's group ids, in order */
  constructor(groupIds: readonly string[]) {
    this.recovery = groupIds.map((id) => Object.freeze([`recovery:${id}`]));
    this.cap = groupIds.map((id) => `cap:${id}` as const);
  }

  /**
   * `cap:<group>` for group index `g`: one string per group, so that drop reasons are counted by
   * identity (the decision record) instead of built again per request.
   */
  capOf(g: number): `cap:${string}` {
    return this.cap[g]!;
  }

  /** `['recovery:<group>']` for group index `g`. */
  recoveryOf(g: number): readonly string[] {
    return this.recovery[g]!;
  }

  /**
   * `cap:<group>` for each group of `set`, in taxonomy order.
   *
   * @param set - a set of groups of the taxonomy
   */
  capsOf(set: GroupSet): readonly string[] {
    let list = this.caps.get(set.key);
    if (list === undefined) {
      list = Object.freeze(set.groups.map((g) => this.cap[g]!));
      if (this.caps.size < MAX_KEPT) this.caps.set(set.key, list);
    }
    return list;
  }
}
