import type { DroppedItem } from '../facade/types.js';
import type { RequestActions } from './actions.js';
import type { FillResult } from './fill.js';
import type { PreparedList } from './prepare.js';

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
): OrganicAudit {
  const n = organic.views.length;
  const groups = groupIds.length;
  const reasons: (readonly string[])[] = new Array<readonly string[]>(n).fill(UNTOUCHED);
  // rank[v]: position of view v in the order the fill worked from.
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) rank[order === null ? r : order[r]!] = r;
  const diversified = order === null ? null : outOfOrder(order);

  const served = new Uint8Array(n);
  let maxRank = -1;
  for (const v of fill.slots) {
    if (v < 0) continue;
    served[v] = 1;
    const list: string[] = [];
    if (diversified !== null && diversified[v] === 1) list.push('diversify');
    if (rank[v]! < maxRank)
      for (const g of cappedGroupsOf(organic, v, actions, groups)) list.push(`cap:${groupIds[g]!}`);
    if (rank[v]! > maxRank) maxRank = rank[v]!;
    if (list.length > 0) reasons[v] = list;
  }

  const dropped: DroppedItem[] = [];
  for (let r = 0; r < n; r++) {
    const v = order === null ? r : order[r]!;
    if (served[v] === 1) continue;
    const capped = cappedGroupsOf(organic, v, actions, groups);
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
    dropped.push({ id: organic.views[v]!.id, from: organic.from[v]!, reason });
  }
  return { reasons, dropped };
}

function cappedGroupsOf(
  organic: PreparedList,
  v: number,
  actions: RequestActions,
  groups: number,
): number[] {
  const out: number[] = [];
  for (let g = 0; g < groups; g++)
    if (actions.capCount[g]! >= 0 && organic.triggering[v * groups + g] === 1) out.push(g);
  return out;
}

/** Marks views the order put out of input order: preceded by a later view or followed by an earlier one. */
function outOfOrder(order: Int32Array): Uint8Array {
  const n = order.length;
  const marked = new Uint8Array(n);
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
