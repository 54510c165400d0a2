import type { Evidence } from '../detect/detector.js';

/**
 * At most `count` triggering items of a group in any `window` consecutive served slots.
 * `count: 0` filters the group out.
 *
 * @example
 * ```ts
 * import type { Cap } from 'feed-rebalancer';
 * const oneInFive: Cap = { count: 1, window: 5 };
 * ```
 */
export interface Cap {
  /** Integer in [0, window]. */
  readonly count: number;
  /** Integer ≥ 1. */
  readonly window: number;
}

/**
 * Diversification of the organic order before caps apply: maximal marginal relevance or a
 * determinantal point process (fast greedy MAP), from item embeddings.
 *
 * @example
 * ```ts
 * import type { DiversifyInput } from 'feed-rebalancer';
 * const mmr: DiversifyInput = { kind: 'mmr', lambda: 0.7 };
 * const dpp: DiversifyInput = { kind: 'dpp', theta: 0.7, window: 8 };
 * ```
 */
export type DiversifyInput =
  | {
      readonly kind: 'mmr';
      /** Weight of relevance against novelty, in [0, 1]. */
      readonly lambda: number;
      /** How many top candidates are reordered. @defaultValue 100 */
      readonly depth?: number;
    }
  | {
      readonly kind: 'dpp';
      /** Trade-off between relevance and diversity in [0, 1). @defaultValue 0.7 */
      readonly theta?: number;
      /** Sliding window of the greedy MAP; omitted means the whole list. */
      readonly window?: number;
      /** How many top candidates are reordered. @defaultValue 100 */
      readonly depth?: number;
    };

/**
 * What one detection level does to a group's items.
 *
 * @example
 * ```ts
 * import type { LevelActionInput } from 'feed-rebalancer';
 * const sustained: LevelActionInput = { cap: { count: 1, window: 6 }, recoveryEvery: 4 };
 * ```
 */
export interface LevelActionInput {
  /** Density cap on the group's triggering items. */
  readonly cap?: Cap;
  /** Insert one of the group's recovery items in every `recoveryEvery` served slots (integer ≥ 2). */
  readonly recoveryEvery?: number;
  /** Diversify the organic order while the group is at this level. */
  readonly diversify?: DiversifyInput;
}

/**
 * The detector over each group's stream of impressions (x = 1 for a triggering impression, or
 * the group confidence c under `evidence: 'confidence'`).
 *
 * - `run`: alarm after `length` triggering impressions in a row (within a session).
 * - `window`: alarm when the last `window` impressions add up to at least `count`.
 * - `cusum`: Bernoulli CUSUM `S ← max(0, S + x − γ)`, alarm when `S ≥ h` (Reynolds & Stoumbos 1999).
 * - `ewma`: `z ← λx + (1 − λ)z`, alarm when `z ≥ limit`.
 *
 * `hold` is the hysteresis: impressions a level is kept after the statistic falls below it.
 * `evidence` (default `'labels'`) is what each impression adds; the `run` detector always counts
 * labels (impressions with c ≥ `minConfidence`).
 *
 * @example
 * ```ts
 * import type { DetectionInput } from 'feed-rebalancer';
 * const detection: DetectionInput = { kind: 'cusum', p0: 0.05, p1: 0.3, h: 4, hold: 10 };
 * ```
 */
export type DetectionInput =
  | {
      readonly kind: 'run';
      readonly length: number;
      readonly hold?: number;
      readonly evidence?: Evidence;
    }
  | {
      readonly kind: 'window';
      readonly count: number;
      readonly window: number;
      readonly hold?: number;
      readonly evidence?: Evidence;
    }
  | {
      readonly kind: 'cusum';
      readonly p0: number;
      readonly p1: number;
      readonly h: number;
      readonly hold?: number;
      readonly evidence?: Evidence;
    }
  | {
      readonly kind: 'ewma';
      readonly lambda: number;
      readonly limit: number;
      readonly hold?: number;
      readonly evidence?: Evidence;
    };

/**
 * What each level does, keyed by level. A level missing here does nothing.
 *
 * @example
 * ```ts
 * import type { LevelsInput } from 'feed-rebalancer';
 * const levels: LevelsInput = { sustained: { cap: { count: 0, window: 1 } } };
 * ```
 */
