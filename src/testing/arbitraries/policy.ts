import fc from 'fast-check';
import type {
  Cap,
  DetectionInput,
  DiversifyInput,
  GroupPolicyInput,
  LevelActionInput,
  LevelsInput,
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
  /**
   * Group ids of the taxonomy the policy is for: some policies then give some of these groups a
   * block of their own in `policy.groups` (threshold, detector, levels). Without it no policy has
   * group blocks, since a block for a group the taxonomy lacks is an error.
   *
   * @defaultValue `[]`
   */
  readonly groups?: readonly string[];
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
const evidence = fc.constantFrom('labels' as const, 'confidence' as const);

const detectionArbitrary: fc.Arbitrary<DetectionInput> = fc.oneof(
  fc.record(
    { kind: fc.constant('run' as const), length: fc.integer({ min: 1, max: 10 }), hold, evidence },
    { requiredKeys: ['kind', 'length'] },
  ),
  fc.integer({ min: 1, max: 16 }).chain((window) =>
    fc.record(
      {
        kind: fc.constant('window' as const),
        count: fc.integer({ min: 1, max: window }),
        window: fc.constant(window),
        hold,
        evidence,
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
          evidence,
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
      evidence,
    },
    { requiredKeys: ['kind', 'lambda', 'limit'] },
  ),
);

const minConfidence = fc.constantFrom(0.3, 0.5, 0.51, 0.7, 1);

function levelsArbitrary(level: fc.Arbitrary<LevelActionInput>): fc.Arbitrary<LevelsInput> {
  return fc.record({ none: level, elevated: level, sustained: level }, { requiredKeys: [] });
}

/** Blocks of their own for some of `ids`, each with some of its three fields. */
function groupsArbitrary(
  ids: readonly string[],
  level: fc.Arbitrary<LevelActionInput>,
): fc.Arbitrary<Record<string, GroupPolicyInput>> {
  const block: fc.Arbitrary<GroupPolicyInput> = fc.record(
    { minConfidence, detection: detectionArbitrary, levels: levelsArbitrary(level) },
    { requiredKeys: [] },
  );
  return fc.subarray([...ids]).chain((chosen) =>
    fc.tuple(...chosen.map(() => block)).map((blocks) => {
      // A null-prototype record: group ids are untrusted names, `__proto__` included.
      const out = Object.create(null) as Record<string, GroupPolicyInput>;
      chosen.forEach((id, i) => {
        out[id] = blocks[i]!;
      });
      return out;
    }),
  );
}

/**
 * Valid policies: every field of `PolicyInput` optional, levels with caps (including
 * `count: 0`, which filters a group out), cadences from every 2 to every 8 slots, the four
 * detectors with parameters where they reach their levels on short streams and either kind of
 * evidence, cooldowns and recovery shares, and — given the taxonomy's group ids — blocks of
 * their own for some groups. Every generated policy is one `resolvePolicy` accepts, and one
 * `createRebalancer` accepts with a taxonomy that has the given groups.
 *
 * @internal
 */
export function policyArbitrary(options: PolicyArbitraryOptions = {}): fc.Arbitrary<PolicyInput> {
  const level = levelArbitrary(options.diversify ?? false);
  const groupIds = options.groups ?? [];
  return fc.record(
    {
      audience: fc.constantFrom('general' as const, 'minor' as const),
      minConfidence,
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
      levels: levelsArbitrary(level),
      ...(groupIds.length > 0 ? { groups: groupsArbitrary(groupIds, level) } : {}),
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
