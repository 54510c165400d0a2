/** What the greedy fill needs. @internal */
export interface FillInput {
  /** Organic order: view indices, best first (the host's order, or the diversified one). */
  readonly order: Int32Array;
  /** Number of groups. */
  readonly groups: number;
  /** Per group, the cap's count, or −1 for no cap. */
  readonly capCount: Int32Array;
  /** Per group, the cap's window. */
  readonly capWindow: Int32Array;
  /** Per view and group (row-major): 1 when triggering. */
  readonly triggering: Uint8Array;
  /** Largest number of served slots. */
  readonly size: number;
  /** Recovery cadence k (0: no recovery slots). */
  readonly recoveryEvery: number;
  /** Recovery items that could be served. */
  readonly recoveryAvailable: number;
  /** Largest share of served slots that may be recovery. */
  readonly maxShare: number;
}

/** The served slots and why filling stopped. @internal */
export interface FillResult {
  /** Per served slot: a view index, or −1 for a recovery slot. */
  readonly slots: Int32Array;
  /** `end`: organic items ran out; `size`: the size bound; `cap`: caps allow no remaining item. */
  readonly stoppedBy: 'end' | 'size' | 'cap';
  /** Per capped group, triggering items in the last window − 1 served slots at the end. */
  readonly inWindow: Int32Array;
  /**
   * Per view, its signature: the index in `signatureGroups` of the set of capped groups it is
   * triggering for (0: none).
   */
  readonly signature: Int32Array;
  /** Per signature, its capped groups in taxonomy order; entry 0 is empty. */
  readonly signatureGroups: readonly (readonly number[])[];
}

/** Signatures of up to this many capped groups are looked up in a table rather than a Map. */
const TABLE_BITS = 8;

/**
 * "Top slots first" (DESIGN.md, guarantee 5): each slot takes the best-ranked remaining
 * candidate that every cap allows there; recovery slots sit at the latest positions the cadence
 * allows (k − 1, 2k − 1, …). Whether a candidate fits depends only on which capped groups it is
 * triggering for — its signature — so candidates are kept in one queue per signature.
 *
 * This runs for every request, so the common slot costs O(1): the best remaining candidate
 * overall is tried first (it heads its queue), and only when a cap blocks it are the other queue
 * heads compared. A group's window is a ring of the slots of its items still inside it — at most
 * `count` of them, by the cap itself — and windows are only touched when an item enters or
 * leaves one. Everything lives in typed arrays.
 *
 * @internal
 */
