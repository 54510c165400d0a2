import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRebalancer, presets, RebalanceError } from '../../src/index.js';
import type { Item, RebalanceRequest } from '../../src/index.js';
import {
  createGuaranteeContext,
  checkNoInvention,
  checkNothingLost,
} from '../../src/testing/index.js';
import { deepCopy, firstDifference } from '../../src/testing/check/deepEqual.js';
import { guardPrototypes } from './guards.js';

// Fuzzing the whole facade with hostile values: every call either returns a well-formed value or
// throws a RebalanceError — never another kind of error — and neither the built-in prototypes
// nor the caller's inputs change.

const NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'pro-ana',
  'id',
  '',
] as const;

const hostile = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Infinity,
    -Infinity,
    -0,
    2 ** 53 + 2,
    -1,
    '',
    null,
    undefined,
    true,
    ...NAMES,
  ),
  fc.anything({
    key: fc.constantFrom(...NAMES),
    withBigInt: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    maxDepth: 2,
  }),
);

const topicName = fc.oneof(
  fc.constantFrom(...NAMES, 'thinspiration', 'ed-recovery', 'self-harm'),
  fc.string({ maxLength: 5 }),
);

const hostileItem: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: hostile },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        id: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 4 }), hostile),
        topics: fc.oneof(
          fc.array(topicName, { maxLength: 4 }),
          fc.dictionary(topicName, fc.oneof(fc.double(), hostile), {
            maxKeys: 4,
            noNullPrototype: false,
          }),
          hostile,
        ),
        hashtags: fc.oneof(
          fc.array(
            fc.oneof(fc.constantFrom('#thinspo', '#__proto__', '#edrecovery'), fc.string()),
            { maxLength: 3 },
          ),
          hostile,
        ),
        text: fc.oneof(fc.string(), hostile),
        embedding: fc.oneof(
          fc.array(fc.double(), { minLength: 2, maxLength: 2 }),
          fc.float32Array({ minLength: 2, maxLength: 2 }),
          hostile,
        ),
        score: fc.oneof(fc.double(), hostile),
      },
      { requiredKeys: [] },
    ),
  },
);

const engines = [
  createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.protective }),
  createRebalancer({
    taxonomy: presets.taxonomies.default,
    policy: { ...presets.policies.protective, onInvalidItem: 'skip' },
  }),
];

/** An empty state, and one at `sustained` for eating-disorder, so that the pool is read too. */
const states = engines.map((rb) => [
  rb.emptyState(),
  rb.observe(
    rb.emptyState(),
    Array.from({ length: 8 }, (_, i) => ({
      item: { id: `s${i}`, topics: ['pro-ana'] },
      at: i * 1_000,
    })),
  ),
]);

/** Calls f; a RebalanceError counts as a handled outcome, anything else thrown fails the test. */
function handled<T>(f: () => T): T | RebalanceError {
  try {
    return f();
  } catch (error) {
    if (error instanceof RebalanceError) return error;
    throw new Error(`threw ${String(error)} instead of a RebalanceError`, { cause: error });
  }
}

guardPrototypes();

describe('fuzzing the facade with hostile values', () => {
  it('rb.rebalance(hostile candidates, pool, at and size) returns a well-formed result or throws RebalanceError, and changes no input', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: engines.length - 1 }),
        fc.boolean(),
        fc.array(hostileItem, { maxLength: 6 }),
        fc.array(hostileItem, { maxLength: 3 }),
        fc.oneof(fc.constant(undefined), fc.integer(), hostile),
        fc.oneof(fc.constant(undefined), fc.nat(8), hostile),
        (e, sustained, candidates, recovery, at, size) => {
          const rb = engines[e]!;
          const state = states[e]![sustained ? 1 : 0]!;
          const request = { candidates, recovery, state, at, size } as unknown as RebalanceRequest;
          const before = deepCopy(request);
          const out = handled(() => rb.rebalance(request));
          expect(firstDifference(request, before)).toBeNull();
          if (out instanceof RebalanceError) return;
          const context = createGuaranteeContext(rb, rb, deepCopy(before));
          expect(checkNoInvention(context)).toBeNull();
          expect(checkNothingLost(context)).toBeNull();
        },
      ),
      { numRuns: 600 },
    );
  });

  it('rb.observe(state, hostile impressions) returns a state or throws RebalanceError, and changes no input', () => {
    const rb = engines[0]!;
    const impression = fc.oneof(
      hostile,
      fc.record(
        {
          item: hostileItem,
          at: fc.oneof(fc.integer(), hostile),
          dwellMs: fc.oneof(fc.nat(), hostile),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(fc.oneof(impression, fc.array(impression, { maxLength: 4 })), (input) => {
        const before = deepCopy(input);
        const out = handled(() => rb.observe(rb.emptyState(), input as never));
        expect(firstDifference(input, before)).toBeNull();
        if (!(out instanceof RebalanceError))
          expect(rb.parseState(rb.serializeState(out))).toEqual(out);
      }),
      { numRuns: 300 },
    );
  });

  it('rb.parseState, rb.classify and rb.assess on hostile values return or throw RebalanceError', () => {
    const rb = engines[0]!;
    fc.assert(
      fc.property(hostile, hostileItem, (value, item) => {
        handled(() => rb.parseState(value));
        let text: string | null = null;
        try {
          text = JSON.stringify({ ...rb.emptyState(), impressions: value });
        } catch {
          // a BigInt has no JSON form: nothing to parse
        }
        if (text !== null) handled(() => rb.parseState(text));
        handled(() => rb.classify(item as Item));
        handled(() => rb.assess(rb.emptyState(), value as number));
      }),
      { numRuns: 300 },
    );
  });

  it('createRebalancer(hostile taxonomy or policy) returns a working rebalancer or throws RebalanceError', () => {
    const group = fc.record(
      {
        id: fc.oneof(fc.constantFrom(...NAMES), hostile),
        triggering: fc.oneof(
          fc.array(fc.record({ id: topicName, terms: fc.array(fc.string(), { maxLength: 2 }) }), {
            maxLength: 2,
          }),
          hostile,
        ),
        recovery: fc.oneof(fc.array(fc.record({ id: topicName }), { maxLength: 2 }), hostile),
      },
      { requiredKeys: [] },
    );
    const policy = fc.oneof(
      hostile,
      fc.record(
        {
          minConfidence: hostile,
          levels: fc.oneof(
            hostile,
            fc.dictionary(fc.constantFrom('none', 'sustained', '__proto__'), hostile, {
              maxKeys: 2,
            }),
          ),
          detection: fc.oneof(
            hostile,
            fc.record({
              kind: fc.constantFrom('run', 'cusum', '__proto__'),
              length: hostile,
              h: hostile,
            }),
          ),
          recovery: hostile,
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          hostile,
          fc.record({ groups: fc.oneof(hostile, fc.array(group, { maxLength: 3 })) }),
        ),
        policy,
        (taxonomy, p) => {
          const before = deepCopy([taxonomy, p]);
          const rb = handled(() => createRebalancer({ taxonomy, policy: p } as never));
          expect(firstDifference([taxonomy, p], before)).toBeNull();
          if (rb instanceof RebalanceError) return;
          const out = handled(() =>
            rb.rebalance({
              candidates: [{ id: 'a', topics: ['__proto__'] }],
              state: rb.emptyState(),
              at: 0,
            }),
          );
          expect(out).not.toBeInstanceOf(RebalanceError);
        },
      ),
      { numRuns: 300 },
    );
  });
});
