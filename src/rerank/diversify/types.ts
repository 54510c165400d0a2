/**
 * A vector as the diversification building blocks accept it: a plain array of numbers or a
 * `Float32Array`/`Float64Array`. Every entry must be finite.
 *
 * @example
 * ```ts
 * import type { VectorInput } from 'feed-rebalancer';
 * const a: VectorInput = [0.1, 0.9, 0];
 * const b: VectorInput = new Float32Array([0.2, 0.8, 0.1]);
 * ```
 */
export type VectorInput = readonly number[] | Float32Array | Float64Array;

/**
 * Options of {@link mmr}.
 *
 * @example
 * ```ts
 * import type { MmrOptions } from 'feed-rebalancer';
 * const options: MmrOptions = { k: 10, lambda: 0.7 };
 * ```
 */
export interface MmrOptions {
  /**
   * How many items to select: an integer ≥ 0. A `k` larger than the number of embeddings
   * selects them all.
   *
   * @defaultValue the number of embeddings
   */
  readonly k?: number;
  /**
   * Weight of relevance against novelty, in [0, 1]: 1 ranks by relevance alone, 0 by novelty
   * alone (after the first pick, which is always the most relevant item).
   *
   * @defaultValue 0.5
   */
  readonly lambda?: number;
}

/**
 * A square matrix read through `get(row, column)`, such as an ml-matrix `Matrix`. Only `rows`,
 * `columns` and `get` are used, so the library neither loads nor depends on ml-matrix: install it
 * yourself to build kernels with it.
 *
 * @example
 * ```ts
 * import { Matrix } from 'ml-matrix';
 * import type { KernelMatrixLike } from 'feed-rebalancer';
 * const kernel: KernelMatrixLike = new Matrix([[1, 0.5], [0.5, 1]]);
 * ```
 */
export interface KernelMatrixLike {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns; must equal `rows`. */
  readonly columns: number;
  /**
   * Reads one entry.
   *
   * @param row - row index in [0, rows)
   * @param column - column index in [0, columns)
   * @returns the entry, a finite number
   */
  get(row: number, column: number): number;
}

/**
 * A DPP kernel for {@link dppGreedy}: a symmetric positive semi-definite n×n matrix given as an
 * array of n rows (each a {@link VectorInput} of length n) or as a {@link KernelMatrixLike}
 * (an ml-matrix `Matrix` works as is).
 *
 * @example
 * ```ts
 * import type { KernelInput } from 'feed-rebalancer';
 * const kernel: KernelInput = [
 *   [1.0, 0.9, 0.1],
 *   [0.9, 1.0, 0.2],
 *   [0.1, 0.2, 1.0],
 * ];
 * ```
 */
export type KernelInput = readonly VectorInput[] | KernelMatrixLike;

/**
 * Options of {@link dppGreedy}.
 *
 * @example
 * ```ts
 * import type { DppGreedyOptions } from 'feed-rebalancer';
 * const options: DppGreedyOptions = { window: 5, epsilon: 1e-9 };
 * ```
 */
export interface DppGreedyOptions {
  /**
   * Sliding window w (an integer ≥ 1): each new item's diversity is measured against the
   * previous w − 1 selected items only, as in Algorithm 2 of Chen, Zhang & Zhou (2018). A window
   * of at least `maxLength` is the same as none.
   *
   * @defaultValue no window: diversity against every selected item
   */
  readonly window?: number;
  /**
   * Selection stops when the best marginal gain d² (the ratio det(L_{Y∪{j}}) / det(L_Y)) falls
   * below `epsilon`, a finite number > 0.
   *
   * @defaultValue 1e-10
   */
  readonly epsilon?: number;
}
