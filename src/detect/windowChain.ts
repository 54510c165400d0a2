import type { BinaryChain } from './absorbingChainArl.js';

/**
 * Number of states of the `count`-of-`window` chain: subsets of fewer than `count` positions
 * among the last `window − 1` impressions. Stops counting once it passes `limit`.
 *
 * @param count - the alarm count k
 * @param window - the window length w
 * @param limit - the count above which the exact number no longer matters
 * @returns Σ_{j<k} C(w − 1, j), or a number above `limit`
 *
 * @example
 * ```ts
 * import { windowStateCount } from './windowChain.js';
 * windowStateCount(3, 10, 1e6); // 1 + 9 + 36 = 46
 * ```
 *
 * @internal
 */
export function windowStateCount(count: number, window: number, limit: number): number {
  const n = window - 1;
  let total = 0;
  let binomial = 1; // C(n, j)
  for (let j = 0; j < count && j <= n; j++) {
    total += binomial;
    if (total > limit) return total;
    binomial = (binomial * (n - j)) / (j + 1);
  }
  return total;
}

/**
 * The Markov chain of the `count`-of-`window` detector, reduced to what its future depends on.
 *
 * After an impression the next alarm decision looks at the new bit and the last w − 1 bits, so
 * the state is the set of positions (ages 0 … w − 2) of triggering impressions among the last
 * w − 1, with fewer than k of them (k or more would already have alarmed). A triggering
 * impression alarms when the set already holds k − 1; otherwise every age grows by one, age
 * w − 1 leaves the state, and a triggering impression adds age 0. The window starts empty, which
 * behaves exactly like a window of non-triggering impressions, so the start is the empty set.
 * States are numbered by subset size, then by the combinatorial number system (colex rank
 * Σ C(c_t, t)), which needs no hashing.
 *
 * @param count - the alarm count k, 1 ≤ k ≤ w
 * @param window - the window length w
 * @returns the chain; its size is {@link windowStateCount}
 *
 * @example
 * ```ts
 * import { windowChain } from './windowChain.js';
 * windowChain(2, 3).next1; // alarms from every state that already holds a triggering impression
 * ```
 *
 * @internal
 */
export function windowChain(count: number, window: number): BinaryChain {
  const n = window - 1;
  const maxSize = Math.min(count - 1, n);
  const choose = binomials(n, maxSize + 1);
  const offsets: number[] = [0];
  for (let j = 0; j <= maxSize; j++) offsets.push(offsets[j]! + choose(n, j));
  const states = offsets[maxSize + 1]!;
  const next0 = new Int32Array(states);
  const next1 = new Int32Array(states);
  const ages = new Int32Array(maxSize + 1);
  const shifted = new Int32Array(maxSize + 2);
  for (let size = 0; size <= maxSize; size++) {
    for (let t = 0; t < size; t++) ages[t] = t; // first subset of this size in colex order
    for (;;) {
      const here = offsets[size]! + colexRank(ages, 0, size, choose);
      // Ages grow by one; those reaching w − 1 fall out of the state. shifted[0] is left free
      // for the new age 0 of a triggering impression.
      let kept = 0;
      for (let t = 0; t < size; t++) if (ages[t]! + 1 <= n - 1) shifted[1 + kept++] = ages[t]! + 1;
      next0[here] = offsets[kept]! + colexRank(shifted, 1, kept, choose);
      if (size + 1 >= count) next1[here] = -1;
      else {
        shifted[0] = 0;
        next1[here] = offsets[kept + 1]! + colexRank(shifted, 0, kept + 1, choose);
      }
      if (!nextCombination(ages, size, n)) break;
    }
  }
  return { next0, next1, start: 0, memory: window };
}

/** Colex rank of the sorted subset values[from … from + size − 1]: Σ C(c_t, t + 1). */
function colexRank(
  values: Int32Array,
  from: number,
  size: number,
  choose: (a: number, b: number) => number,
): number {
  let rank = 0;
  for (let t = 0; t < size; t++) rank += choose(values[from + t]!, t + 1);
  return rank;
}

/** Advances `c` to the next size-`size` subset of {0 … n − 1} in colex order; false at the end. */
function nextCombination(c: Int32Array, size: number, n: number): boolean {
  for (let t = 0; t < size; t++) {
    const limit = t + 1 < size ? c[t + 1]! : n;
    if (c[t]! + 1 < limit) {
      c[t]!++;
      for (let u = 0; u < t; u++) c[u] = u;
      return true;
    }
  }
  return false;
}

/** Pascal's triangle up to C(n, maxK), as a lookup that is 0 outside it. */
function binomials(n: number, maxK: number): (a: number, b: number) => number {
  const width = maxK + 1;
  const table = new Float64Array((n + 1) * width);
  for (let a = 0; a <= n; a++) {
    table[a * width] = 1;
    for (let b = 1; b <= Math.min(a, maxK); b++)
      table[a * width + b] =
        table[(a - 1) * width + b - 1]! + (b <= a - 1 ? table[(a - 1) * width + b]! : 0);
  }
  return (a, b) => (b > maxK || b > a || a < 0 ? 0 : table[a * width + b]!);
}
