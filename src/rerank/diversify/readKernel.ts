import { unreadableError } from '../../validate/fail.js';
import { joinPath } from '../../errors/describe.js';
import { argumentError } from './argumentError.js';
import { DIVERSIFY_DEFAULTS } from './defaults.js';
import type { KernelMatrixLike } from './types.js';
import { copyVectorInto } from './vectors.js';

/** A validated kernel: n × n row-major entries, read once from the caller's object. @internal */
export interface KernelView {
  readonly n: number;
  readonly values: Float64Array;
}

function isMatrixLike(value: unknown): value is KernelMatrixLike {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<KernelMatrixLike>;
  return typeof m.get === 'function' && typeof m.rows === 'number' && typeof m.columns === 'number';
}

function readMatrixLike(api: string, path: string, kernel: KernelMatrixLike): KernelView {
  const { rows, columns } = kernel;
  if (!Number.isInteger(rows) || rows < 0 || rows !== columns)
    throw argumentError(api, path, `must be a square matrix (it is ${rows}×${columns})`, kernel);
  const values = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < rows; j++) {
      let x: unknown;
      try {
        x = kernel.get(i, j);
      } catch (cause) {
        const at = joinPath(joinPath(path, i), j);
        throw unreadableError('argument', api, at, cause);
      }
      if (typeof x !== 'number' || !Number.isFinite(x))
        throw argumentError(api, joinPath(joinPath(path, i), j), 'must be a finite number', x);
      values[i * rows + j] = x;
    }
  }
  return { n: rows, values };
}

/**
 * Copies a kernel given as an array of rows or as a matrix with `get(i, j)` into one typed
 * array, checking that it is square, finite and symmetric within
 * `DIVERSIFY_DEFAULTS.symmetryTolerance` (relative to the larger entry and the largest
 * diagonal entry). Positive semi-definiteness is not checked (it would cost a factorisation);
 * the greedy stops by itself where a kernel stops being PSD, as its gains fall below epsilon.
 *
 * @internal
 */
export function readKernel(api: string, path: string, kernel: unknown): KernelView {
  let view: KernelView;
  if (Array.isArray(kernel)) {
    const n = kernel.length;
    const values = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const at = joinPath(path, i);
      copyVectorInto(
        api,
        at,
        kernel[i],
        n,
        values,
        i * n,
        'like the number of rows (a square kernel)',
      );
    }
    view = { n, values };
  } else if (isMatrixLike(kernel)) {
    view = readMatrixLike(api, path, kernel);
  } else {
    throw argumentError(
      api,
      path,
      'must be an array of rows or a matrix with rows, columns and get(i, j)',
      kernel,
    );
  }
  checkSymmetric(api, path, view);
  return view;
}

function checkSymmetric(api: string, path: string, { n, values }: KernelView): void {
  let diagonal = 0;
  for (let i = 0; i < n; i++) diagonal = Math.max(diagonal, Math.abs(values[i * n + i]!));
  const tolerance = DIVERSIFY_DEFAULTS.symmetryTolerance;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = values[i * n + j]!;
      const b = values[j * n + i]!;
      if (Math.abs(a - b) > tolerance * Math.max(Math.abs(a), Math.abs(b), diagonal)) {
        const at = joinPath(joinPath(path, i), j);
        throw argumentError(
          api,
          at,
          `must equal ${joinPath(joinPath(path, j), i)} = ${b} within a relative ${tolerance} (a kernel is symmetric)`,
          a,
        );
      }
    }
  }
}
