import { joinPath } from '../../errors/describe.js';
import { argumentError, readInteger, readOption, readOptionsObject } from './argumentError.js';
import { DIVERSIFY_DEFAULTS } from './defaults.js';
import { selectMmr } from './selectMmr.js';
import type { MmrOptions, VectorInput } from './types.js';
import { copyVectorInto, normaliseInPlace, vectorLength } from './vectors.js';

const API = 'mmr';

/**
 * Maximal marginal relevance (Carbonell & Goldstein, SIGIR 1998): selects `k` embeddings that
 * are relevant to `query` yet unlike each other. Relevance is the cosine similarity to the query;
 * each step picks the item maximising λ·cos(query, e_i) − (1 − λ)·max_j cos(e_i, e_j) over the
 * items j already selected. The first pick is the most relevant item; ties go to the lower
 * index. A zero vector (query or embedding) has cosine 0 with everything. Runs in O(n·k·d).
 *
 * @param query - the query vector, of length d
 * @param embeddings - the n candidate vectors, each of length d
 * @param options - `k` (how many, default all) and `lambda` (relevance weight, default 0.5)
 * @returns min(k, n) distinct indices into `embeddings`, in selection order
 * @throws {@link RebalanceError} with code `argument` and the path of the offending argument
 * (`query`, `embeddings[3]`, `embeddings[3][5]`, `options.k`, `options.lambda`) when a vector is
 * not an array of finite numbers, lengths differ, λ is outside [0, 1] or k is not an integer ≥ 0
 *
 * @example
 * ```ts
 * import { mmr } from 'feed-rebalancer';
 * const picks = mmr([1, 0], [[1, 0], [0.99, 0.11], [0.8, 0.6]], { k: 2, lambda: 0.3 });
 * // [0, 2]: the most relevant first, then the one least like it
 * ```
 */
export function mmr(
  query: VectorInput,
  embeddings: readonly VectorInput[],
  options?: MmrOptions,
): number[] {
  const dim = vectorLength(API, 'query', query);
  const queryUnit = new Float64Array(dim);
  copyVectorInto(API, 'query', query, dim, queryUnit, 0);
  normaliseInPlace(queryUnit, 0, dim);

  if (!Array.isArray(embeddings))
    throw argumentError(API, 'embeddings', 'must be an array of vectors', embeddings);
  const n = embeddings.length;
  const unit = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    copyVectorInto(API, joinPath('embeddings', i), embeddings[i], dim, unit, i * dim);
    normaliseInPlace(unit, i * dim, dim);
  }

  const read = readOptionsObject(API, options);
  const rawK = readOption(API, read, 'k');
  const k = rawK === undefined ? n : readInteger(API, 'options.k', rawK, 0);
  const rawLambda = readOption(API, read, 'lambda');
  const lambda = rawLambda === undefined ? DIVERSIFY_DEFAULTS.mmrLambda : rawLambda;
  if (typeof lambda !== 'number' || !(lambda >= 0 && lambda <= 1))
    throw argumentError(API, 'options.lambda', 'must be a number in [0, 1]', lambda);

  const relevance = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * dim;
    let dot = 0;
    for (let t = 0; t < dim; t++) dot += queryUnit[t]! * unit[row + t]!;
    relevance[i] = dot;
  }
  return Array.from(selectMmr(unit, n, dim, relevance, Math.min(k, n), lambda));
}
