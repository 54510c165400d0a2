import type { Cap } from './types.js';
import type { ResolvedDetection } from '../detect/detector.js';
import type { Level } from '../detect/levels.js';

/**
 * Diversification with every field filled in.
 *
 * @example
 * ```ts
 * import type { ResolvedDiversify } from 'feed-rebalancer';
 * const d: ResolvedDiversify = { kind: 'mmr', lambda: 0.7, depth: 100 };
 * ```
 */
export type ResolvedDiversify =
  | { readonly kind: 'mmr'; readonly lambda: number; readonly depth: number }
  | {
      readonly kind: 'dpp';
      readonly theta: number;
      readonly window: number | null;
      readonly depth: number;
    };

/**
 * What one level does, resolved: `null` fields ask for nothing.
 *
 * @example
 * ```ts
 * import type { ResolvedLevelAction } from 'feed-rebalancer';
 * const action: ResolvedLevelAction = { cap: { count: 1, window: 5 }, recoveryEvery: null, diversify: null };
 * ```
 */
export interface ResolvedLevelAction {
  readonly cap: Cap | null;
  readonly recoveryEvery: number | null;
  readonly diversify: ResolvedDiversify | null;
}

/**
 * What the policy does for one group, resolved: its confidence threshold, its detector and what
 * each of its levels does. The top-level fields of a {@link ResolvedPolicy} are the values of
 * every group without a block of its own, so a `ResolvedPolicy` is itself one of these.
 *
 * @example
 * ```ts
 * import { resolvePolicy, type ResolvedGroupPolicy } from 'feed-rebalancer';
 * const policy = resolvePolicy({ groups: { suicide: { minConfidence: 0.3 } } });
 * const suicide: ResolvedGroupPolicy = policy.groups['suicide'] ?? policy;
 * console.log(suicide.minConfidence, suicide.detection.kind); // 0.3 'cusum'
 * ```
 */
export interface ResolvedGroupPolicy {
  readonly minConfidence: number;
  readonly detection: ResolvedDetection;
  readonly levels: Readonly<Record<Level, ResolvedLevelAction>>;
}

/**
 * A validated policy with every default filled in; what the engine reads.
 *
 * `groups` holds, for each group the policy gives a block of its own, that group's resolved
 * {@link ResolvedGroupPolicy} — every field filled in, from the block or else from the top
 * level — keyed by group id in a null-prototype object. A group without a block follows the
 * top-level fields: `policy.groups[id] ?? policy` is the policy of any group.
 *
 * @example
 * ```ts
 * import { presets, resolvePolicy } from 'feed-rebalancer';
 * const resolved = resolvePolicy(presets.policies.balanced);
 * console.log(resolved.levels.sustained.recoveryEvery, Object.keys(resolved.groups)); // 5 []
 * ```
 */
export interface ResolvedPolicy extends ResolvedGroupPolicy {
  readonly audience: 'general' | 'minor';
  readonly exposure: {
    readonly halfLife: number;
    readonly halfLifeMs: number;
    readonly sessionGapMs: number;
    readonly referenceDwellMs: number;
    readonly maxDwellWeight: number;
  };
  readonly recovery: { readonly cooldown: number; readonly maxShare: number };
  readonly onInvalidItem: 'throw' | 'skip';
  /** Per-group policies by group id (null prototype); groups without a block are absent. */
  readonly groups: Readonly<Record<string, ResolvedGroupPolicy>>;
}
