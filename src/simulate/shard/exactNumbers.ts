import type { InputReader } from '../../validate/reader.js';
import { joinPath } from '../../errors/describe.js';

/**
 * A number as JSON keeps it exactly. `JSON.stringify` writes a finite double in its shortest
 * round-trip form, so `JSON.parse` gives back the same bits — except for `-0` (written `0`) and
 * the non-finite values (written `null`). Those four are written as strings.
 *
 * @internal
 */
export type ExactNumber = number | '-0' | 'NaN' | 'Infinity' | '-Infinity';

/** @internal */
export function encodeNumber(value: number): ExactNumber {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (Object.is(value, -0)) return '-0';
  return value;
}

/** @internal */
export function decodeNumber(r: InputReader, value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  switch (value) {
    case '-0':
      return -0;
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    default:
      return r.fail(path, "must be a number, or '-0', 'NaN', 'Infinity' or '-Infinity'", value);
  }
}

/**
 * A typed array as a JSON array: its values in order with the trailing zeros left out (most
 * run-length slots and late buckets are 0), each an {@link ExactNumber}.
 *
 * @internal
 */
export function encodeArray(values: Int32Array | Float64Array): ExactNumber[] {
  let end = values.length;
  while (end > 0 && Object.is(values[end - 1], 0)) end--;
  const out = new Array<ExactNumber>(end);
  for (let k = 0; k < end; k++) out[k] = encodeNumber(values[k]!);
  return out;
}

/**
 * Reads an {@link encodeArray} array back into a typed array of exactly `length` values; an
 * `Int32Array` takes only integers in its range.
 *
 * @internal
 */
export function decodeArray<A extends Int32Array | Float64Array>(
  r: InputReader,
  value: unknown,
  path: string,
  length: number,
  make: new (length: number) => A,
): A {
  const list = r.array(value, path, length);
  const out = new make(length);
  const integers = out instanceof Int32Array;
  for (let k = 0; k < list.length; k++) {
    const at = joinPath(path, k);
    if (integers) out[k] = r.integer(list[k], at, -(2 ** 31), 2 ** 31 - 1);
    else out[k] = decodeNumber(r, list[k], at);
  }
  return out;
}
