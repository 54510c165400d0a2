import type { Arena } from './Arena.js';

/**
 * Lists up to this long get a table at a load of at most ¼: at ½, a quarter of a feed's ids found
 * their first slot taken and paid for a probe loop, while zeroing the larger table costs less
 * than those probes (a few kilobytes for a feed of hundreds).
 */
const SPARSE_UP_TO = 4_096;

/** A string → 32-bit hash; replaceable only so tests can force collisions. */
export type IdHash = (id: string) => number;

/**
 * FNV-1a over at most 16 UTF-16 code units of the id — all of a short id; the first 4, the 4 in
 * the middle and the last 8 of a longer one — with its length, then a final mix so that ids
 * differing only in their last character (`c1`, `c2`, …) spread over the low bits the table
 * indexes with. Reading every character of a 36-character UUID cost four times what a `Set`
 * costs; ids that differ only elsewhere collide, and the table then hands over to a `Map`.
 */
export const hashId32: IdHash = (id) => {
  const n = id.length;
  let h = 0x811c9dc5 ^ n;
  if (n <= 16) {
    for (let k = 0; k < n; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
  } else {
    const middle = (n >> 1) - 2;
    for (let k = 0; k < 4; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
    for (let k = middle; k < middle + 4; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
    for (let k = n - 8; k < n; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
};

/**
 * The ids of one list of entries, numbered 0, 1, … in order of arrival, with a hash index for
 * finding duplicates.
 *
 * Why not a `Set`: deduplicating 500 candidates through a `Set` cost a third of reading them, as
 * it grows through eight rehashes. Here the index is an open-addressing table of entry numbers
 * carved from the request's {@link Arena}, sized once for the whole list at a load of at most ¼
 * (at most ½ past {@link SPARSE_UP_TO} entries, where the index would take more memory than it saves
 * probes).
 *
 * Hostile ids cannot make it quadratic: the hash is public, so a list could be built to collide,
 * but every probe past an operation's first is counted, and once they exceed a linear budget the
 * table hands over to a `Map` (V8 seeds its string hash per process). Answers never depend on
 * which one is used.
 *
 * @internal
 */
export class IdTable {
  /** Entry ids by number. Only the first `size` are meaningful. */
  readonly ids: string[];
  /** Entries added so far. */
  size = 0;
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly hash: IdHash;
  /** Probes past the first of each operation so far, and the lookups by `indexOf`. */
  private extra = 0;
  private lookups = 0;
  private map: Map<string, number> | null = null;

  /**
   * @param capacity - the most entries that will be added
   * @param arena - where the index comes from
   * @param hash - the string hash (tests force collisions through it)
   */
  constructor(capacity: number, arena: Arena, hash: IdHash = hashId32) {
    this.ids = new Array<string>(capacity);
    let slots = 16;
    const spread = capacity <= SPARSE_UP_TO ? 4 : 2;
    while (slots < spread * capacity) slots *= 2;
    this.slots = arena.int32(slots); // entry number + 1; 0 is empty
    this.mask = slots - 1;
    this.hash = hash;
  }

  /** Whether collisions sent the table over its probe budget and a `Map` answers instead. */
  get degraded(): boolean {
    return this.map !== null;
  }

  /**
   * Adds `id` as entry number `size` unless an entry has it already; returns that earlier
   * entry's number, or −1 when `id` was added.
   */
  add(id: string): number {
    if (this.map !== null) return this.addToMap(id);
    const hash = this.hash(id);
    let slot = hash & this.mask;
    // Most ids of a list are new and land in an empty slot at once: that path books nothing.
    if (this.slots[slot] !== 0) {
      const at = this.find(id, hash);
      if (at >= 0) return this.slots[at]! - 1;
      // The probes just spent may have sent the table over its budget.
      if (this.map !== null) return this.addToMap(id);
      slot = -1 - at;
    }
    this.slots[slot] = this.size + 1;
    this.ids[this.size++] = id;
    return -1;
  }

  /** The number of the entry with `id`, or −1. */
  indexOf(id: string): number {
    if (this.map !== null) return this.map.get(id) ?? -1;
    this.lookups += 1;
    const at = this.find(id, this.hash(id));
    return at >= 0 ? this.slots[at]! - 1 : -1;
  }

  /** The slot holding `id`, or −1 − the empty slot where it would go. */
  private find(id: string, hash: number): number {
    const { slots, mask } = this;
    let slot = hash & mask;
    let extra = 0;
    for (;;) {
      const entry = slots[slot]!;
      if (entry === 0) return this.charge(extra, -1 - slot);
      // A collision is told apart by comparing the ids themselves: at a load of ¼ collisions are
      // rare, and keeping each slot's full hash to skip that comparison cost more (a second
      // table written for every id) than the comparisons it saved. The probe budget bounds them.
      if (this.ids[entry - 1] === id) return this.charge(extra, slot);
      slot = (slot + 1) & mask;
      extra += 1;
    }
  }

  /**
   * Books the probes an operation needed past its first and passes `result` through. At a load
   * of ½ an operation averages under 1.5 of them; past 4 per entry and lookup (plus slack for
   * small lists) the hash is colliding on purpose or by bad luck, and the `Map` takes over.
   * Only collisions pay for the bookkeeping.
   */
  private charge(extra: number, result: number): number {
    if (extra === 0) return result;
    this.extra += extra;
    if (this.extra > 4 * (this.size + this.lookups) + 64) {
      const map = new Map<string, number>();
      for (let e = 0; e < this.size; e++) map.set(this.ids[e]!, e);
      this.map = map;
    }
    return result;
  }

  private addToMap(id: string): number {
    const map = this.map!;
    const earlier = map.get(id);
    if (earlier !== undefined) return earlier;
    map.set(id, this.size);
    this.ids[this.size++] = id;
    return -1;
  }
}