export function fillSlots(input: FillInput): FillResult {
  const { order, groups, capCount, capWindow, triggering, size } = input;
  const n = order.length;
  const capped: number[] = [];
  for (let g = 0; g < groups; g++) if (capCount[g]! >= 0) capped.push(g);
  const { signature, signatureGroups, signatureMask } = signaturesOf(
    order,
    groups,
    capped,
    triggering,
  );
  const queues = signatureGroups.length;
  // Signature masks are bit masks over `capped`; past 31 capped groups, member lists are read.
  const wide = signatureMask === null;

  // Queue q holds the ranks of its signature's views in order: a counting sort by signature.
  const start = new Int32Array(queues + 1);
  for (let r = 0; r < n; r++) start[signature[order[r]!]! + 1]! += 1;
  for (let q = 0; q < queues; q++) start[q + 1]! += start[q]!;
  const head = start.slice(0, queues);
  const ranks = new Int32Array(n);
  for (let r = 0; r < n; r++) ranks[head[signature[order[r]!]!]!++] = r;
  head.set(start.subarray(0, queues));
  const taken = new Uint8Array(n);

  // Per capped group (by its index in `capped`): a ring of the slots of its served items still
  // in its window, and whether one more item would break the cap.
  const C = capped.length;
  const ringStart = new Int32Array(C + 1);
  for (let i = 0; i < C; i++) ringStart[i + 1] = ringStart[i]! + capCount[capped[i]!]! + 1;
  const ring = new Int32Array(ringStart[C]!);
  const ringHead = new Int32Array(C);
  const inRing = new Int32Array(C);
  const full = new Uint8Array(groups);
  let fullMask = 0;
  for (let i = 0; i < C; i++)
    if (capCount[capped[i]!] === 0) {
      full[capped[i]!] = 1;
      if (!wide) fullMask |= 1 << i;
    }
  // The first slot at whose end some item leaves its group's window.
  let nextExit = Infinity;

  const limit = Math.min(size, 2 * n + 1);
  const slots = new Int32Array(limit);
  const { recoveryEvery, recoveryAvailable, maxShare } = input;
  let served = 0;
  let cursor = 0;
  let lastRecovery = -1;
  let recoveryUsed = 0;
  let stoppedBy: FillResult['stoppedBy'] = 'end';
  for (let s = 0; ; s++) {
    while (cursor < n && taken[cursor] === 1) cursor += 1;
    if (cursor === n) break;
    if (s >= size) {
      stoppedBy = 'size';
      break;
    }
    if (
      recoveryEvery > 0 &&
      s - lastRecovery >= recoveryEvery &&
      recoveryUsed < recoveryAvailable &&
      recoveryUsed + 1 <= maxShare * (s + 1) + 1e-9
    ) {
      slots[served++] = -1;
      lastRecovery = s;
      recoveryUsed += 1;
    } else {
      // The best remaining candidate heads its queue; take it unless a cap blocks it.
      let rank = cursor;
      let q = signature[order[rank]!]!;
      if (
        q > 0 &&
        (wide ? blocked(signatureGroups[q]!, full) : (signatureMask[q]! & fullMask) !== 0)
      ) {
        rank = n;
        q = -1;
        for (let k = 1; k < queues; k++) {
          if (head[k]! >= start[k + 1]!) continue;
          const r = ranks[head[k]!]!;
          if (r >= rank) continue;
          if (wide ? blocked(signatureGroups[k]!, full) : (signatureMask![k]! & fullMask) !== 0)
            continue;
          rank = r;
          q = k;
        }
        if (head[0]! < start[1]! && ranks[head[0]!]! < rank) {
          rank = ranks[head[0]!]!;
          q = 0;
        }
        if (q === -1) {
          stoppedBy = 'cap';
          break;
        }
      }
      slots[served++] = order[rank]!;
      taken[rank] = 1;
      head[q]! += 1;
      if (q > 0) {
        // The item enters the window of each of its capped groups.
        for (let i = 0; i < C; i++) {
          const g = capped[i]!;
          if (triggering[order[rank]! * groups + g] !== 1) continue;
          ring[ringStart[i]! + ((ringHead[i]! + inRing[i]!) % (capCount[g]! + 1))] = s;
          inRing[i]! += 1;
          if (inRing[i]! + 1 > capCount[g]!) {
            full[g] = 1;
            if (!wide) fullMask |= 1 << i;
          }
          nextExit = Math.min(nextExit, ring[ringStart[i]! + ringHead[i]!]! + capWindow[g]! - 1);
        }
      }
    }
    if (s < nextExit) continue;
    // Items whose window ends with this slot leave it.
    nextExit = Infinity;
    for (let i = 0; i < C; i++) {
      const g = capped[i]!;
      const span = capCount[g]! + 1;
      while (inRing[i]! > 0 && ring[ringStart[i]! + ringHead[i]!]! + capWindow[g]! - 1 <= s) {
        ringHead[i] = (ringHead[i]! + 1) % span;
        inRing[i]! -= 1;
      }
      if (inRing[i]! + 1 <= capCount[g]!) {
        full[g] = 0;
        if (!wide) fullMask &= ~(1 << i);
      }
      if (inRing[i]! > 0)
        nextExit = Math.min(nextExit, ring[ringStart[i]! + ringHead[i]!]! + capWindow[g]! - 1);
    }
  }

  // No recovery item after the last organic one when the organic feed has ended (guarantee 7);
  // when the size bound ended it, organic items were still there to follow.
  if (stoppedBy !== 'size') while (served > 0 && slots[served - 1] === -1) served -= 1;
  const inWindow = new Int32Array(groups);
  for (let i = 0; i < C; i++) inWindow[capped[i]!] = inRing[i]!;
  return { slots: slots.subarray(0, served), stoppedBy, inWindow, signature, signatureGroups };
}

function blocked(groups: readonly number[], full: Uint8Array): boolean {
  for (let k = 0; k < groups.length; k++) if (full[groups[k]!] === 1) return true;
  return false;
}

/**
 * Gives every view the index of its set of capped triggering groups, numbering the sets in
 * order of first appearance. Up to {@link TABLE_BITS} capped groups the set's bit mask indexes a
 * small table; beyond, a Map keyed by the mask (or a string past 31 groups) does.
 */
function signaturesOf(
  order: Int32Array,
  groups: number,
  capped: readonly number[],
  triggering: Uint8Array,
): { signature: Int32Array; signatureGroups: number[][]; signatureMask: number[] | null } {
  const n = order.length;
  const signature = new Int32Array(n);
  const signatureGroups: number[][] = [[]];
  const signatureMask: number[] | null = capped.length > 31 ? null : [0];
  if (capped.length === 0) return { signature, signatureGroups, signatureMask };
  const table = capped.length <= TABLE_BITS ? new Int32Array(1 << capped.length) : null;
  const wide = capped.length > 31;
  const known = new Map<number | string, number>();
  for (let r = 0; r < n; r++) {
    const v = order[r]!;
    const row = v * groups;
    let mask = 0;
    let key = '';
    for (let i = 0; i < capped.length; i++) {
      if (triggering[row + capped[i]!] !== 1) continue;
      if (wide) key += `${i},`;
      else mask |= 1 << i;
    }
    if (mask === 0 && key === '') continue;
    let q = table !== null ? table[mask]! : (known.get(wide ? key : mask) ?? 0);
    if (q === 0) {
      q = signatureGroups.length;
      if (table !== null) table[mask] = q;
      else known.set(wide ? key : mask, q);
      const members: number[] = [];
      for (let i = 0; i < capped.length; i++)
        if (triggering[row + capped[i]!] === 1) members.push(capped[i]!);
      signatureGroups.push(members);
      signatureMask?.push(mask);
    }
    signature[v] = q;
  }
  return { signature, signatureGroups, signatureMask };
}
