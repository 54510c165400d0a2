import type { Arena } from '../scratch/Arena.js';
import type { PreparedList } from './prepare.js';

/**
 * Mean embedding of the served organic items that have one, or null. Eight dimensions at a time,
 * each summed over the items in slot order in a local: the same sums as a plain loop, without a
 * load and store of the running sum per element (this is the costliest loop of a request with
 * embeddings).
 *
 * @internal
 */
export function centroidOf(
  organic: PreparedList,
  slots: Int32Array,
  arena: Arena,
): Float64Array | null {
  const { data, dimension } = organic.embeddings;
  if (dimension === 0) return null;
  const bases = arena.int32(slots.length, false);
  let count = 0;
  for (let s = 0; s < slots.length; s++) {
    const v = slots[s]!;
    if (v < 0) continue;
    const row = organic.embedding[v]!;
    if (row >= 0) bases[count++] = row * dimension;
  }
  if (count === 0) return null;
  const mean = arena.float64(dimension, false);
  let d = 0;
  for (; d + 7 < dimension; d += 8) {
    let a0 = 0,
      a1 = 0,
      a2 = 0,
      a3 = 0,
      a4 = 0,
      a5 = 0,
      a6 = 0,
      a7 = 0;
    for (let k = 0; k < count; k++) {
      const b = bases[k]! + d;
      a0 += data[b]!;
      a1 += data[b + 1]!;
      a2 += data[b + 2]!;
      a3 += data[b + 3]!;
      a4 += data[b + 4]!;
      a5 += data[b + 5]!;
      a6 += data[b + 6]!;
      a7 += data[b + 7]!;
    }
    mean[d] = a0 / count;
    mean[d + 1] = a1 / count;
    mean[d + 2] = a2 / count;
    mean[d + 3] = a3 / count;
    mean[d + 4] = a4 / count;
    mean[d + 5] = a5 / count;
    mean[d + 6] = a6 / count;
    mean[d + 7] = a7 / count;
  }
  for (; d < dimension; d++) {
    let a = 0;
    for (let k = 0; k < count; k++) a += data[bases[k]! + d]!;
    mean[d] = a / count;
  }
  return mean;
}
