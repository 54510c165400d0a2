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
 * order of first appearance, and links the ranks of each set into a queue, in the same pass. A
 * view's set is keyed by `TriggerSets.keyWithin` — one AND under masks (up to 31 groups) — and up
 * to 8 groups the key indexes a table instead of a Map.
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
  const masked = triggering.masks !== null;
  const byMask =
    cappedCount > 0 && masked && triggering.groupCount <= TABLE_BITS
      ? arena.int32(1 << triggering.groupCount)
      : null;
  const known = byMask === null ? new Map<number | string, number>() : null;

  for (let r = 0; r < count; r++) {
    const v = order === null ? r : order[r]!;
    let q = 0;
    if (cappedCount > 0) {
      const key = triggering.keyWithin(v, capped);
      if (key !== 0 && key !== '') {
        q = byMask !== null ? byMask[key as number]! : (known!.get(key) ?? 0);
        if (q === 0) {
          q = sets.length;
          if (byMask !== null) byMask[key as number] = q;
          else known!.set(key, q);
          sets.push(triggering.setWithin(v, capped));
        }
      }
    }
    signature[r] = q;
    after[r] = -1;
    const last = tail[q]!;
    if (last >= 0) after[last] = r;
    else head[q] = r;
    tail[q] = r;
  }
  return { signature, head, after, sets };
}
