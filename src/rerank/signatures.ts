import type { Arena } from '../scratch/Arena.js';
import { NO_GROUPS, type GroupSet, type TriggerSets } from './groupSet.js';

/** Views grouped by the capped groups they are triggering for, in one queue per group set. @internal */
export interface Signatures {
  /**
   * Per rank in the fill order, its candidate's signature: the index in `sets` of the set of
   * capped groups it is triggering for (0: none).
   */
  readonly signature: Int32Array;
  /**
   * Queue q holds the ranks of signature q in order, as a linked list: `head[q]` is its first
   * rank (−1: empty), `after[r]` the next rank of the same signature after rank r (−1: none).
   * `head` may be longer than the number of signatures.
   */
  readonly head: Int32Array;
  readonly after: Int32Array;
  /** Per signature, its set of capped groups; entry 0 is empty. */
  readonly sets: readonly GroupSet[];
}

/** Up to this many groups, a signature's mask indexes a table rather than a Map. */
const TABLE_BITS = 8;

/**
 * Gives every view the index of its set of capped triggering groups, numbering the sets in
 * order of first appearance, and links the ranks of each set into a queue, in the same pass. Up
 * to 8 groups a view's set is its mask under the capped groups' mask — one AND — and indexes a
 * table; past that, `TriggerSets.keyWithin` keys a Map. The table has a loop of its own, with
 * the links' state in locals: linked in a second pass shared with the Map's, the pass cost a
 * tenth more, and with the links kept in an object, half as much again.
 *
 * @param count - views to order
 * @param order - view indices in fill order; `null` for input order
 * @param triggering - per view, its triggering groups
 * @param capped - the groups with a cap, in taxonomy order
 * @internal
 */
export function signaturesOf(
  count: number,
  order: Int32Array | null,
  triggering: TriggerSets,
  capped: GroupSet,
  arena: Arena,
): Signatures {
  const signature = arena.int32(count, false);
  const after = arena.int32(count, false);
  const cappedCount = capped.groups.length;
  // There are at most 2^capped signatures, and at most one new one per view.
  const most = cappedCount < 30 ? Math.min(count + 1, 1 << cappedCount) : count + 1;
  const head = arena.int32(most, false).fill(-1);
  // Per signature, its last rank so far.
  const tail = arena.int32(most, false).fill(-1);
  const sets: GroupSet[] = [NO_GROUPS];
  const masks = triggering.masks;
  if (cappedCount > 0 && masks !== null && triggering.groupCount <= TABLE_BITS) {
    const within = capped.key as number;
    const byMask = arena.int32(1 << triggering.groupCount);
    for (let r = 0; r < count; r++) {
      const v = order === null ? r : order[r]!;
      const key = masks[v]! & within;
      let q = 0;
      if (key !== 0) {
        q = byMask[key]!;
        if (q === 0) {
          q = sets.length;
          byMask[key] = q;
          sets.push(triggering.setWithin(v, capped));
        }
      }
      signature[r] = q;
      const last = tail[q]!;
      if (last >= 0) after[last] = r;
      else head[q] = r;
      tail[q] = r;
    }
  } else {
    const known = new Map<number | string, number>();
    for (let r = 0; r < count; r++) {
      let q = 0;
      if (cappedCount > 0) {
        const v = order === null ? r : order[r]!;
        const key = triggering.keyWithin(v, capped);
        if (key !== 0 && key !== '') {
          q = known.get(key) ?? 0;
          if (q === 0) {
            q = sets.length;
            known.set(key, q);
            sets.push(triggering.setWithin(v, capped));
          }
        }
      }
      signature[r] = q;
      const last = tail[q]!;
      if (last >= 0) after[last] = r;
      else head[q] = r;
      tail[q] = r;
    }
  }
  // Only each queue's last rank has no successor, and `after` holds nothing yet for it.
  for (let q = 0; q < most; q++) if (tail[q]! >= 0) after[tail[q]!] = -1;
  return { signature, head, after, sets };
}
