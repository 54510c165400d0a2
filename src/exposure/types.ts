import type { Level } from '../detect/levels.js';
import type { Impression } from '../item/types.js';
import type { InterventionFeedback, InterventionKind, SeeLessFeedback } from '../feedback/types.js';
import type { InterventionLog } from '../feedback/types.js';
import type { SeeLessEntry } from '../feedback/types.js';
import type { DeliveryState } from '../delivery/types.js';

/**
 * Per-group part of a {@link UserState}.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const group = rb.emptyState().groups[0]; // { id: 'eating-disorder', level: 'none', … }
 * ```
 */
export interface GroupState {
  /** Group id from the taxonomy. */
  readonly id: string;
  /** Decayed, dwell-weighted mass of the group's triggering impressions. */
  readonly triggeringMass: number;
  /** Decayed, dwell-weighted mass of all impressions (the share's denominator). */
  readonly totalMass: number;
  /** Current run of consecutive triggering impressions in this session. */
  readonly run: number;
  /** The detector's statistic (run length, window sum, CUSUM S or EWMA z). */
  readonly statistic: number;
  /**
   * The evidence of the last `window` impressions, oldest first, one character each: `0`/`1`
   * for labels, and `a` … `s` for 1/20 … 19/20 under confidence evidence; `''` unless the
   * detector is `window`.
   */
  readonly window: string;
  /** Current level after hysteresis. */
  readonly level: Level;
  /** Impressions left before a lowered statistic may lower the level. */
  readonly hold: number;
  /**
   * Fingerprint of the detector that wrote `statistic`, `window` and `level` (its kind, the
   * parameters the statistic depends on, and its evidence; at most 13 characters). A policy
   * whose detector for the group has another fingerprint restarts them instead of misreading
   * them. Every state the library builds has it; a state stored before it existed lacks it.
   */
  readonly detector?: string;
}

/**
 * A user's exposure state: small, versioned, plain JSON, without any user identifier. Create
 * it with `rb.emptyState()`, advance it with `rb.observe`, store it anywhere, and read it back
 * with `rb.parseState`.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const state = rb.observe(rb.emptyState(), { item: { id: 'a', topics: ['pro-ana'] }, at: 0 });
 * console.log(state.impressions); // 1
 * ```
 */
export interface UserState {
  /** Format version; a state from a newer version is rejected with code `state`. */
  readonly version: 1;
  /** Impressions observed in total. */
  readonly impressions: number;
  /** Time of the latest impression (ms), or `null` before the first. */
  readonly lastAt: number | null;
  /** The current session. */
  readonly session: {
    /** Time of the session's first impression (ms), or `null` before the first. */
    readonly startedAt: number | null;
    /** Impressions in the current session. */
    readonly impressions: number;
  };
  /** One entry per taxonomy group, in taxonomy order. */
  readonly groups: readonly GroupState[];
  /**
   * Recently shown recovery items, newest last, as `[idHash, impressionIndex]`: ids are stored as
   * 52-bit hashes so the state stays small whatever the ids; bounded in length.
   */
  readonly recoveryShown: readonly (readonly [string, number])[];
  /**
   * What the host reported about the interventions it showed (for cooldowns, caps per session
   * and escalation), the newest 12 kept. Every state the
   * library builds has it; a state stored before it existed reads as an empty log.
   */
  readonly interventions?: InterventionLog;
  /**
   * The person's "see less" choices, `[target, at]` with a triggering topic id or a group id
   * of the taxonomy, oldest first, one entry per target. Every state the library builds has
   * it; a state stored before it existed reads as none.
   */
  readonly seeLess?: readonly SeeLessEntry[];
  /**
   * What was folded of redelivered events: the hashes of the newest event ids and each recent
   * source's high-water mark (docs/ingestion.md). Absent until an event with an `eventId` or an
   * `observe` call with delivery options is folded.
   */
  readonly delivery?: DeliveryState;
}

/**
 * What the detector says about one group.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const g = rb.assess(rb.emptyState(), 0).groups['eating-disorder'];
 * console.log(g?.level, g?.exposure, g?.run, g?.statistic); // 'none' 0 0 0
 * ```
 */
export interface GroupAssessment {
  /** Level after hysteresis. */
  readonly level: Level;
  /** Decayed, dwell-weighted share of triggering impressions in [0, 1], time away included. */
  readonly exposure: number;
  /** Current run of consecutive triggering impressions (0 once the session gap has passed). */
  readonly run: number;
  /** The detector's statistic. */
  readonly statistic: number;
  /** The statistic's alarm threshold (`sustained` at or above it, `elevated` at half). */
  readonly threshold: number;
}
/**
 * An intervention suggested beside the feed, for the host to render.
 *
 * @example
 * ```ts
 * import type { Intervention } from 'feed-rebalancer';
 * const i: Intervention = { kind: 'resources', group: 'eating-disorder', reason: 'sustained' };
 * ```
 */
export interface Intervention {
  readonly kind: InterventionKind;
  readonly group: string | null;
  readonly reason: string;
}
/**
 * The result of `assess`: what the decisions of `rebalance` are based on.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const a = rb.assess(rb.emptyState(), Date.now());
 * console.log(a.impressions, a.groups['self-harm']?.level);
 * ```
 */
export interface Assessment {
  /** The time assessed at (ms), or `null` when none was given and none is known. */
  readonly at: number | null;
  /** Total impressions observed. */
  readonly impressions: number;
  /** Whether `at` is past the session gap, so the next impression starts a new session. */
  readonly newSession: boolean;
  /** Per group, keyed by group id (no `Object.prototype` in its chain, so any id is a plain key). */
  readonly groups: Readonly<Record<string, GroupAssessment>>;
  /** Interventions suggested beside the feed. */
  readonly interventions: readonly Intervention[];
}
/**
 * One entry given to `observe`: an impression, or feedback. Feedback is not an impression: it
 * changes neither the exposure nor the detectors nor the impression count.
 *
 * @example
 * ```ts
 * import type { ObserveEvent } from 'feed-rebalancer';
 * const events: ObserveEvent[] = [
 *   { item: { id: 'v1', topics: ['pro-ana'] }, at: 0 },
 *   { seeLess: { target: 'pro-ana' }, at: 1_000 },
 * ];
 * ```
 */
export type ObserveEvent = Impression | SeeLessFeedback | InterventionFeedback;
