import type { DropReason, DroppedItem } from './types.js';
import type { RequestActions } from './actions.js';
import type { FillResult } from './fill.js';
import type { PreparedList } from './prepare.js';
import type { Arena } from '../scratch/Arena.js';
import type { ReasonLists } from './reasonLists.js';
import { inInputOrder } from './inputOrder.js';

const UNTOUCHED: readonly string[] = Object.freeze([]);

/**
 * Why each served organic item sits where it does, handed out slot by slot while the result is
 * assembled (no per-item array, no second pass over the slots). An item was moved by a cap when
 * an item ranked after it was served before it (only capped triggering items can be held back,
 * so the reason names their capped groups); it was moved by diversification when the
 * diversified order put it out of input order relative to some other item. Items moved by
 * neither keep their relative order (guarantee 6 of docs/guarantees.md) and get no reason.
 *
 * @internal
 */
export class OrganicReasons {
  /** Reasons depend only on an item's signature: one frozen list per signature serves them all. */
  private readonly capReasons: readonly (readonly string[])[];
  private readonly signature: Int32Array;
  /** rank[v]: position of view v in the diversified order; `null` when the input order was used. */
  private readonly rank: Int32Array | null = null;
  private readonly diversified: Uint8Array | null = null;
  /** The highest rank served so far. */
  private maxRank = -1;

  constructor(fill: FillResult, order: Int32Array | null, lists: ReasonLists, arena: Arena) {
    this.signature = fill.signature;
    this.capReasons = fill.signatureSets.map((set) => lists.capsOf(set));
    if (order !== null) {
      const n = order.length;
      const rank = arena.int32(n, false);
      for (let r = 0; r < n; r++) rank[order[r]!] = r;
      this.rank = rank;
      this.diversified = outOfOrder(order, arena);
    }
  }

  /** The reasons of view `v`, the next organic item served; call in slot order. */
  next(v: number): readonly string[] {
    const r = this.rank === null ? v : this.rank[v]!;
    const moved = this.diversified !== null && this.diversified[v] === 1;
    let reasons = moved ? DIVERSIFY : UNTOUCHED;
    if (r < this.maxRank) {
      const caps = this.capReasons[this.signature[r]!]!;
      reasons = moved ? ['diversify', ...caps] : caps;
    }
    if (r > this.maxRank) this.maxRank = r;
    return reasons;
  }
}

/**
 * The candidates left out, in input order: those `prepareList` and "see less" left out, and
 * the unserved ones — `cap:<group>` when a cap with count 0 excludes them or a cap blocked them
 * when filling stopped, `size` when the size bound stopped it.
 *
 * @internal
 */
export function droppedCandidates(
  organic: PreparedList,
  fill: FillResult,
  order: Int32Array | null,
  actions: RequestActions,
  lists: ReasonLists,
): DroppedItem[] {
  const { signature, signatureSets, taken } = fill;
  const dropReasons = new Array<DropReason | undefined>(signatureSets.length);
  const unserved: DroppedItem[] = [];
  for (let r = 0; r < taken.length; r++) {
    if (taken[r] === 1) continue;
    const v = order === null ? r : order[r]!;
    const q = signature[r]!;
    const reason = (dropReasons[q] ??= dropReason(signatureSets[q]!.groups, fill, actions, lists));
    unserved.push({ id: organic.ids[v]!, from: organic.from[v]!, reason });
  }
  return mergeByInput(inInputOrder(organic.left.slice()), inInputOrder(unserved));
}

const DIVERSIFY: readonly string[] = Object.freeze(['diversify']);

/**
 * Why an unserved item of these capped groups was left out: `cap:<group>` for a group whose cap
 * has count 0, else `size` when the size bound stopped filling, else the first group whose cap
 * was full when filling stopped.
 */
function dropReason(
  capped: readonly number[],
  fill: FillResult,
  actions: RequestActions,
  lists: ReasonLists,
): DropReason {
  let reason: DropReason | '' = fill.stoppedBy === 'size' ? 'size' : '';
  for (const g of capped) {
    if (
      actions.capCount[g] === 0 ||
      (reason === '' && fill.inWindow[g]! + 1 > actions.capCount[g]!)
    ) {
      reason = lists.capOf(g);
      break;
    }
  }
  if (reason === '') reason = capped.length > 0 ? lists.capOf(capped[0]!) : 'size';
  return reason;
}

/** Merges two lists sorted by input position (no position is in both). */
function mergeByInput(a: DroppedItem[], b: DroppedItem[]): DroppedItem[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: DroppedItem[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]!.from < b[j]!.from ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** Marks views the order put out of input order: preceded by a later view or followed by an earlier one. */
function outOfOrder(order: Int32Array, arena: Arena): Uint8Array {
  const n = order.length;
  const marked = arena.uint8(n);
  let prefixMax = -1;
  for (let r = 0; r < n; r++) {
    const v = order[r]!;
    if (prefixMax > v) marked[v] = 1;
    if (v > prefixMax) prefixMax = v;
  }
  let suffixMin = Infinity;
  for (let r = n - 1; r >= 0; r--) {
    const v = order[r]!;
    if (suffixMin < v) marked[v] = 1;
    if (v < suffixMin) suffixMin = v;
  }
  return marked;
}
