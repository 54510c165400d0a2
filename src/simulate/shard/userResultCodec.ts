import type { InputReader } from '../../validate/reader.js';
import { joinPath } from '../../errors/describe.js';
import { MAX_RUN_TRACKED, type UserResult } from '../metrics/UserResult.js';
import type { CohortName } from '../types.js';
import { decodeArray, decodeNumber, encodeArray, encodeNumber } from './exactNumbers.js';

/** The scalar number fields of a {@link UserResult}, in its order. */
const NUMBERS = [
  'impressions',
  'harmful',
  'watchMs',
  'harmfulWatchMs',
  'longestRun',
  'earlyMs',
  'earlyHarmful',
  'alarms',
  'requests',
  'ndcgSum',
  'recoveryImpressions',
  'recoveryDwellMs',
  'organicImpressions',
  'organicDwellMs',
  'displacementSum',
  'returns',
  'leaves',
] as const;
/** The number fields that may be `null`. */
const NULLABLE = [
  'firstHarmfulMs',
  'bubbleWatches',
  'detectionDelay',
  'wellbeingStart',
  'wellbeingEnd',
  'sessions',
] as const;
/** The per-bucket series. */
const INT_BUCKETS = ['bucketImpressions', 'bucketHarmful', 'bucketRecovery'] as const;
const FLOAT_BUCKETS = ['bucketWellbeing', 'bucketActiveMs'] as const;

const FIELDS: readonly string[] = [
  'cohort',
  ...NUMBERS,
  ...NULLABLE,
  'sustainedRun',
  'runCounts',
  ...INT_BUCKETS,
  ...FLOAT_BUCKETS,
  'probe',
];

/**
 * A {@link UserResult} as plain JSON: typed arrays as arrays (trailing zeros left out), every
 * number exact (see `ExactNumber`).
 *
 * @internal
 */
export type EncodedUserResult = Readonly<Record<string, unknown>>;

/**
 * The lengths a run gives every user's arrays: the decoder insists on them, so a record from
 * another run (or a tampered one) cannot pass.
 *
 * @internal
 */
export interface UserResultShape {
  /** Series buckets: `ceil(steps / bucketSteps)`. */
  readonly buckets: number;
  /** The calibration probe's length, or `null` when the run has no probe. */
  readonly probe: number | null;
}

/**
 * Encodes a user's result as plain JSON that {@link decodeUserResult} turns back into the same
 * values, bit for bit.
 *
 * @internal
 */
export function encodeUserResult(result: UserResult): EncodedUserResult {
  const out: Record<string, unknown> = { cohort: result.cohort };
  for (const key of NUMBERS) out[key] = encodeNumber(result[key]);
  for (const key of NULLABLE) {
    const value = result[key];
    out[key] = value === null ? null : encodeNumber(value);
  }
  out['sustainedRun'] = result.sustainedRun;
  out['runCounts'] = encodeArray(result.runCounts);
  for (const key of INT_BUCKETS) out[key] = encodeArray(result[key]);
  for (const key of FLOAT_BUCKETS) out[key] = encodeArray(result[key]);
  out['probe'] = result.probe === null ? null : encodeArray(result.probe);
  return out;
}

/**
 * Decodes an encoded user result from untrusted input: only the known fields, each of its type,
 * arrays no longer than the run's shape allows.
 *
 * @param r - the reader that reports problems
 * @param value - the encoded result
 * @param path - its JSON path
 * @param shape - the array lengths of the run
 * @returns the result
 * @throws RebalanceError naming the path of the offending field
 * @internal
 */
export function decodeUserResult(
  r: InputReader,
  value: unknown,
  path: string,
  shape: UserResultShape,
): UserResult {
  const o = r.object(value, path, FIELDS);
  const at = (key: string): string => joinPath(path, key);
  const field = (key: string): unknown => {
    if (!(key in o)) r.fail(at(key), 'is missing', undefined);
    return o[key];
  };
  const numbers: Record<string, number | null> = {};
  for (const key of NUMBERS) numbers[key] = decodeNumber(r, field(key), at(key));
  for (const key of NULLABLE) {
    const v = field(key);
    numbers[key] = v === null ? null : decodeNumber(r, v, at(key));
  }
  const sustainedRun = field('sustainedRun');
  if (typeof sustainedRun !== 'boolean')
    r.fail(at('sustainedRun'), 'must be a boolean', sustainedRun);
  const ints = (key: string, length: number): Int32Array =>
    decodeArray(r, field(key), at(key), length, Int32Array);
  const floats = (key: string, length: number): Float64Array =>
    decodeArray(r, field(key), at(key), length, Float64Array);
  const probe = field('probe');
  if (shape.probe === null && probe !== null) r.fail(at('probe'), 'must be null', probe);
  return {
    cohort: r.oneOf<CohortName>(field('cohort'), at('cohort'), ['at-risk', 'control']),
    ...(numbers as Record<(typeof NUMBERS)[number], number>),
    ...(numbers as Record<(typeof NULLABLE)[number], number | null>),
    sustainedRun,
    runCounts: ints('runCounts', MAX_RUN_TRACKED + 1),
    bucketImpressions: ints('bucketImpressions', shape.buckets),
    bucketHarmful: ints('bucketHarmful', shape.buckets),
    bucketRecovery: ints('bucketRecovery', shape.buckets),
    bucketWellbeing: floats('bucketWellbeing', shape.buckets),
    bucketActiveMs: floats('bucketActiveMs', shape.buckets),
    probe: probe === null || shape.probe === null ? null : floats('probe', shape.probe),
  };
}
