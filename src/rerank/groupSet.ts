import type { Arena } from '../scratch/Arena.js';

// Sets of groups, one abstraction for the two encodings the request path needs: up to 31 groups
// a set is a bit mask in one int32 (bit g: group g), so a candidate's set of capped groups costs
// one AND and a cap check one AND; beyond, sets are lists of group indices keyed by their
// spelled-out indices. The fill, the signatures, the audit and the reason lists ask these types
// questions and never look at the encoding.

/** Most groups whose sets are bit masks. */
export const MASK_GROUPS = 31;

/**
 * A set of group indices, in taxonomy order, with a key that identifies it among the sets of one
 * taxonomy: its bit mask up to {@link MASK_GROUPS} groups, else its indices joined by commas.
 *
 * @internal
 */
export interface GroupSet {
  readonly groups: readonly number[];
  readonly key: number | string;
}

/** The empty set, under either encoding. @internal */
export const NO_GROUPS: GroupSet = Object.freeze({ groups: Object.freeze([]), key: 0 });

/**
 * A set of groups, with its key under the encoding of a taxonomy of `groupCount` groups.
 *
 * @internal
 */
export function groupSetOf(groups: readonly number[], groupCount: number): GroupSet {
  if (groupCount > MASK_GROUPS) return { groups, key: groups.join(',') };
  let mask = 0;
  for (let i = 0; i < groups.length; i++) mask |= 1 << groups[i]!;
  return { groups, key: mask };
}

/**
 * Per view, the groups it is triggering for: a row of flags per view (row-major, `groups` per
 * view), and up to {@link MASK_GROUPS} groups the same row as a bit mask per view.
 *
 * @internal
 */
export class TriggerSets {
  /**
   * @param groupCount - groups of the taxonomy
   * @param flags - per view and group (row-major): 1 when triggering; empty when not classified
   * @param masks - per view, its groups as a bit mask; `null` past 31 groups or unclassified
   */
  constructor(
    readonly groupCount: number,
    readonly flags: Uint8Array,
    readonly masks: Int32Array | null,
  ) {}

  /** Room for `count` views, all empty; nothing when `classify` is false. */
  static create(arena: Arena, count: number, groupCount: number, classify: boolean): TriggerSets {
    return new TriggerSets(
      groupCount,
      arena.uint8(classify ? count * groupCount : 0),
      classify && groupCount <= MASK_GROUPS ? arena.int32(count) : null,
    );
  }

  /** Whether any view was classified. */
  get classified(): boolean {
    return this.flags.length > 0;
  }

  /** Whether view `v` is triggering for group `g`. */
  has(v: number, g: number): boolean {
    return this.flags[v * this.groupCount + g] === 1;
  }

  /** Records the mask of view `v`, whose flags the item marker wrote into its row. */
  setMask(v: number, mask: number): void {
    if (this.masks !== null) this.masks[v] = mask;
  }

  /** Copies view `from` of `source` into view `to` of this one (both classified alike). */
  copyView(source: TriggerSets, from: number, to: number): void {
    const groups = this.groupCount;
    if (this.flags.length > 0)
      this.flags.set(source.flags.subarray(from * groups, (from + 1) * groups), to * groups);
    if (this.masks !== null) this.masks[to] = source.masks![from]!;
  }

  /** The first `count` views. */
  head(count: number): TriggerSets {
    return new TriggerSets(
      this.groupCount,
      this.flags.subarray(0, count * this.groupCount),
      this.masks?.subarray(0, count) ?? null,
    );
  }

  /**
   * The key of view `v`'s groups among `within` (its set of capped groups): a mask, or its
   * indices in `within.groups` spelled out; 0 or `''` when it has none of them.
   */
  keyWithin(v: number, within: GroupSet): number | string {
    if (this.masks !== null) return this.masks[v]! & (within.key as number);
    const row = v * this.groupCount;
    const list = within.groups;
    let key = '';
    for (let i = 0; i < list.length; i++) if (this.flags[row + list[i]!] === 1) key += `${i},`;
    return key;
  }

  /** View `v`'s groups among `within`, as a set. */
  setWithin(v: number, within: GroupSet): GroupSet {
    const row = v * this.groupCount;
    const groups = within.groups.filter((g) => this.flags[row + g] === 1);
    return groupSetOf(groups, this.groupCount);
  }
}

/**
 * The groups whose cap is full: one more item of theirs would break it. {@link blocks} tells
 * whether a set meets one of them — one AND under masks.
 *
 * @internal
 */
export class FullCaps {
  private readonly flags: Uint8Array;
  private mask = 0;
  private readonly masked: boolean;

  constructor(arena: Arena, groupCount: number) {
    this.flags = arena.uint8(groupCount);
    this.masked = groupCount <= MASK_GROUPS;
  }

  /** Whether group `g`'s cap is full. */
  has(g: number): boolean {
    return this.flags[g] === 1;
  }

  /** Marks group `g`'s cap full. */
  add(g: number): void {
    this.flags[g] = 1;
    if (this.masked) this.mask |= 1 << g;
  }

  /** Marks group `g`'s cap free again. */
  remove(g: number): void {
    this.flags[g] = 0;
    if (this.masked) this.mask &= ~(1 << g);
  }

  /** Whether `set` holds a group whose cap is full. */
  blocks(set: GroupSet): boolean {
    if (this.masked) return ((set.key as number) & this.mask) !== 0;
    const groups = set.groups;
    for (let k = 0; k < groups.length; k++) if (this.flags[groups[k]!] === 1) return true;
    return false;
  }

  /** The full caps as a bit mask (a small integer to memoise on), or −1 past 31 groups. */
  get key(): number {
    return this.masked ? this.mask : -1;
  }
}
