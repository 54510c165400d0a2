import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalOffset, compareOffsets } from '../../src/delivery/offsets.js';
import { hashEventId } from '../../src/delivery/hashEventId.js';

/** The oracle: an offset as a pair of BigInts (an integer n is n-0). */
function pair(offset: string): [bigint, bigint] {
  const [ms, seq] = offset.split('-');
  return [BigInt(ms!), BigInt(seq ?? '0')];
}
function oracle(a: string, b: string): number {
  const [a0, a1] = pair(a);
  const [b0, b1] = pair(b);
  return a0 !== b0 ? (a0 < b0 ? -1 : 1) : a1 !== b1 ? (a1 < b1 ? -1 : 1) : 0;
}

// Up to 20 digits, leading zeros included, values beyond 2^53 where a float would lose them.
const digits = fc.oneof(
  fc.bigInt({ min: 0n, max: 99_999_999_999_999_999_999n }).map(String),
  fc.bigInt({ min: 2n ** 53n - 3n, max: 2n ** 53n + 3n }).map(String),
  fc.integer({ min: 0, max: 5 }).map(String),
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 999 }))
    .map(([z, n]) => '0'.repeat(z) + n),
);
const offsetText = fc.oneof(
  digits,
  fc.tuple(digits, digits).map(([ms, seq]) => `${ms}-${seq}`),
);

/** The regular-expression reading the offsets were first written with, kept as a reference. */
function referenceCanonical(value: unknown): string | null {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  if (typeof value !== 'string') return null;
  const m = /^(\d{1,20})(?:-(\d{1,20}))?$/.exec(value);
  if (m === null) return null;
  const trim = (d: string) => d.replace(/^0+(?=\d)/, '');
  return m[2] === undefined ? trim(m[1]!) : `${trim(m[1]!)}-${trim(m[2])}`;
}

// Strings of digits, dashes and a few other characters, of every length around the 20-digit
// bound: most are not offsets, many are, some just.
const offsetLike = fc.oneof(
  fc.string({ maxLength: 44, unit: fc.constantFrom('0', '1', '9', '-', ' ', 'a', '\n', '٣') }),
  fc
    .tuple(fc.integer({ min: 0, max: 22 }), fc.integer({ min: 0, max: 22 }), fc.boolean())
    .map(
      ([a, b, dash]) =>
        '0'.repeat(a % 3) + '7'.repeat(a) + (dash ? '-' + '0'.repeat(b % 3) + '5'.repeat(b) : ''),
    ),
  offsetText,
);

describe('offsets', () => {
  it('compareOffsets(canonicalOffset(a), canonicalOffset(b)) orders as the pairs of integers do, exactly beyond 2^53', () => {
    fc.assert(
      fc.property(offsetText, offsetText, (a, b) => {
        const ca = canonicalOffset(a)!;
        const cb = canonicalOffset(b)!;
        expect(ca).not.toBeNull();
        expect(Math.sign(compareOffsets(ca, cb))).toBe(oracle(a, b));
        expect(canonicalOffset(ca)).toBe(ca);
      }),
    );
  });

  it('canonicalOffset reads every string and value as the regular expression did', () => {
    fc.assert(
      fc.property(fc.oneof(offsetLike, fc.anything()), (value) => {
        expect(canonicalOffset(value)).toBe(referenceCanonical(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('compareOffsets orders canonical offsets as the oracle does, each way round', () => {
    fc.assert(
      fc.property(offsetLike, offsetLike, (a, b) => {
        const ca = canonicalOffset(a);
        const cb = canonicalOffset(b);
        if (ca === null || cb === null) return;
        expect(Math.sign(compareOffsets(ca, cb))).toBe(oracle(ca, cb));
        expect(Math.sign(compareOffsets(cb, ca))).toBe(oracle(cb, ca));
      }),
      { numRuns: 2_000 },
    );
  });

  it('compareOffsets tells apart 9007199254740993 and 9007199254740992, which are one float', () => {
    expect(compareOffsets('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
    expect(compareOffsets('1-9007199254740993', '1-9007199254740992')).toBeGreaterThan(0);
    expect(compareOffsets('5', '5-0')).toBe(0);
    expect(compareOffsets('10-0', '9-99')).toBeGreaterThan(0);
  });

  it('canonicalOffset refuses what is not a non-negative integer or a stream id', () => {
    for (const bad of [
      -1,
      1.5,
      NaN,
      Infinity,
      2 ** 53,
      '',
      '-1',
      '1-',
      '1-2-3',
      '1.5',
      ' 1',
      '1'.repeat(21),
      '0x1',
      null,
      {},
      [1],
    ])
      expect(canonicalOffset(bad)).toBeNull();
    expect(canonicalOffset(0)).toBe('0');
    expect(canonicalOffset('007-01')).toBe('7-1');
  });
});

describe('hashEventId', () => {
  it('hashEventId gives 8 base64url characters, the same for the same id', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), (id) => {
        const h = hashEventId(id);
        expect(h).toMatch(/^[A-Za-z0-9_-]{8}$/);
        expect(hashEventId(id)).toBe(h);
      }),
    );
  });

  it('hashEventId has no collision among 200,000 similar ids (expected about 7e-5 at 48 bits)', () => {
    // Birthday bound: n² / 2^49 = 4e10 / 5.6e14 ≈ 7e-5, so a collision here means a broken hash.
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(hashEventId(`evt-${i}`));
    expect(seen.size).toBe(200_000);
  });
});
