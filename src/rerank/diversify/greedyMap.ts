/**
 * Fast greedy MAP inference for a DPP (Chen, Zhang & Zhou, NeurIPS 2018, Algorithms 1 and 2).
 *
 * The greedy step adds the item j maximising log det(L_{Y∪{j}}), i.e. the largest marginal gain
 * d_j² = det(L_{Y∪{j}}) / det(L_Y) = L_jj − ‖c_j‖², where c_j solves V·c_j = L_{Y,j} for the
 * Cholesky factor V of L_Y. Adding j extends V by the row (c_j, d_j) and every c_i by the entry
 * e_i = (L_ji − ⟨c_j, c_i⟩) / d_j, so each step costs O(n·|Y|) and k steps O(n·k²) instead of
 * a factorisation per candidate.
 *
 * With a sliding window w only the last w − 1 selected items count. Dropping the oldest item
 * from the window leaves V with a column too many; Givens rotations of the columns restore a
 * triangular factor, the same rotations applied to every c_i keep V·c_i = L_{W,i}, and the
 * rotated-out coefficient returns to each gain (the paper's Algorithm 2; the window update of
 * the reference implementation, github laming-chen/fast-map-dpp `dpp_sw`, does the same).
 *
 * Ties go to the lower index (strict comparison while scanning upwards). Unlike the reference
 * implementation, the first pick is also held to `epsilon`, so a kernel whose diagonal is all
 * below `epsilon` selects nothing.
 *
 * @param kernel - n × n row-major symmetric kernel (trusted: finite and symmetric)
 * @param n - number of items
 * @param maxLength - most items to select
 * @param window - sliding window w ≥ 1, or `null` for none
 * @param epsilon - stop once the best gain falls below it (> 0)
 * @returns the selected indices in selection order
 *
 * @internal
 */
export function greedyMap(
  kernel: Float64Array,
  n: number,
  maxLength: number,
  window: number | null,
  epsilon: number,
): Int32Array {
  const k = Math.min(maxLength, n);
  const picks = new Int32Array(k);
  if (k === 0) return picks;
  const gain = new Float64Array(n);
  for (let i = 0; i < n; i++) gain[i] = kernel[i * n + i]!;
  // With a window of 1 no earlier item counts: the greedy order is the diagonal's, and skipping
  // the updates keeps exact ties exact.
  const qualityOnly = window === 1;
  const sliding = window !== null && window > 1 && window < k;
  // Row s of `c` holds the s-th selected item's coefficient for every item (the c_i above).
  const c = qualityOnly ? null : new Float64Array(k * n);
  // The window's Cholesky factor, row-major k × k, needed only to rotate it.
  const v = sliding ? new Float64Array(k * k) : null;
  let count = 0;
  let left = 0;

  for (;;) {
    let j = -1;
    let best = -Infinity;
    for (let i = 0; i < n; i++) {
      if (gain[i]! > best) {
        best = gain[i]!;
        j = i;
      }
    }
    if (j < 0 || !(best >= epsilon)) break;
    picks[count++] = j;
    if (count === k) break;
    gain[j] = -Infinity;
    if (c === null) continue;

    const t = count - 1;
    const dj = Math.sqrt(best);
    const row = t * n;
    const kernelRow = j * n;
    for (let i = 0; i < n; i++) c[row + i] = kernel[kernelRow + i]!;
    for (let s = left; s < t; s++) {
      const cj = c[s * n + j]!;
      if (v !== null) v[t * k + s] = cj;
      if (cj === 0) continue;
      const base = s * n;
      for (let i = 0; i < n; i++) c[row + i]! -= cj * c[base + i]!;
    }
    if (v !== null) v[t * k + t] = dj;
    for (let i = 0; i < n; i++) {
      const e = c[row + i]! / dj;
      c[row + i] = e;
      gain[i]! -= e * e; // −∞ stays −∞: selected items are never picked again
    }

    if (v !== null && count >= window!) {
      slideWindow(c, v, gain, n, k, left, t);
      left++;
    }
  }
  return picks.slice(0, count);
}

/**
 * Removes the oldest item (position `out`) from the window `out..t`: rotates columns (r, out)
 * of V for r = out+1..t so that column `out` vanishes below its own row, applies each rotation
 * to the coefficient rows r and `out` of every item, and adds the rotated-out coefficient's
 * square back to each gain. O(w·n) per call.
 */
function slideWindow(
  c: Float64Array,
  v: Float64Array,
  gain: Float64Array,
  n: number,
  k: number,
  out: number,
  t: number,
): void {
  const outRow = out * n;
  for (let r = out + 1; r <= t; r++) {
    const a = v[r * k + r]!;
    const b = v[r * k + out]!;
    const h = Math.hypot(a, b);
    const cos = a / h;
    const sin = b / h;
    v[r * k + r] = h;
    v[r * k + out] = 0;
    for (let q = r + 1; q <= t; q++) {
      const x = v[q * k + r]!;
      const y = v[q * k + out]!;
      v[q * k + r] = cos * x + sin * y;
      v[q * k + out] = cos * y - sin * x;
    }
    const rRow = r * n;
    for (let i = 0; i < n; i++) {
      const x = c[rRow + i]!;
      const y = c[outRow + i]!;
      c[rRow + i] = cos * x + sin * y;
      c[outRow + i] = cos * y - sin * x;
    }
  }
  for (let i = 0; i < n; i++) {
    const y = c[outRow + i]!;
    gain[i]! += y * y;
  }
}
