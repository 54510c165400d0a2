/**
 * Brute-force oracles, written from the definitions and sharing no code with the library.
 *
 * - DPP: the naive greedy MAP adds, at each step, the item maximising log det(L_{Y∪{i}}), each
 *   determinant computed directly by ml-matrix (LU). Its gain det(L_{Y∪{i}}) / det(L_Y) is the
 *   quantity the fast algorithm tracks as d_i². The windowed version conditions only on the
 *   last w − 1 selected items (Chen, Zhang & Zhou 2018, §4).
 * - MMR: Carbonell & Goldstein's score λ·cos(q, e_i) − (1 − λ)·max_{j∈S} cos(e_i, e_j), with
 *   cosines recomputed from the raw vectors at every step.
 */
import { Matrix, determinant } from 'ml-matrix';

/** det of the principal submatrix of `kernel` on `indices`; 1 for no indices. */
export function principalDeterminant(
  kernel: readonly (readonly number[])[],
  indices: readonly number[],
): number {
  if (indices.length === 0) return 1;
  const sub = indices.map((i) => indices.map((j) => kernel[i]![j]!));
  return determinant(new Matrix(sub));
}

/** The items a new pick is measured against: all of `prefix`, or its last w − 1 with a window. */
export function conditioningSet(prefix: readonly number[], window: number | null): number[] {
  if (window === null) return prefix.slice();
  return prefix.slice(Math.max(0, prefix.length - (window - 1)));
}

/** Naive marginal gain det(L_{P∪{i}}) / det(L_P) of item i after `prefix`. */
export function naiveGain(
  kernel: readonly (readonly number[])[],
  prefix: readonly number[],
  i: number,
  window: number | null,
): number {
  const set = conditioningSet(prefix, window);
  return principalDeterminant(kernel, [...set, i]) / principalDeterminant(kernel, set);
}

/** Gains of every item not in `prefix` (−∞ for items in it). */
export function naiveGains(
  kernel: readonly (readonly number[])[],
  prefix: readonly number[],
  window: number | null,
): number[] {
  const taken = new Set(prefix);
  return kernel.map((_, i) => (taken.has(i) ? -Infinity : naiveGain(kernel, prefix, i, window)));
}

/** The naive log-det greedy: picks, and for each step the best and second-best gains. */
export function naiveGreedyDpp(
  kernel: readonly (readonly number[])[],
  maxLength: number,
  window: number | null,
  epsilon = 1e-10,
): { picks: number[]; best: number[]; second: number[] } {
  const picks: number[] = [];
  const best: number[] = [];
  const second: number[] = [];
  while (picks.length < Math.min(maxLength, kernel.length)) {
    const gains = naiveGains(kernel, picks, window);
    let top = -1;
    for (let i = 0; i < gains.length; i++) if (top < 0 || gains[i]! > gains[top]!) top = i;
    const rest = gains.filter((_, i) => i !== top);
    best.push(gains[top]!);
    second.push(rest.length === 0 ? -Infinity : Math.max(...rest));
    if (!(gains[top]! >= epsilon)) break;
    picks.push(top);
  }
  return { picks, best, second };
}

/** Cosine similarity from the raw vectors; 0 when either is the zero vector. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let t = 0; t < a.length; t++) {
    dot += a[t]! * b[t]!;
    aa += a[t]! * a[t]!;
    bb += b[t]! * b[t]!;
  }
  return aa === 0 || bb === 0 ? 0 : dot / Math.sqrt(aa * bb);
}

/** MMR score of item i after the selection `prefix`; plain relevance when nothing is selected. */
export function mmrScore(
  relevance: readonly number[],
  embeddings: readonly ArrayLike<number>[],
  prefix: readonly number[],
  i: number,
  lambda: number,
): number {
  if (prefix.length === 0) return relevance[i]!;
  let nearest = -Infinity;
  for (const j of prefix) nearest = Math.max(nearest, cosine(embeddings[i]!, embeddings[j]!));
  return lambda * relevance[i]! - (1 - lambda) * nearest;
}

/** The naive MMR greedy with the best and second-best score of each step. */
export function naiveMmr(
  relevance: readonly number[],
  embeddings: readonly ArrayLike<number>[],
  k: number,
  lambda: number,
): { picks: number[]; best: number[]; second: number[] } {
  const picks: number[] = [];
  const best: number[] = [];
  const second: number[] = [];
  const n = embeddings.length;
  while (picks.length < Math.min(k, n)) {
    const scores = embeddings.map((_, i) =>
      picks.includes(i) ? -Infinity : mmrScore(relevance, embeddings, picks, i, lambda),
    );
    let top = 0;
    for (let i = 1; i < n; i++) if (scores[i]! > scores[top]!) top = i;
    best.push(scores[top]!);
    second.push(Math.max(-Infinity, ...scores.filter((_, i) => i !== top)));
    picks.push(top);
  }
  return { picks, best, second };
}
