import { argumentError, readInteger, readOption, readOptionsObject } from './argumentError.js';
import { DIVERSIFY_DEFAULTS } from './defaults.js';
import { greedyMap } from './greedyMap.js';
import { readKernel } from './readKernel.js';
import type { DppGreedyOptions, KernelInput } from './types.js';

const API = 'dppGreedy';

/**
 * Greedy MAP inference for a determinantal point process with the fast incremental-Cholesky
 * algorithm of Chen, Zhang & Zhou ("Fast Greedy MAP Inference for Determinantal Point Process
 * to Improve Recommendation Diversity", NeurIPS 2018). Each step adds the item that most
 * increases log det(L_Y); the marginal gain d² is updated for every item in O(n·|Y|), so k
 * picks cost O(n·k²). Selection stops at `maxLength` items or when the best gain falls below
 * `epsilon`; ties go to the lower index. With `window: w`, each new item's diversity is measured
 * against the previous w − 1 selected items only (the paper's sliding-window Algorithm 2), so
 * similar items may come back once they are w positions apart.
 *
 * A typical recommendation kernel is L = Diag(r)·S·Diag(r) with relevance r_i > 0 and a
 * similarity S that is positive semi-definite (e.g. cosine similarities of the embeddings).
 *
 * @param kernel - a symmetric positive semi-definite n × n kernel: an array of rows or a matrix
 * with `rows`, `columns` and `get(i, j)` such as an ml-matrix `Matrix`; it is read, never changed
 * @param maxLength - the most items to select, an integer ≥ 0 (more than n selects at most n)
 * @param options - `window` (sliding window, default none) and `epsilon` (stop threshold on the
 * gain, default 1e-10)
 * @returns distinct indices into the kernel, in selection order
 * @throws {@link RebalanceError} with code `argument` and the path of the offending argument
 * (`kernel`, `kernel[2]`, `kernel[2][3]`, `maxLength`, `options.window`, `options.epsilon`) when
 * the kernel is not square, not finite or not symmetric within a relative 1e-9, `maxLength` is
 * not an integer ≥ 0, `window` is not an integer ≥ 1 or `epsilon` is not a finite number > 0
 *
 * @example
 * ```ts
 * import { dppGreedy } from 'feed-rebalancer';
 * const kernel = [
 *   [1.0, 0.9, 0.1],
 *   [0.9, 1.0, 0.1],
 *   [0.1, 0.1, 0.8],
 * ];
 * dppGreedy(kernel, 2); // [0, 2]: item 1 is nearly a copy of item 0
 * ```
 */
export function dppGreedy(
  kernel: KernelInput,
  maxLength: number,
  options?: DppGreedyOptions,
): number[] {
  const { n, values } = readKernel(API, 'kernel', kernel);
  const length = readInteger(API, 'maxLength', maxLength, 0);

  const read = readOptionsObject(API, options);
  const rawWindow = readOption(API, read, 'window');
  const window = rawWindow === undefined ? null : readInteger(API, 'options.window', rawWindow, 1);
  const rawEpsilon = readOption(API, read, 'epsilon');
  const epsilon = rawEpsilon === undefined ? DIVERSIFY_DEFAULTS.dppEpsilon : rawEpsilon;
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0)
    throw argumentError(API, 'options.epsilon', 'must be a finite number > 0', epsilon);

  return Array.from(greedyMap(values, n, length, window, epsilon));
}
