import type { Arena } from '../scratch/Arena.js';

/** Views grouped by the capped groups they are triggering for, in one queue per group set. @internal */
export interface Signatures {
  /**
   * Per rank in the fill order, its candidate's signature: the index in `groups` of the set of
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
  /** Per signature, its capped groups in taxonomy order; entry 0 is empty. */
  readonly groups: readonly (readonly number[])[];
  /** Per signature, its groups as a bit mask over group indices; `null` past 31 groups. */
  readonly masks: readonly number[] | null;
}

/** Up to this many groups, a signature's mask indexes a table rather than a Map. */
const TABLE_BITS = 8;

/**
 * Gives every view the index of its set of capped triggering groups, numbering the sets in
 * order of first appearance, and links the ranks of each set into a queue, in the same pass.
 * With at most 31 groups each view's triggering groups are already a bit mask (`triggerMask`),
 * so a view costs one AND and one lookup; beyond, the set is spelled out as a string key.
 *
 * @param count - views to order
 * @param order - view indices in fill order; `null` for input order
 * @param groupCount - groups of the taxonomy
 * @param capped - the groups with a cap, in taxonomy order
 * @param triggering - per view and group (row-major), 1 when triggering
 * @param triggerMask - per view, its triggering groups as a bit mask; `null` past 31 groups
 * @internal
 */
export function signaturesOf(
  count: number,
  order: Int32Array | null,
  groupCount: number,
  capped: readonly number[],
  triggering: Uint8Array,
  triggerMask: Int32Array | null,
  arena: Arena,
): Signatures {
  const signature = arena.int32(count, false);
  const after = arena.int32(count, false);
  // There are at most 2^capped signatures, and at most one new one per view.
  const most = capped.length < 30 ? Math.min(count + 1, 1 << capped.length) : count + 1;
  const head = arena.int32(most, false).fill(-1);
  // Per signature, its last rank so far.
  const tail = arena.int32(most, false).fill(-1);
  const groups: number[][] = [[]];
  const masks: number[] | null = triggerMask === null ? null : [0];
  let cappedMask = 0;
  for (const g of capped) cappedMask |= 1 << g;
  const table = capped.length > 0 && triggerMask !== null && groupCount <= TABLE_BITS;
  const byMask = table ? arena.int32(1 << groupCount) : null;
  const known = byMask === null ? new Map<number | string, number>() : null;

  for (let r = 0; r < count; r++) {
    const v = order === null ? r : order[r]!;
    let q = 0;
    if (capped.length > 0) {
      if (triggerMask !== null) {
        const mask = triggerMask[v]! & cappedMask;
        if (mask !== 0) {
          q = byMask !== null ? byMask[mask]! : (known!.get(mask) ?? 0);
          if (q === 0) {
            q = groups.length;
            if (byMask !== null) byMask[mask] = q;
            else known!.set(mask, q);
            groups.push(capped.filter((g) => (mask & (1 << g)) !== 0));
            masks!.push(mask);
          }
        }
      } else {
        const row = v * groupCount;
        let key = '';
        for (let i = 0; i < capped.length; i++)
          if (triggering[row + capped[i]!] === 1) key += `${i},`;
        if (key !== '') {
          q = known!.get(key) ?? 0;
          if (q === 0) {
            q = groups.length;
            known!.set(key, q);
            groups.push(capped.filter((g) => triggering[row + g] === 1));
          }
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
  return { signature, head, after, groups, masks };
}
