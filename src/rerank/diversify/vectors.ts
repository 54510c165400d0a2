import { joinPath } from '../../errors/describe.js';
import { argumentError } from './argumentError.js';

/**
 * Checks that `value` is a vector the building blocks accept (an array of numbers, a
 * `Float32Array` or a `Float64Array`) and returns its length.
 *
 * @internal
 */
export function vectorLength(api: string, path: string, value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (value instanceof Float64Array || value instanceof Float32Array) return value.length;
  throw argumentError(
    api,
    path,
    'must be an array of numbers, a Float32Array or a Float64Array',
    value,
  );
}

/**
 * Copies a vector of `length` finite numbers into `out` at `offset`, reading each entry once.
 * Throws an `argument` error naming the vector (wrong kind or length, with `lengthReason` saying
 * why that length) or the entry (not finite).
 *
 * @internal
 */
export function copyVectorInto(
  api: string,
  path: string,
  value: unknown,
  length: number,
  out: Float64Array,
  offset: number,
  lengthReason = 'like the others',
): void {
  const actual = vectorLength(api, path, value);
  if (actual !== length)
    throw argumentError(api, path, `must have length ${length} ${lengthReason}`, value);
  const source = value as ArrayLike<unknown>;
  for (let i = 0; i < length; i++) {
    const x = source[i];
    if (typeof x !== 'number' || !Number.isFinite(x))
      throw argumentError(api, joinPath(path, i), 'must be a finite number', x);
    out[offset + i] = x;
  }
}

/**
 * Scales the `length` entries of `values` at `offset` in place to unit Euclidean norm, so that a
 * dot product of two such rows is their cosine similarity. A zero vector stays zero: its cosine
 * with anything is 0 by convention. Dividing by the largest magnitude first keeps the sum of
 * squares from overflowing (1e200) or underflowing (1e-200).
 *
 * @internal
 */
export function normaliseInPlace(values: Float64Array, offset: number, length: number): void {
  let largest = 0;
  for (let i = offset; i < offset + length; i++) {
    const a = Math.abs(values[i]!);
    if (a > largest) largest = a;
  }
  if (largest === 0) return;
  let sumOfSquares = 0;
  for (let i = offset; i < offset + length; i++) {
    const x = values[i]! / largest;
    sumOfSquares += x * x;
  }
  const scale = 1 / Math.sqrt(sumOfSquares);
  for (let i = offset; i < offset + length; i++) values[i] = (values[i]! / largest) * scale;
}
