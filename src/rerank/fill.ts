/** What the greedy fill needs. @internal */
export interface FillInput {
  /** Organic order: view indices, best first (the host's order, or the diversified one). */
  readonly order: ArrayLike<number>;
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
  readonly slots: number[];
  /** `end`: organic items ran out; `size`: the size bound; `cap`: caps allow no remaining item. */
  readonly stoppedBy: 'end' | 'size' | 'cap';
  /** Per capped group, triggering items in the last window − 1 served slots at the end. */
  readonly inWindow: Int32Array;
}

/**
 * "Top slots first" (DESIGN.md, guarantee 5): each slot takes the best-ranked remaining
 * candidate that every cap allows there; recovery slots sit at the latest positions the cadence
 * allows (k − 1, 2k − 1, …). Whether a candidate fits depends only on which capped groups it is
 * triggering for, so candidates are kept in one queue per group signature and each slot looks
 * only at the queue heads: O(n · queues · groups) rather than rescanning blocked candidates.
 *
 * @internal
 */
export function fillSlots(input: FillInput): FillResult {
  const { order, groups, capCount, capWindow, triggering, size } = input;
  const capped: number[] = [];
  for (let g = 0; g < groups; g++) if (capCount[g]! >= 0) capped.push(g);

  // Queue 0 holds candidates no cap concerns; others one per signature of capped groups. A
  // signature is a bit mask over the capped groups (a string beyond 30 of them).
  const queueOf = new Map<number | string, number>();
  const queueGroups: number[][] = [[]];
  const queues: number[][] = [[]];
  const wide = capped.length > 30;
  for (let r = 0; r < order.length; r++) {
    const row = order[r]! * groups;
    let mask = 0;
    let key = '';
    for (let i = 0; i < capped.length; i++) {
      if (triggering[row + capped[i]!] !== 1) continue;
      if (wide) key += `${i},`;
      else mask |= 1 << i;
    }
    let q = 0;
    if (mask !== 0 || key !== '') {
      const signature = wide ? key : mask;
      const known = queueOf.get(signature);
      if (known === undefined) {
        q = queues.length;
        queueOf.set(signature, q);
        queues.push([]);
        const members: number[] = [];
        for (let i = 0; i < capped.length; i++)
          if (triggering[row + capped[i]!] === 1) members.push(capped[i]!);
        queueGroups.push(members);
      } else q = known;
    }
    queues[q]!.push(r);
  }
  const heads = new Int32Array(queues.length);
  const inWindow = new Int32Array(groups);
  // hits[g][s] = 1 when served slot s is triggering for capped group g.
  // With a cadence k ≥ 2 there is at most one recovery slot per organic slot, plus one.
  const limit = Math.min(size, 2 * order.length + 1);
  const hits: Uint8Array[] = capped.map(() => new Uint8Array(limit));
  const cappedIndex = new Int32Array(groups).fill(-1);
  capped.forEach((g, i) => (cappedIndex[g] = i));

  const slots: number[] = [];
  let remaining = order.length;
  let lastRecovery = -1;
  let recoveryUsed = 0;
  let stoppedBy: FillResult['stoppedBy'] = 'end';
  for (let s = 0; ; s++) {
    if (remaining === 0) break;
    if (s >= size) {
      stoppedBy = 'size';
      break;
    }
    let chosenQueue = -1;
    const recoveryDue =
      input.recoveryEvery > 0 &&
      s - lastRecovery >= input.recoveryEvery &&
      recoveryUsed < input.recoveryAvailable &&
      recoveryUsed + 1 <= input.maxShare * (s + 1) + 1e-9;
    if (!recoveryDue) {
      let bestRank = Infinity;
      for (let q = 0; q < queues.length; q++) {
        const queue = queues[q]!;
        if (heads[q]! >= queue.length) continue;
        const rank = queue[heads[q]!]!;
        if (rank >= bestRank) continue;
        let allowed = true;
        const members = queueGroups[q]!;
        for (let k = 0; k < members.length; k++) {
          const g = members[k]!;
          if (inWindow[g]! + 1 > capCount[g]!) {
            allowed = false;
            break;
          }
        }
        if (allowed) {
          bestRank = rank;
          chosenQueue = q;
        }
      }
      if (chosenQueue === -1) {
        stoppedBy = 'cap';
        break;
      }
      slots.push(order[bestRank]!);
      heads[chosenQueue]! += 1;
      remaining -= 1;
      const members = queueGroups[chosenQueue]!;
      for (let k = 0; k < members.length; k++) {
        const g = members[k]!;
        hits[cappedIndex[g]!]![s] = 1;
        inWindow[g]! += 1;
      }
    } else {
      slots.push(-1);
      lastRecovery = s;
      recoveryUsed += 1;
    }
    // Slide every capped group's window: slot s − window + 1 leaves it.
    for (let i = 0; i < capped.length; i++) {
      const g = capped[i]!;
      const leaving = s - capWindow[g]! + 1;
      if (leaving >= 0 && hits[i]![leaving] === 1) inWindow[g]! -= 1;
    }
  }
  // No recovery item after the last organic one when the organic feed has ended (guarantee 7);
  // when the size bound ended it, organic items were still there to follow.
  if (stoppedBy !== 'size') while (slots.length > 0 && slots[slots.length - 1] === -1) slots.pop();
  return { slots, stoppedBy, inWindow };
}
