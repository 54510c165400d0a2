import { RebalanceError } from '../../errors/RebalanceError.js';
import type { ResolvedDiversify } from '../../policy/resolved.js';
import { DIVERSIFY_DEFAULTS } from './defaults.js';
import { greedyMap } from './greedyMap.js';
import { recommendationKernel } from './recommendationKernel.js';
import { selectMmr } from './selectMmr.js';
import { normaliseInPlace } from './vectors.js';

/**
 * Diversifies the head of a ranked list: reorders the first m = min(n, d.depth) candidates and
 * leaves the rest in place.
 *
 * - `mmr`: maximal marginal relevance (Carbonell & Goldstein 1998) over the given relevance and
 *   the cosine similarity of the embeddings; all m candidates are ordered.
 * - `dpp`: the fast greedy MAP of Chen, Zhang & Zhou (2018) on L = Diag(r)·S·Diag(r) with
 *   S_ij = (1 + cos)/2 and r_i = exp(θ/(2(1 − θ))·relevance_i), with the sliding window `d.window`
 *   when set; candidates the greedy does not select (gain below 1e-10, e.g. beyond the rank of S)
 *   follow the selected ones in their original order.
 *
 * Relevance is on the caller's scale (e.g. the host rank turned into a score in [0, 1]); for
 * `mmr` it is weighed against cosines in [−1, 1]. If any of the first m candidates has no
 * embedding, nothing can be measured fairly and the identity order is returned. A zero
 * embedding has cosine 0 with everything.
 *
 * @param embeddings - one embedding per candidate (equal lengths, finite), or `null` for none
 * @param relevance - one finite relevance per candidate, higher is better
 * @param d - the resolved diversification of the level
 * @returns a permutation of 0..n−1: the diversified head, then indices m..n−1 in order
 * @throws {@link RebalanceError} with code `argument` when `relevance` is shorter than the list
 * or two considered embeddings differ in length (callers validate items before)
 *
 * @example
 * ```ts
 * const embeddings = [[1, 0], [0.99, 0.14], [0, 1]].map((e) => Float64Array.from(e));
 * diversifyOrder(embeddings, Float64Array.from([1, 0.9, 0.8]), { kind: 'mmr', lambda: 0.5, depth: 100 });
 * // Int32Array [0, 2, 1]: the near-copy of the top item moves below the different one
 * ```
 *
 * @internal
 */
export function diversifyOrder(
  embeddings: readonly (Float64Array | null)[],
  relevance: Float64Array,
  d: ResolvedDiversify,
): Int32Array {
  const n = embeddings.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (relevance.length < n)
    throw new RebalanceError(
      'argument',
      `diversifyOrder: relevance must have one entry per candidate (${n}) (got ${relevance.length})`,
      'relevance',
    );
  const m = Math.min(n, d.depth);
  if (m < 2) return order;

  const dim = embeddings[0]?.length ?? 0;
  for (let i = 0; i < m; i++) {
    const e = embeddings[i];
    if (e === null || e === undefined) return order;
    if (e.length !== dim)
      throw new RebalanceError(
        'argument',
        `diversifyOrder: embeddings[${i}] must have length ${dim} like embeddings[0] (got ${e.length})`,
        `embeddings[${i}]`,
      );
  }
  const unit = new Float64Array(m * dim);
  for (let i = 0; i < m; i++) {
    unit.set(embeddings[i]!, i * dim);
    normaliseInPlace(unit, i * dim, dim);
  }

  const picks =
    d.kind === 'mmr'
      ? selectMmr(unit, m, dim, relevance, m, d.lambda)
      : greedyMap(
          recommendationKernel(unit, m, dim, relevance, d.theta),
          m,
          m,
          d.window,
          DIVERSIFY_DEFAULTS.dppEpsilon,
        );
  const placed = new Uint8Array(m);
  let at = 0;
  for (let p = 0; p < picks.length; p++) {
    const item = picks[p]!;
    order[at++] = item;
    placed[item] = 1;
  }
  for (let i = 0; i < m; i++) if (placed[i] === 0) order[at++] = i;
  return order;
}
