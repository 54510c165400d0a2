/**
 * The DPP kernel of Chen, Zhang & Zhou's recommendation experiments (NeurIPS 2018, §5):
 * L = Diag(r)·S·Diag(r) with r_i = exp(α·relevance_i) and α = θ / (2(1 − θ)). With this choice
 * log det(L_Y) = 2α·Σ_{i∈Y} relevance_i + log det(S_Y), so the greedy MAP trades summed relevance
 * (weight θ) against diversity (weight 1 − θ), up to a common factor.
 *
 * S_ij = (1 + cos(e_i, e_j)) / 2 maps cosine similarity into [0, 1] and stays positive
 * semi-definite: it is the average of the all-ones matrix and the Gram matrix of the unit
 * vectors. Its rank is at most dim + 1, so the greedy stops (gain below epsilon) after at most
 * dim + 1 picks.
 *
 * Relevance is shifted so that its maximum is 0 before exponentiation: multiplying every r_i by
 * one constant scales all gains of a step alike and leaves the greedy order unchanged, while
 * large relevance values can no longer overflow exp.
 *
 * @param unit - m × dim row-major unit (or zero) vectors
 * @param m - number of items
 * @param dim - vector length
 * @param relevance - relevance of each item (at least m finite entries)
 * @param theta - relevance weight θ in [0, 1)
 * @returns the m × m row-major kernel, exactly symmetric
 *
 * @internal
 */
export function recommendationKernel(
  unit: Float64Array,
  m: number,
  dim: number,
  relevance: Float64Array,
  theta: number,
): Float64Array {
  const alpha = theta / (2 * (1 - theta));
  let top = -Infinity;
  for (let i = 0; i < m; i++) if (relevance[i]! > top) top = relevance[i]!;
  const r = new Float64Array(m);
  for (let i = 0; i < m; i++) r[i] = Math.exp(alpha * (relevance[i]! - top));

  const kernel = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const rowI = i * dim;
    for (let j = i; j < m; j++) {
      const rowJ = j * dim;
      let dot = 0;
      for (let t = 0; t < dim; t++) dot += unit[rowI + t]! * unit[rowJ + t]!;
      const value = r[i]! * r[j]! * ((1 + dot) / 2);
      kernel[i * m + j] = value;
      kernel[j * m + i] = value;
    }
  }
  return kernel;
}
