/** Most digits of each part of an offset. */
const MAX_DIGITS = 20;

/**
 * The canonical form of an offset — decimal digits without leading zeros, or `ms-seq` — or
 * `null` when it is not one: a number must be a non-negative safe integer, a string an integer
 * or a stream id of at most 20 digits per part.
 *
 * Read character by character rather than with a regular expression: this runs for every event
 * a consumer validates and folds, and an offset already canonical (a stream id as Redis makes
 * it) is answered as it is, with nothing allocated.
 *
 * @param value - the untrusted offset
 * @returns the canonical string, or `null`
 * @internal
 */
export function canonicalOffset(value: unknown): string | null {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  if (typeof value !== 'string') return null;
  const n = value.length;
  let dash = -1;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c !== 45 || dash >= 0) return null;
    dash = i;
  }
  const end = dash < 0 ? n : dash;
  if (end === 0 || end > MAX_DIGITS) return null;
  if (dash < 0) return leadingZero(value, 0, n) ? trimZeros(value) : value;
  const seq = n - dash - 1;
  if (seq === 0 || seq > MAX_DIGITS) return null;
  if (!leadingZero(value, 0, dash) && !leadingZero(value, dash + 1, n)) return value;
  return `${trimZeros(value.slice(0, dash))}-${trimZeros(value.slice(dash + 1))}`;
}

/** Whether the digits `text[from, to)` (at least one) start with a zero that is not the only digit. */
function leadingZero(text: string, from: number, to: number): boolean {
  return to - from > 1 && text.charCodeAt(from) === 48;
}

/**
 * Compares two canonical offsets as pairs of integers (an integer `n` is `n-0`), exactly: each
 * part by its number of digits, then digit by digit. Indexed in place, without cutting the
 * offsets into parts.
 *
 * @returns a negative number, 0 or a positive number as `a` is below, equal to or above `b`
 * @internal
 */
export function compareOffsets(a: string, b: string): number {
  const da = a.indexOf('-');
  const db = b.indexOf('-');
  const first = compareDigits(a, 0, da < 0 ? a.length : da, b, 0, db < 0 ? b.length : db);
  if (first !== 0) return first;
  // A part that is missing reads as the one digit '0'.
  if (da < 0 && db < 0) return 0;
  if (da < 0) return compareDigits('0', 0, 1, b, db + 1, b.length);
  if (db < 0) return compareDigits(a, da + 1, a.length, '0', 0, 1);
  return compareDigits(a, da + 1, a.length, b, db + 1, b.length);
}

/** Compares the canonical digits `a[af, at)` and `b[bf, bt)` as integers. */
function compareDigits(a: string, af: number, at: number, b: string, bf: number, bt: number) {
  if (at - af !== bt - bf) return at - af - (bt - bf);
  for (let i = af, j = bf; i < at; i++, j++) {
    const d = a.charCodeAt(i) - b.charCodeAt(j);
    if (d !== 0) return d;
  }
  return 0;
}

function trimZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return i === 0 ? digits : digits.slice(i);
}
