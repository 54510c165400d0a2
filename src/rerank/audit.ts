import type { DroppedItem } from '../facade/types.js';
import type { RequestActions } from './actions.js';
import type { FillResult } from './fill.js';
import type { PreparedList } from './prepare.js';
import type { Arena } from '../scratch/Arena.js';

const UNTOUCHED: readonly string[] = Object.freeze([]);

/** Per organic view, why its slot differs from the input, and the dropped candidates. @internal */
export interface OrganicAudit {
  readonly reasons: (readonly string[])[];
  readonly dropped: DroppedItem[];
}

/**
 * Explains the organic part of a fill. A served item was moved by a cap when an item ranked
 * after it was served before it (only capped triggering items can be held back, so the reason
 * names their capped groups); it was moved by diversification when the diversified order put it
 * out of input order relative to some other item. Items moved by neither keep their relative
 * order (guarantee 6). Unserved items get `cap:<group>` when a cap with count 0 excludes them or
 * a cap blocked them when filling stopped, `size` when the size bound stopped it.
 *
 * @internal
 */
export function auditOrganic(
  organic: PreparedList,
  fill: FillResult,
  order: Int32Array | null,
  actions: RequestActions,
  groupIds: readonly string[],
  arena: Arena,
): OrganicAudit {
  const n = organic.count;
  const { signature, signatureGroups } = fill;
  const reasons: (readonly string[])[] = new Array<readonly string[]>(n).fill(UNTOUCHED);
  // Reasons depend only on a view's signature: one frozen list per signature serves them all.
  const capReasons = signatureGroups.map((members) =>
    Object.freeze(members.map((g) => `cap:${groupIds[g]!}`)),
  );
  // rank[v]: position of view v in the order the fill worked from.
  let rank: Int32Array | null = null;
  let diversified: Uint8Array | null = null;
  if (order !== null) {
    rank = arena.int32(n, false);
    for (let r = 0; r < n; r++) rank[order[r]!] = r;
    diversified = outOfOrder(order, arena);
  }

  let maxRank = -1;
  const slots = fill.slots;
  for (let s = 0; s < slots.length; s++) {
    const v = slots[s]!;
    if (v < 0) continue;
    const r = rank === null ? v : rank[v]!;
    const moved = diversified !== null && diversified[v] === 1;
    if (r < maxRank)
      reasons[v] = moved
        ? ['diversify', ...capReasons[signature[r]!]!]
        : capReasons[signature[r]!]!;
    else if (moved) reasons[v] = DIVERSIFY;
    if (r > maxRank) maxRank = r;
  }

  const dropReasons = new Array<string | undefined>(signatureGroups.length);
  const dropped: DroppedItem[] = [];
  const taken = fill.taken;
  for (let r = 0; r < n; r++) {
    if (taken[r] === 1) continue;
    const v = order === null ? r : order[r]!;
    const q = signature[r]!;
    const reason = (dropReasons[q] ??= dropReason(signatureGroups[q]!, fill, actions, groupIds));
    dropped.push({ id: organic.ids[v]!, from: organic.from[v]!, reason });
  }
  return { reasons, dropped };
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
  groupIds: readonly string[],
): string {
  let reason = fill.stoppedBy === 'size' ? 'size' : '';
  for (const g of capped) {
    if (
      actions.capCount[g] === 0 ||
      (reason === '' && fill.inWindow[g]! + 1 > actions.capCount[g]!)
    ) {
      reason = `cap:${groupIds[g]!}`;
      break;
    }
  }
  if (reason === '') reason = capped.length > 0 ? `cap:${groupIds[capped[0]!]!}` : 'size';
  return reason;
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