export interface LevelsInput {
  readonly none?: LevelActionInput;
  readonly elevated?: LevelActionInput;
  readonly sustained?: LevelActionInput;
}

/**
 * One group's own policy, in `PolicyInput.groups`. Each field given replaces the policy's
 * top-level field of the same name for this group alone — whole, not merged: a group's `levels`
 * replaces the top-level `levels`, so a level it leaves out does nothing for the group, and its
 * `detection` replaces the top-level detector (with its own `hold` and `evidence` defaults).
 * Fields left out are the top-level ones.
 *
 * @example
 * ```ts
 * import type { GroupPolicyInput } from 'feed-rebalancer';
 * const suicide: GroupPolicyInput = {
 *   detection: { kind: 'cusum', p0: 0.05, p1: 0.2, h: 1.6, hold: 20 },
 *   levels: { elevated: { cap: { count: 1, window: 10 } }, sustained: { cap: { count: 0, window: 1 } } },
 * };
 * ```
 */
export interface GroupPolicyInput {
  /** Confidence at which a topic counts for this group. @defaultValue the top-level `minConfidence` */
  readonly minConfidence?: number;
  /** This group's detector. @defaultValue the top-level `detection` */
  readonly detection?: DetectionInput;
  /** What each level does for this group. @defaultValue the top-level `levels` */
  readonly levels?: LevelsInput;
}

/**
 * A policy as written by its author: plain JSON, every field optional. Omitted fields take the
 * documented defaults, except that a level missing from `levels` does nothing.
 *
 * @example
 * ```ts
 * import type { PolicyInput } from 'feed-rebalancer';
 * const policy: PolicyInput = {
 *   detection: { kind: 'run', length: 5 },
 *   levels: { sustained: { cap: { count: 1, window: 5 }, recoveryEvery: 4 } },
 * };
 * ```
 */
export interface PolicyInput {
  /**
   * Who the feed is for, recorded in the resolved policy so hosts and audits can see it. The
   * filters of the `minor` preset live in its levels, so they hold through `rb.reset`.
   *
   * @defaultValue 'general'
   */
  readonly audience?: 'general' | 'minor';
  /** Confidence at which a topic counts for its group. @defaultValue 0.5 */
  readonly minConfidence?: number;
  /** Exposure bookkeeping. */
  readonly exposure?: {
    /** Half-life of exposure, in impressions. @defaultValue 20 */
    readonly halfLife?: number;
    /** Half-life of exposure in time away, in milliseconds. @defaultValue 21_600_000 (6 h) */
    readonly halfLifeMs?: number;
    /** A gap longer than this starts a new session. @defaultValue 1_800_000 (30 min) */
    readonly sessionGapMs?: number;
    /** Dwell at which an impression weighs 1. @defaultValue 10_000 */
    readonly referenceDwellMs?: number;
    /** Largest weight of one impression. @defaultValue 3 */
    readonly maxDwellWeight?: number;
  };
  /**
   * The detector.
   *
   * @defaultValue `{ kind: 'cusum', p0: 0.05, p1: 0.3, h: 2.55, hold: 10, evidence: 'labels' }`
   */
  readonly detection?: DetectionInput;
  /** What each level does, per group. A missing level does nothing. */
  readonly levels?: LevelsInput;
  /**
   * Per-group policies, keyed by group id: a group listed here takes each field its block gives
   * instead of the top-level one (see {@link GroupPolicyInput}). Every key must be a group of the
   * taxonomy (`createRebalancer` checks; `resolvePolicy`, which has no taxonomy, cannot).
   *
   * @defaultValue `{}` (every group follows the top-level fields)
   */
  readonly groups?: Readonly<Record<string, GroupPolicyInput>>;
  /** Recovery interleaving. */
  readonly recovery?: {
    /** Impressions before a recovery item may be served again. @defaultValue 50 */
    readonly cooldown?: number;
    /** Largest share of served slots that may hold recovery items, in (0, 1]. @defaultValue 1 */
    readonly maxShare?: number;
  };
  /** What to do with a malformed item at request time. @defaultValue 'throw' */
  readonly onInvalidItem?: 'throw' | 'skip';
}
