import type { Arena } from '../scratch/Arena.js';

/** Views grouped by the capped groups they are triggering for. @internal */
export interface Signatures {
  /**
   * Per rank in the fill order, its candidate's signature: the index in `groups` of the set of
   * capped groups it is triggering for (0: none).
   */
  readonly signature: Int32Array;
  /** Per signature, its capped groups in taxonomy order; entry 0 is empty. */
  readonly groups: readonly (readonly number[])[];
  /** Per signature, its groups as a bit mask over group indices; `null` past 31 groups. */
  readonly masks: readonly number[] | null;
}

/** Up to this many groups, a signature's mask indexes a table rather than a Map. */
const TABLE_BITS = 8;

/**
 * Gives every view the index of its set of capped triggering groups, numbering the sets in
 * order of first appearance in `order`. With at most 31 groups each view's triggering groups
 * are already a bit mask (`triggerMask`), so a view costs one AND and one lookup; beyond, the
 * set is spelled out as a string key.
 *
 * @param order - view indices in fill order
 * @param groupCount - groups of the taxonomy
 * @param capped - the groups with a cap, in taxonomy order
 * @param triggering - per view and group (row-major), 1 when triggering
 * @param triggerMask - per view, its triggering groups as a bit mask; `null` past 31 groups
 * @internal
 */
export function signaturesOf(
  order: Int32Array,
  groupCount: number,
  capped: readonly number[],
  triggering: Uint8Array,
  triggerMask: Int32Array | null,
  arena: Arena,
): Signatures {
  const n = order.length;
  const signature = arena.int32(n);
  const groups: number[][] = [[]];
  const masks: number[] | null = triggerMask === null ? null : [0];
  let cappedMask = 0;
  for (const g of capped) cappedMask |= 1 << g;
  if (capped.length === 0) return { signature, groups, masks };

  if (triggerMask !== null) {
    const table = groupCount <= TABLE_BITS ? arena.int32(1 << groupCount) : null;
    const known = table === null ? new Map<number, number>() : null;
    for (let r = 0; r < n; r++) {
      const v = order[r]!;
      const mask = triggerMask[v]! & cappedMask;
      if (mask === 0) continue;
      let q = table !== null ? table[mask]! : (known!.get(mask) ?? 0);
      if (q === 0) {
        q = groups.length;
        if (table !== null) table[mask] = q;
        else known!.set(mask, q);
        groups.push(capped.filter((g) => (mask & (1 << g)) !== 0));
        masks!.push(mask);
      }
      signature[r] = q;
    }
    return { signature, groups, masks };
  }

  const known = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    const v = order[r]!;
    const row = v * groupCount;
    let key = '';
    for (let i = 0; i < capped.length; i++) if (triggering[row + capped[i]!] === 1) key += `${i},`;
    if (key === '') continue;
    let q = known.get(key) ?? 0;
    if (q === 0) {
      q = groups.length;
      known.set(key, q);
      groups.push(capped.filter((g) => triggering[row + g] === 1));
    }
    signature[r] = q;
  }
  return { signature, groups, masks };
}
