import type { Cap, Level } from './types.js';

/**
 * A detector with every field filled in. `elevatedAt` and `alarmAt` are the thresholds on the
 * detector's statistic for `elevated` and `sustained` (half the alarm threshold, and the alarm
 * threshold).
 *
 * @example
 * ```ts
 * import { resolvePolicy } from 'feed-rebalancer';
 * const detection = resolvePolicy({ detection: { kind: 'run', length: 6 } }).detection;
 * // { kind: 'run', length: 6, hold: 10 }
 * ```
 */
export type ResolvedDetection =
  | { readonly kind: 'run'; readonly length: number; readonly hold: number }
  | {
      readonly kind: 'window';
      readonly count: number;
      readonly window: number;
      readonly hold: number;
    }
  | {
      readonly kind: 'cusum';
      readonly p0: number;
      readonly p1: number;
      readonly h: number;
      /** Reference value γ of the Bernoulli CUSUM, derived from p0 and p1. */
      readonly gamma: number;
      readonly hold: number;
    }
  | {
      readonly kind: 'ewma';
      readonly lambda: number;
      readonly limit: number;
      readonly hold: number;
    };

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
 * A validated policy with every default filled in; what the engine reads.
 *
 * @example
 * ```ts
 * import { presets, resolvePolicy } from 'feed-rebalancer';
 * const resolved = resolvePolicy(presets.policies.balanced);
 * console.log(resolved.levels.sustained.recoveryEvery);
 * ```
 */
export interface ResolvedPolicy {
  readonly audience: 'general' | 'minor';
  readonly minConfidence: number;
  readonly exposure: {
    readonly halfLife: number;
    readonly halfLifeMs: number;
    readonly sessionGapMs: number;
    readonly referenceDwellMs: number;
    readonly maxDwellWeight: number;
  };
  readonly detection: ResolvedDetection;
  readonly levels: Readonly<Record<Level, ResolvedLevelAction>>;
  readonly recovery: { readonly cooldown: number; readonly maxShare: number };
  readonly onInvalidItem: 'throw' | 'skip';
}
