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
  private readonly caps = new Map<number | string, readonly string[]>();

  /** @param groupIds - the taxonomy's group ids, in order */
  constructor(private readonly groupIds: readonly string[]) {
    this.recovery = groupIds.map((id) => Object.freeze([`recovery:${id}`]));
  }

  /** `['recovery:<group>']` for group index `g`. */
  recoveryOf(g: number): readonly string[] {
    return this.recovery[g]!;
  }

  /**
   * `cap:<group>` for each group index in `groups`, in that order.
   *
   * @param groups - group indices, in taxonomy order
   * @param mask - the same groups as a bit mask, or −1 past 31 groups
   */
  capsOf(groups: readonly number[], mask: number): readonly string[] {
    const key = mask >= 0 ? mask : groups.join(',');
    let list = this.caps.get(key);
    if (list === undefined) {
      list = Object.freeze(groups.map((g) => `cap:${this.groupIds[g]!}`));
      if (this.caps.size < MAX_KEPT) this.caps.set(key, list);
    }
    return list;
  }
}
