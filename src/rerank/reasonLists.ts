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
  private readonly caps = new Map<string, readonly string[]>();

  /** @param groupIds - the taxonomy's group ids, in order */
  constructor(private readonly groupIds: readonly string[]) {
    this.recovery = groupIds.map((id) => Object.freeze([`recovery:${id}`]));
  }

  /** `['recovery:<group>']` for group index `g`. */
  recoveryOf(g: number): readonly string[] {
    return this.recovery[g]!;
  }

  /** `cap:<group>` for each group index in `groups`, in that order. */
  capsOf(groups: readonly number[]): readonly string[] {
    const key = groups.join(',');
    let list = this.caps.get(key);
    if (list === undefined) {
      list = Object.freeze(groups.map((g) => `cap:${this.groupIds[g]!}`));
      if (this.caps.size < MAX_KEPT) this.caps.set(key, list);
    }
    return list;
  }
}
