/**
 * Times in the challenge's requests. The models declare `datetime` fields, which pydantic (v2)
 * reads from a `YYYY-MM-DD hh:mm:ss` string (what the challenge documents), from ISO 8601 with
 * `T`, fractions and offsets, from a date alone, and from a Unix timestamp given as a number or a
 * decimal string — seconds, or milliseconds when its magnitude is over 2·10^10. A time without
 * an offset is UTC, as the challenge documents.
 */

/**
 * The text forms, for the schema's `pattern`: a date, optionally a time (`T`, `t`, `_` or a
 * space before it; seconds and a fraction optional), optionally `Z` or an offset `±hh[:]mm`; or a
 * decimal timestamp.
 *
 * @internal
 */
export const PRC_TIME_PATTERN =
  '^(?:\\d{4}-\\d{2}-\\d{2}(?:[Tt _]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:[Zz]|[+-]\\d{2}:?\\d{2})?)?|[+-]?(?:\\d+\\.?\\d*|\\.\\d+))$';

const TEXT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt _](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** Timestamps above this magnitude are milliseconds, below it seconds (pydantic's rule). */
const MS_THRESHOLD = 2e10;
/** The last millisecond of year 9999, pydantic's bound for timestamps. */
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Reads a time of a challenge request as milliseconds since the epoch, or `null` when it is not
 * a valid time (a day or hour out of range, a timestamp past year 9999).
 *
 * @param value - the field's value, as the schema admitted it (a string or a number)
 * @returns milliseconds since the epoch, or `null`
 * @internal
 */
export function parsePrcTime(value: string | number): number | null {
  if (typeof value === 'number') return fromTimestamp(value);
  const plain = plainTime(value);
  return plain === undefined ? parseByPattern(value) : plain;
}

/**
 * {@link parsePrcTime} of a string by the general patterns alone, without the fast path for the
 * documented form.
 *
 * @internal
 */
export function parseByPattern(value: string): number | null {
  if (NUMBER.test(value)) return fromTimestamp(Number(value));
  const m = TEXT.exec(value);
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  // pydantic keeps microseconds; a millisecond clock keeps the first three digits.
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  let offset = 0;
  if (m[9] !== undefined) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 23 || om > 59) return null;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, ms);
  return utc.getTime() - offset;
}

/** Code of `0`. */
const ZERO = 48;

/**
 * The form the challenge documents and sends for every item, `YYYY-MM-DD hh:mm:ss` (or with `T`,
 * `t` or `_`), read digit by digit: a request of 100 items spent more on two regular expressions
 * and a `Date` per time than on ranking them. `undefined` for any other form, which the general
 * patterns then read; years before 1000 go there too (`Date.UTC` maps years 0–99 to 1900–1999).
 */
function plainTime(value: string): number | null | undefined {
  if (value.length !== 19) return undefined;
  const sep = value.charCodeAt(10);
  if (
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58 ||
    (sep !== 32 && sep !== 84 && sep !== 116 && sep !== 95) // space, T, t, _
  )
    return undefined;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  if ((year | month | day | hour | minute | second) < 0 || year < 1000) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The number written by `count` ASCII digits from `start`, or −1 if one is not a digit. */
function digits(value: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = value.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function fromTimestamp(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const ms = Math.abs(value) > MS_THRESHOLD ? value : value * 1000;
  return Math.abs(ms) <= MAX_MS ? Math.floor(ms) : null;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
