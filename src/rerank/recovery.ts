import type { RejectedRecovery } from './types.js';
import { hashId } from '../exposure/hashId.js';
import type { UserState } from '../exposure/types.js';
import type { PreparedList } from './prepare.js';
import type { Arena } from '../scratch/Arena.js';
import type { IdTable } from '../scratch/IdTable.js';
import { inInputOrder } from './inputOrder.js';

/** Recovery items eligible per calling group, in pool order, and the refusals. @internal */
export interface RecoveryCandidates {
  /** Per calling group (same order as `callers`), eligible pool view indices in pool order. */
  readonly lists: number[][];
  /** Distinct eligible pool views over all calling groups. */
  readonly available: number;
  readonly rejected: RejectedRecovery[];
}

/**
 * Sorts out the recovery pool: an entry carrying any triggering topic is refused (recovery tags
 * are co-opted by pro-eating-disorder posts, Herrick et al. 2021), as is one whose id is also a
 * candidate, or one shown within the cooldown; the rest are listed for each calling group whose
 * recovery topics they carry.
 *
 * @internal
 */
export function sortRecoveryPool(
  pool: PreparedList,
  groupIds: readonly string[],
  callers: readonly number[],
  candidateIds: IdTable,
  state: UserState,
  cooldown: number,
): RecoveryCandidates {
  const groups = groupIds.length;
  // The pool's own left-outs are plain objects made for this request: they are passed on as-is.
  // A pool never goes through "see less", so they are `invalid` or `duplicate`.
  const rejected = pool.left.slice() as RejectedRecovery[];
  const callerCount = callers.length;
  const lists = new Array<number[]>(callerCount);
  for (let c = 0; c < callerCount; c++) lists[c] = [];
  // Most states remember no recovery item in the cooldown: then no id is hashed.
  let cooling: Set<string> | null = null;
  const shown = state.recoveryShown;
  for (let k = 0; k < shown.length; k++) {
    const [hash, shownAt] = shown[k]!;
    if (state.impressions - (shownAt + 1) < cooldown) (cooling ??= new Set<string>()).add(hash);
  }
  let available = 0;
  // The columns the loop reads, as locals: it allocates, which keeps the compiler from hoisting
  // their loads out of it (read through `pool`, the pool's sorting cost twice as much).
  const { masks } = pool.triggering;
  const { count, ids, from, recovery } = pool;
  for (let p = 0; p < count; p++) {
    const row = p * groups;
    // The first group it is triggering for: the lowest bit of its mask, when there are masks.
    let trigger = -1;
    if (masks !== null) {
      const mask = masks[p]!;
      if (mask !== 0) trigger = 31 - Math.clz32(mask & -mask);
    } else
      for (let g = 0; g < groups; g++) {
        if (pool.triggering.has(p, g)) {
          trigger = g;
          break;
        }
      }
    if (trigger >= 0) {
      rejected.push({ id: ids[p]!, from: from[p]!, reason: `triggering:${groupIds[trigger]!}` });
      continue;
    }
    let relevant = false;
    for (let c = 0; c < callerCount; c++)
      if (recovery[row + callers[c]!] === 1) {
        relevant = true;
        break;
      }
    if (!relevant) continue;
    const id = ids[p]!;
    if (candidateIds.indexOf(id) >= 0) {
      rejected.push({ id, from: from[p]!, reason: 'duplicate' });
      continue;
    }
    if (cooling !== null && cooling.has(hashId(id))) {
      rejected.push({ id, from: from[p]!, reason: 'cooldown' });
      continue;
    }
    available += 1;
    for (let c = 0; c < callerCount; c++) if (recovery[row + callers[c]!] === 1) lists[c]!.push(p);
  }
  return { lists, available, rejected: inInputOrder(rejected) };
}

/**
 * Orders each calling group's eligible items by relevance: cosine similarity of their embedding
 * to `centroid` (the mean embedding of the served organic items), highest first; items without
 * an embedding, or all items when there is no centroid, keep pool order after them.
 *
 * @internal
 */
export function rankByRelevance(
  pool: PreparedList,
  lists: readonly (readonly number[])[],
  centroid: Float64Array | null,
  arena: Arena,
): readonly (readonly number[])[] {
  // Without a centroid the lists are already in pool order; they are the request's own, and
  // only read from here on.
  if (centroid === null) return lists;
  const { data, dimension } = pool.embeddings;
  const score = arena.float64(pool.count, false).fill(NaN);
  for (const list of lists)
    for (const p of list) {
      if (!Number.isNaN(score[p]!)) continue;
      const row = pool.embedding[p]!;
      score[p] = row < 0 ? -Infinity : cosine(data, row * dimension, centroid, dimension);
    }
  // Array.prototype.sort is stable, so equal scores keep pool order.
  return lists.map((l) => l.slice().sort((a, b) => score[b]! - score[a]! || a - b));
}

/**
 * Cosine similarity of `data[offset … offset + dimension)` and `b`; 0 when either is zero.
 *
 * @internal
 */
export function cosine(
  data: Float64Array,
  offset: number,
  b: Float64Array,
  dimension: number,
): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < dimension; i++) {
    const x = data[offset + i]!;
    dot += x * b[i]!;
    na += x * x;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Per recovery slot, the pool view served and the calling group it was drawn for. @internal */
export interface RecoveryAssignment {
  /** Slots filled (the pool may run out before `slots`). */
  readonly count: number;
  readonly views: Int32Array;
  /** Index into the calling groups. */
  readonly callers: Int32Array;
}

/**
 * Fills recovery slots in turn from the calling groups' ranked lists: slot j starts with group
 * j mod m and moves on to the next group with an unused item.
 *
 * @param ranked - per calling group, its eligible pool views, best first
 * @param slots - recovery slots to fill
 * @param poolSize - views in the pool
 * @internal
 */
export function assignRecovery(
  ranked: readonly (readonly number[])[],
  slots: number,
  poolSize: number,
  arena: Arena,
): RecoveryAssignment {
  const used = arena.uint8(poolSize);
  const next = arena.int32(ranked.length);
  const views = arena.int32(slots, false);
  const callers = arena.int32(slots, false);
  let count = 0;
  for (let j = 0; j < slots; j++) {
    for (let t = 0; t < ranked.length; t++) {
      const c = (j + t) % ranked.length;
      const list = ranked[c]!;
      while (next[c]! < list.length && used[list[next[c]!]!] === 1) next[c]! += 1;
      if (next[c]! < list.length) {
        const view = list[next[c]!]!;
        used[view] = 1;
        next[c]! += 1;
        views[count] = view;
        callers[count++] = c;
        break;
      }
    }
  }
  return { count, views, callers };
}
