import type { Arena } from '../scratch/Arena.js';
import { FullCaps, groupSetOf, type GroupSet, type TriggerSets } from './groupSet.js';
import { signaturesOf } from './signatures.js';

/** What the greedy fill needs. @internal */
export interface FillInput {
  /** Organic views to fill from. */
  readonly count: number;
  /** Organic order: view indices, best first (the diversified order); `null`: the host's order. */
  readonly order: Int32Array | null;
  /** Number of groups. */
  readonly groups: number;
  /** Per group, the cap's count, or −1 for no cap. */
  readonly capCount: Int32Array;
  /** Per group, the cap's window. */
  readonly capWindow: Int32Array;
  /** Per view, its triggering groups. */
  readonly triggering: TriggerSets;
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
  /** How many of the slots are recovery slots. */
  readonly recoverySlots: number;
  /** `end`: organic items ran out; `size`: the size bound; `cap`: caps allow no remaining item. */
  readonly stoppedBy: 'end' | 'size' | 'cap';
  /** Per capped group, triggering items in the last window − 1 served slots at the end. */
  readonly inWindow: Int32Array;
  /** Per rank in `order`, its candidate's signature: its set of capped groups (0: none). */
  readonly signature: Int32Array;
  /** Per signature, its set of capped groups; entry 0 is empty. */
  readonly signatureSets: readonly GroupSet[];
  /** Per rank in `order`, 1 when that candidate was served. */
  readonly taken: Uint8Array;
}

/**
 * "Top slots first" (guarantee 5 of docs/guarantees.md): each slot takes the best-ranked remaining
 * candidate that every cap allows there; recovery slots sit at the latest positions the cadence
 * allows (k − 1, 2k − 1, …). Whether a candidate fits depends only on which capped groups it is
 * triggering for — its signature — so candidates are kept in one queue per signature.
 *
 * This runs for every request, so a slot costs O(1) when it takes an item of no capped group
 * (most slots): it compares queue 0's head with the best head among the unblocked queues, which
 * is looked up again only when a cap fills or frees or its queue was served from. A group's window
 * is a ring of the slots of its items still inside it — at most
 * `count` of them, by the cap itself — and windows are only touched when an item enters or
 * leaves one. Everything lives in typed arrays from the request's arena.
 *
 * @internal
 */
