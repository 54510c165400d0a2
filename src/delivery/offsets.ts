/** An integer (up to 20 digits) or a stream id of two such integers. */
const OFFSET = /^(\d{1,20})(?:-(\d{1,20}))?$/;

/**
 * The canonical form of an offset — decimal digits without leading zeros, or `ms-seq` — or
 * `null` when it is not one: a number must be a non-negative safe integer, a string an integer
 * or a stream id of at most 20 digits per part.
 *
 * @param value - the untrusted offset
 * @returns the canonical string, or `null`
 * @internal
 */
export function canonicalOffset(value: unknown): string | null {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  if (typeof value !== 'string') return null;
  const m = OFFSET.exec(value);
  if (m === null) return null;
  const ms = trimZeros(m[1]!);
  return m[2] === undefined ? ms : `${ms}-${trimZeros(m[2])}`;
}

/**
 * Compares two canonical offsets as pairs of integers (an integer `n` is `n-0`), exactly: each
 * part by its number of digits, then digit by digit.
 *
 * @returns a negative number, 0 or a positive number as `a` is below, equal to or above `b`
 * @internal
 */
export function compareOffsets(a: string, b: string): number {
  const da = a.indexOf('-');
  const db = b.indexOf('-');
  const first = compareDigits(da < 0 ? a : a.slice(0, da), db < 0 ? b : b.slice(0, db));
  if (first !== 0) return first;
  return compareDigits(da < 0 ? '0' : a.slice(da + 1), db < 0 ? '0' : b.slice(db + 1));
}

function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function trimZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return i === 0 ? digits : digits.slice(i);
}
