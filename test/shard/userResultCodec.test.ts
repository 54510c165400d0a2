import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/index.js';
import { MAX_RUN_TRACKED, type UserResult } from '../../src/simulate/metrics/UserResult.js';
import { prepareRun } from '../../src/simulate/run/prepareRun.js';
import { resolveRun } from '../../src/simulate/run/resolveRun.js';
import { runUsers } from '../../src/simulate/run/runUsers.js';
import {
  decodeUserResult,
  encodeUserResult,
  type UserResultShape,
} from '../../src/simulate/shard/userResultCodec.js';
import { InputReader } from '../../src/validate/reader.js';

const reader = (): InputReader => new InputReader('test', 'argument', '');

/** Through JSON text and back, as a partial file takes it. */
function roundTrip(result: UserResult, shape: UserResultShape): UserResult {
  const text = JSON.stringify(encodeUserResult(result));
  return decodeUserResult(reader(), JSON.parse(text), 'result', shape);
}

/** Equal bit for bit: every number by Object.is (so -0 is not 0 and NaN is NaN). */
function expectSameBits(a: UserResult, b: UserResult): void {
  expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
  for (const key of Object.keys(a) as (keyof UserResult)[]) {
    const x = a[key];
    const y = b[key];
    if (ArrayBuffer.isView(x)) {
      expect(y?.constructor, key).toBe(x.constructor);
      expect(Array.from(y as Float64Array).map(String), key).toEqual(
        Array.from(x as Float64Array).map(String),
      );
      const xs = x as Float64Array;
      const ys = y as Float64Array;
      for (let k = 0; k < xs.length; k++)
        expect(Object.is(xs[k], ys[k]), `${key}[${k}]`).toBe(true);
    } else expect(Object.is(x, y) || (x === null && y === null), key).toBe(true);
  }
}

/** Any double, -0, NaN and the infinities included. */
const anyDouble = fc.double();
const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const sparseInts = (length: number) =>
  fc.array(fc.oneof(fc.constant(0), int32), { minLength: length, maxLength: length });
const sparseDoubles = (length: number) =>
  fc.array(fc.oneof(fc.constant(0), fc.constant(-0), anyDouble), {
    minLength: length,
    maxLength: length,
  });

const arbitraryCase = fc
  .record({
    buckets: fc.integer({ min: 1, max: 60 }),
    probe: fc.option(fc.integer({ min: 1, max: 12 })),
  })
  .chain((shape) =>
    fc
      .record({
        cohort: fc.constantFrom('at-risk' as const, 'control' as const),
        impressions: anyDouble,
        harmful: anyDouble,
        watchMs: anyDouble,
        harmfulWatchMs: anyDouble,
        longestRun: anyDouble,
        runCounts: sparseInts(MAX_RUN_TRACKED + 1).map((a) => Int32Array.from(a)),
        firstHarmfulMs: fc.option(anyDouble),
        earlyMs: anyDouble,
        earlyHarmful: anyDouble,
        bubbleWatches: fc.option(anyDouble),
        sustainedRun: fc.boolean(),
        detectionDelay: fc.option(anyDouble),
        alarms: anyDouble,
        requests: anyDouble,
        ndcgSum: anyDouble,
        recoveryImpressions: anyDouble,
        recoveryDwellMs: anyDouble,
        organicImpressions: anyDouble,
        organicDwellMs: anyDouble,
        displacementSum: anyDouble,
        wellbeingStart: fc.option(anyDouble),
        wellbeingEnd: fc.option(anyDouble),
        bucketImpressions: sparseInts(shape.buckets).map((a) => Int32Array.from(a)),
        bucketHarmful: sparseInts(shape.buckets).map((a) => Int32Array.from(a)),
        bucketRecovery: sparseInts(shape.buckets).map((a) => Int32Array.from(a)),
        bucketWellbeing: sparseDoubles(shape.buckets).map((a) => Float64Array.from(a)),
        bucketActiveMs: sparseDoubles(shape.buckets).map((a) => Float64Array.from(a)),
        sessions: fc.option(anyDouble),
        returns: anyDouble,
        leaves: anyDouble,
        probe:
          shape.probe === null
            ? fc.constant(null)
            : sparseDoubles(shape.probe).map((a) => Float64Array.from(a)),
      })
      .map((result): [UserResult, UserResultShape] => [result, shape]),
  );

describe('UserResult codec', () => {
  it('decodeUserResult(JSON of encodeUserResult(r)) is r bit for bit, for any numbers (-0, NaN, ±Infinity included)', () => {
    fc.assert(
      fc.property(arbitraryCase, ([result, shape]) => {
        expectSameBits(result, roundTrip(result, shape));
      }),
      { numRuns: 200 },
    );
  });

  it('a simulated user survives the round trip, and its encoding leaves out trailing zeros', () => {
    const { spec } = resolveRun(
      'test',
      { scenario: 'rabbit-hole', seed: 4, users: 3, steps: 40 },
      'protective',
      'policy',
    );
    const results = runUsers(prepareRun(spec), 0, 3);
    const shape = { buckets: Math.ceil(spec.steps / spec.bucketSteps), probe: null };
    for (const result of results) {
      expectSameBits(result, roundTrip(result, shape));
      const encoded = encodeUserResult(result) as { runCounts: unknown[] };
      expect(encoded.runCounts.length).toBeLessThanOrEqual(result.longestRun + 1);
    }
  });

  it('decodeUserResult refuses unknown fields, __proto__ included, missing fields, arrays longer than the run and fractions in integer arrays, naming the path', () => {
    const { spec } = resolveRun(
      'test',
      { scenario: 'mixed', seed: 1, users: 1, steps: 10 },
      'off',
      'policy',
    );
    const [result] = runUsers(prepareRun(spec), 0, 1);
    const shape = { buckets: Math.ceil(spec.steps / spec.bucketSteps), probe: null };
    const good = JSON.parse(JSON.stringify(encodeUserResult(result!))) as Record<string, unknown>;
    const fails = (value: unknown, path: string): void => {
      try {
        decodeUserResult(reader(), value, 'result', shape);
        expect.unreachable(`accepted a bad record at ${path}`);
      } catch (error) {
        expect(error).toBeInstanceOf(RebalanceError);
        expect((error as RebalanceError).path).toBe(path);
      }
    };
    fails(
      JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(good).slice(1)}`),
      'result.__proto__',
    );
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    fails({ ...good, extra: 1 }, 'result.extra');
    const missing = { ...good };
    delete missing['harmful'];
    fails(missing, 'result.harmful');
    fails(
      { ...good, bucketImpressions: new Array(shape.buckets + 1).fill(1) },
      'result.bucketImpressions',
    );
    fails({ ...good, runCounts: [0, 1.5] }, 'result.runCounts[1]');
    fails({ ...good, watchMs: null }, 'result.watchMs');
    fails({ ...good, watchMs: 'Inf' }, 'result.watchMs');
    fails({ ...good, cohort: 'teen' }, 'result.cohort');
    fails({ ...good, sustainedRun: 1 }, 'result.sustainedRun');
    fails({ ...good, probe: [1] }, 'result.probe');
  });
});
