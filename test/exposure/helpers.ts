import fc from 'fast-check';
import type { Impression } from '../../src/index.js';

/** Topics that make a stream interesting for the default taxonomy: triggering, recovery, ordinary. */
export const TOPIC_MIX = [
  'pro-ana',
  'thinspiration',
  'self-harm',
  'suicide',
  'ed-recovery',
  'cooking',
  'music',
] as const;

/** Impressions with arbitrary (finite) times, including equal and out-of-order ones. */
export const impressionArb: fc.Arbitrary<Impression> = fc.record(
  {
    item: fc.record({
      id: fc.string({ minLength: 1, maxLength: 12 }),
      topics: fc.subarray([...TOPIC_MIX], { maxLength: 3 }),
    }),
    at: fc.oneof(
      fc.integer({ min: 0, max: 10 * 86_400_000 }),
      fc.constant(0),
      fc.double({ min: -1e12, max: 1e13, noNaN: true }),
    ),
    dwellMs: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 600_000 }),
      fc.double({ min: 0, max: 1e9, noNaN: true }),
    ),
  },
  { requiredKeys: ['item', 'at'] },
);

/** A stream of impressions whose times only move forward, `gap` ms apart on average. */
export function forwardStream(topics: readonly string[], gapMs = 8_000, start = 0): Impression[] {
  return topics.map((t, i) => ({
    item: { id: `i${i}`, topics: t === '' ? [] : [t] },
    at: start + i * gapMs,
    dwellMs: 8_000,
  }));
}

/** Every number in a value is finite. */
export function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (typeof value === 'object' && value !== null) return Object.values(value).every(allFinite);
  return true;
}

/** Deep-freezes a value so any mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
