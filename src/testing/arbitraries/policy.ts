import fc from 'fast-check';
import type {
  Cap,
  DetectionInput,
  DiversifyInput,
  LevelActionInput,
  PolicyInput,
} from '../../policy/types.js';

/**
 * Options of `arbitraries.policy`.
 *
 * @example
 * ```ts
 * import { arbitraries } from 'feed-rebalancer/testing';
 * import type { PolicyArbitraryOptions } from 'feed-rebalancer/testing';
 * const options: PolicyArbitraryOptions = { diversify: true };
 * const policies = arbitraries.policy(options);
 * ```
 */
export interface PolicyArbitraryOptions {
  /** Whether levels may diversify (guarantees 5 and 6 are then not checkable). @defaultValue false */
  readonly diversify?: boolean;
}

const capArbitrary: fc.Arbitrary<Cap> = fc.integer({ min: 1, max: 10 }).chain((window) =>
  fc.record({
    count: fc.integer({ min: 0, max: Math.min(window, 3) }),
    window: fc.constant(window),
  }),
);

const diversifyArbitrary: fc.Arbitrary<DiversifyInput> = fc.oneof(
  fc.record(
    {
      kind: fc.constant('mmr' as const),
      lambda: fc.double({ min: 0, max: 1, noNaN: true }),
      depth: fc.integer({ min: 1, max: 50 }),
    },
    { requiredKeys: ['kind', 'lambda'] },
  ),
  fc.record(
    {
      kind: fc.constant('dpp' as const),
      theta: fc.double({ min: 0, max: 0.99, noNaN: true }),
      window: fc.integer({ min: 2, max: 10 }),
      depth: fc.integer({ min: 1, max: 50 }),
    },
    { requiredKeys: ['kind'] },
  ),
);

function levelArbitrary(diversify: boolean): fc.Arbitrary<LevelActionInput> {
  const fields = {
    cap: capArbitrary,
    recoveryEvery: fc.integer({ min: 2, max: 8 }),
    ...(diversify ? { diversify: diversifyArbitrary } : {}),
  };
  return fc.record(fields, { requiredKeys: [] });
}

const hold = fc.integer({ min: 0, max: 20 });

const detectionArbitrary: fc.Arbitrary<DetectionInput> = fc.oneof(
  fc.record(
    { kind: fc.constant('run' as const), length: fc.integer({ min: 1, max: 10 }), hold },
    { requiredKeys: ['kind', 'length'] },
  ),
  fc.integer({ min: 1, max: 16 }).chain((window) =>
    fc.record(
      {
        kind: fc.constant('window' as const),
        count: fc.integer({ min: 1, max: window }),
        window: fc.constant(window),
        hold,
      },
      { requiredKeys: ['kind', 'count', 'window'] },
    ),
  ),
  fc
    .tuple(
      fc.double({ min: 0.01, max: 0.5, noNaN: true }),
      fc.double({ min: 0.1, max: 0.9, noNaN: true }),
    )
    .chain(([p0, f]) =>
      fc.record(
        {
          kind: fc.constant('cusum' as const),
          p0: fc.constant(p0),
          p1: fc.constant(p0 + (1 - p0) * f),
          h: fc.double({ min: 0.5, max: 8, noNaN: true }),
          hold,
        },
        { requiredKeys: ['kind', 'p0', 'p1', 'h'] },
      ),
    ),
  fc.record(
    {
      kind: fc.constant('ewma' as const),
      lambda: fc.double({ min: 0.05, max: 1, noNaN: true }),
      limit: fc.double({ min: 0.05, max: 1, noNaN: true }),
      hold,
    },
    { requiredKeys: ['kind', 'lambda', 'limit'] },
  ),
);

/**
 * Valid policies: every field of `PolicyInput` optional, levels with caps (including
 * `count: 0`, which filters a group out), cadences from every 2 to every 8 slots, the four
 * detectors with parameters where they reach their levels on short streams, cooldowns and
 * recovery shares. Every generated policy is one `resolvePolicy` accepts.
 *
 * @internal
 */
export function policyArbitrary(options: PolicyArbitraryOptions = {}): fc.Arbitrary<PolicyInput> {
  const level = levelArbitrary(options.diversify ?? false);
  return fc.record(
    {
      audience: fc.constantFrom('general' as const, 'minor' as const),
      minConfidence: fc.constantFrom(0.3, 0.5, 0.51, 0.7, 1),
      exposure: fc.record(
        {
          halfLife: fc.double({ min: 1, max: 100, noNaN: true }),
          halfLifeMs: fc.integer({ min: 1_000, max: 86_400_000 }),
          sessionGapMs: fc.integer({ min: 60_000, max: 3_600_000 }),
          referenceDwellMs: fc.integer({ min: 1_000, max: 30_000 }),
          maxDwellWeight: fc.double({ min: 1, max: 5, noNaN: true }),
        },
        { requiredKeys: [] },
      ),
      detection: detectionArbitrary,
      levels: fc.record({ none: level, elevated: level, sustained: level }, { requiredKeys: [] }),
      recovery: fc.record(
        {
          cooldown: fc.integer({ min: 0, max: 80 }),
          maxShare: fc.constantFrom(0.1, 0.2, 0.25, 0.34, 0.5, 1),
        },
        { requiredKeys: [] },
      ),
      onInvalidItem: fc.constantFrom('throw' as const, 'skip' as const),
    },
    { requiredKeys: [] },
  );
}
