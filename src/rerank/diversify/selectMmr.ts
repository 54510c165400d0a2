/**
 * The maximal marginal relevance loop of Carbonell & Goldstein (SIGIR 1998), shared by `mmr`
 * and the engine's diversification. Item i scores λ·relevance_i − (1 − λ)·max_j cos(e_i, e_j)
 * over the already selected items j; each step takes the best score, ties to the lower index.
 * The first pick is the most relevant item (the redundancy term of an empty selection is taken
 * as absent, not as −∞).
 *
 * `unit` holds n rows of `dim` entries, each of unit norm or zero, so a dot product is a cosine.
 * Each remaining item keeps its largest similarity to the selection in one typed array, updated
 * against the newest pick only: O(n·k·dim) in all and no allocation inside the loop.
 *
 * @param unit - n × dim row-major unit (or zero) vectors
 * @param n - number of items
 * @param dim - vector length
 * @param relevance - relevance of each item (at least n entries, finite)
 * @param k - how many to select, 0 ≤ k ≤ n
 * @param lambda - weight of relevance, in [0, 1]
 * @returns the selected item indices, in selection order
 *
 * @internal
 */
export function selectMmr(
  unit: Float64Array,
  n: number,
  dim: number,
  relevance: Float64Array,
  k: number,
  lambda: number,
): Int32Array {
  const picks = new Int32Array(k);
  if (k === 0) return picks;
  const taken = new Uint8Array(n);
  // Largest cosine of each remaining item to any selected item.
  const nearest = new Float64Array(n);
  const novelty = 1 - lambda;

  let pick = 0;
  for (let i = 1; i < n; i++) if (relevance[i]! > relevance[pick]!) pick = i;

  for (let step = 0; ;) {
    picks[step++] = pick;
    taken[pick] = 1;
    if (step === k) break;
    // One pass both folds the newest pick into `nearest` and finds the next best score.
    const base = pick * dim;
    let next = -1;
    let nextScore = 0;
    for (let i = 0; i < n; i++) {
      if (taken[i] === 1) continue;
      const row = i * dim;
      let dot = 0;
      for (let t = 0; t < dim; t++) dot += unit[row + t]! * unit[base + t]!;
      const near = step === 1 || dot > nearest[i]! ? dot : nearest[i]!;
      nearest[i] = near;
      const score = lambda * relevance[i]! - novelty * near;
      if (next < 0 || score > nextScore) {
        next = i;
        nextScore = score;
      }
    }
    pick = next;
  }
  return picks;
}