export function fillSlots(input: FillInput, arena: Arena): FillResult {
  const { count: n, order, groups, capCount, capWindow, size } = input;
  const capped: number[] = [];
  for (let g = 0; g < groups; g++) if (capCount[g]! >= 0) capped.push(g);
  const sig = signaturesOf(n, order, input.triggering, groupSetOf(capped, groups), arena);
  // Queue q holds the ranks of its signature's views in order: head[q] is its best remaining
  // rank (−1: empty), after[r] the next rank of the same queue.
  const { signature, head, after, sets } = sig;
  const queues = sets.length;
  const taken = arena.uint8(n);

  // Per capped group: a ring of the slots of its served items still in its window (at most
  // `count`, so `count + 1` places), and whether one more item would break the cap.
  const ringStart = arena.int32(groups + 1);
  for (let g = 0; g < groups; g++)
    ringStart[g + 1] = ringStart[g]! + (capCount[g]! >= 0 ? capCount[g]! + 1 : 0);
  const ring = arena.int32(ringStart[groups]!, false);
  const ringHead = arena.int32(groups);
  const inRing = arena.int32(groups);
  // Per group, the slot at whose end the oldest item of its ring leaves the window (NEVER when
  // the ring is empty): a slot where no item leaves costs one comparison per capped group.
  const exitAt = arena.int32(groups, false).fill(NEVER);
  const full = new FullCaps(arena, groups);
  for (let g = 0; g < groups; g++) if (capCount[g] === 0) full.add(g);
  // The first slot at whose end some item leaves its group's window, the least of `exitAt` (an
  // int32 throughout, so the check every slot makes is an integer comparison).
  let nextExit = NEVER;
  // The triggering queues no cap blocks, recomputed only after a cap fills or frees, and the
  // best head among them, recomputed only when one of those heads moves. Queue 0 (no capped
  // group) is never blocked: a slot it fills costs one comparison.
  let allowed: Int32Array = EMPTY;
  let allowedCount = 0;
  // With few groups, per set of full caps (its key) the list of its unblocked queues and their
  // number + 1 (0: not worked out yet); lists are carved whole, never cut to a view of their
  // length. Past 8 groups one list is worked out again in place.
  const byFull: Int32Array[] | null = groups <= 8 ? new Array<Int32Array>(1 << groups) : null;
  const byFullCount = byFull === null ? EMPTY : arena.int32(1 << groups);
  const scratch = byFull === null ? arena.int32(queues, false) : EMPTY;
  let allowedStale = true;
  let bestRank = -1;
  let bestQueue = -1;
  let bestStale = true;

  const limit = Math.min(size, 2 * n + 1);
  // `size` as an int32 (it may be Infinity): no slot index reaches NEVER.
  const sizeBound = size < NEVER ? size : NEVER;
  const slots = arena.int32(limit, false);
  const { recoveryEvery, recoveryAvailable, maxShare } = input;
  let served = 0;
  let remaining = n;
  let recoveryUsed = 0;
  // The first slot the cadence lets a recovery slot take (k − 1 slots after the last one), NEVER
  // once the available items are used up; the share bound is checked when it comes.
  let recoveryDue = recoveryEvery > 0 && recoveryAvailable > 0 ? recoveryEvery - 1 : NEVER;
  let stoppedBy: FillResult['stoppedBy'] = 'end';
  for (let s = 0; ; s++) {
    if (remaining === 0) break;
    if (s >= sizeBound) {
      stoppedBy = 'size';
      break;
    }
    if (s >= recoveryDue && recoveryUsed + 1 <= maxShare * (s + 1) + 1e-9) {
      slots[served++] = -1;
      recoveryUsed += 1;
      recoveryDue = recoveryUsed < recoveryAvailable ? s + recoveryEvery : NEVER;
    } else {
      // The best candidate the caps allow heads queue 0 or one of the unblocked queues.
      if (allowedStale) {
        // The unblocked queues depend only on which caps are full: with few groups, each set of
        // full caps is worked out once per request (emptied queues are skipped below).
        const key = full.key;
        if (byFull !== null && byFullCount[key]! > 0) {
          allowed = byFull[key]!;
          allowedCount = byFullCount[key]! - 1;
        } else {
          allowed = byFull === null ? scratch : arena.int32(queues, false);
          allowedCount = 0;
          for (let k = 1; k < queues; k++) if (!full.blocks(sets[k]!)) allowed[allowedCount++] = k;
          if (byFull !== null) {
            byFull[key] = allowed;
            byFullCount[key] = allowedCount + 1;
          }
        }
        allowedStale = false;
        bestStale = true;
      }
      if (bestStale) {
        bestRank = n;
        bestQueue = -1;
        for (let a = 0; a < allowedCount; a++) {
          const k = allowed[a]!;
          const r = head[k]!;
          if (r < 0 || r >= bestRank) continue;
          bestRank = r;
          bestQueue = k;
        }
        bestStale = false;
      }
      let rank = head[0]!;
      let q = 0;
      if (bestQueue >= 0 && (rank < 0 || bestRank < rank)) {
        rank = bestRank;
        q = bestQueue;
        bestStale = true; // its queue's head moves on
      } else if (rank < 0) {
        stoppedBy = 'cap';
        break;
      }
      slots[served++] = order === null ? rank : order[rank]!;
      taken[rank] = 1;
      head[q] = after[rank]!;
      remaining -= 1;
      if (q === 0) {
        // Queue 0 goes on filling the slots after this one, in a loop of its own, for as long
        // as nothing the slot above decides can change: no window exit falls due, no recovery
        // slot may be due, the size bound is not reached, and queue 0's head still ranks before
        // the best head the caps allow (serving queue 0 moves no cap). Most slots are filled
        // here, at a fraction of what the full slot costs.
        let last = nextExit < sizeBound - 1 ? nextExit : sizeBound - 1;
        if (recoveryDue - 1 < last) last = recoveryDue - 1;
        const beat = bestQueue >= 0 ? bestRank : n;
        while (s < last && remaining > 0) {
          const next = head[0]!;
          if (next < 0 || next > beat) break;
          s += 1;
          slots[served++] = order === null ? next : order[next]!;
          taken[next] = 1;
          head[0] = after[next]!;
          remaining -= 1;
        }
      } else {
        // The item enters the window of each of its capped groups. Ring positions wrap by a
        // subtraction: head and count are both below the span.
        const entering = sets[q]!.groups;
        for (let k = 0; k < entering.length; k++) {
          const g = entering[k]!;
          const span = capCount[g]! + 1;
          let place = ringHead[g]! + inRing[g]!;
          if (place >= span) place -= span;
          ring[ringStart[g]! + place] = s;
          const held = inRing[g]! + 1;
          inRing[g] = held;
          if (held === 1) {
            const exit = s + capWindow[g]! - 1;
            exitAt[g] = exit;
            if (exit < nextExit) nextExit = exit;
          }
          if (held + 1 > capCount[g]! && !full.has(g)) {
            full.add(g);
            allowedStale = true;
          }
        }
      }
    }
    if (s < nextExit) continue;
    // Items whose window ends with this slot leave it; only the groups they belong to change.
    nextExit = NEVER;
    for (let i = 0; i < capped.length; i++) {
      const g = capped[i]!;
      let exit = exitAt[g]!;
      if (exit <= s) {
        const start = ringStart[g]!;
        const span = capCount[g]! + 1;
        const window = capWindow[g]! - 1;
        let first = ringHead[g]!;
        let held = inRing[g]!;
        do {
          first = first + 1 === span ? 0 : first + 1;
          held -= 1;
          exit = held > 0 ? ring[start + first]! + window : NEVER;
        } while (exit <= s);
        ringHead[g] = first;
        inRing[g] = held;
        exitAt[g] = exit;
        if (held + 1 <= capCount[g]! && full.has(g)) {
          full.remove(g);
          allowedStale = true;
        }
      }
      if (exit < nextExit) nextExit = exit;
    }
  }
  // No recovery item after the last organic one when the organic feed has ended (guarantee 7 of
  // docs/guarantees.md); when the size bound ended it, organic items were still there to follow.
  if (stoppedBy !== 'size')
    while (served > 0 && slots[served - 1] === -1) {
      served -= 1;
      recoveryUsed -= 1;
    }
  return {
    slots: slots.subarray(0, served),
    recoverySlots: recoveryUsed,
    stoppedBy,
    // What is left in each ring is what the window holds after the last slot.
    inWindow: inRing,
    signature,
    signatureSets: sets,
    taken,
  };
}

const EMPTY = new Int32Array(0);
/** A slot index no request reaches (sizes are far below 2^31). */
const NEVER = 0x7fffffff;
