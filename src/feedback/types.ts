/**
 * The kinds of intervention suggested beside the feed: a nudge to explore other topics, support
 * resources, a break reminder.
 *
 * @example
 * ```ts
 * import type { InterventionKind } from 'feed-rebalancer';
 * const kind: InterventionKind = 'nudge';
 * ```
 */
export type InterventionKind = 'nudge' | 'resources' | 'break';

/**
 * Negative feedback given to `observe`: the person asked to see less of a topic (a triggering
 * topic id) or a group. `rebalance` removes matching candidates for 14 days, under every policy,
 * and serves them like any other afterwards; a host that wants them back gradually lowers its own
 * scores with `seeLessMultiplier`.
 *
 * @example
 * ```ts
 * import type { SeeLessFeedback } from 'feed-rebalancer';
 * const event: SeeLessFeedback = { seeLess: { target: 'thinspiration' }, at: Date.now() };
 * ```
 */
export interface SeeLessFeedback {
  readonly seeLess: { readonly target: string };
  /** When the feedback was given (ms). */
  readonly at: number;
  /**
   * An id unique to this event (1 to 256 characters): a redelivery of the same id is folded once
   * while it is within the state's memory of the newest 128 ids (docs/ingestion.md).
   */
  readonly eventId?: string;
}
/**
 * What the host did with a suggested intervention, given to `observe`: `shown` starts its
 * cooldown and counts towards its cap per session, `dismissed` (of a nudge) escalates the next
 * one, `accepted` resets that.
 *
 * @example
 * ```ts
 * import type { InterventionFeedback } from 'feed-rebalancer';
 * const event: InterventionFeedback = {
 *   intervention: { type: 'shown', kind: 'nudge', group: 'eating-disorder' },
 *   at: Date.now(),
 * };
 * ```
 */
export interface InterventionFeedback {
  readonly intervention: {
    readonly type: 'shown' | 'dismissed' | 'accepted';
    readonly kind: InterventionKind;
    /** The intervention's group; `null` (or omitted) for a break. */
    readonly group?: string | null;
  };
  /** When it happened (ms). */
  readonly at: number;
  /**
   * An id unique to this event (1 to 256 characters): a redelivery of the same id is folded once
   * while it is within the state's memory of the newest 128 ids (docs/ingestion.md).
   */
  readonly eventId?: string;
}

/**
 * One "see less" choice: a topic or group id and when it was made (ms since the epoch).
 *
 * @example
 * ```ts
 * import type { SeeLessEntry } from 'feed-rebalancer';
 * const entry: SeeLessEntry = ['thinspiration', Date.UTC(2026, 0, 1)];
 * ```
 */
export type SeeLessEntry = readonly [target: string, at: number];

/**
 * What the host reported about interventions, kept in the user's state: the interventions shown
 * (oldest first, the newest 12 kept, as `[kind, group or '', at]`) and the
 * nudges dismissed in a row (kept across sessions, so escalation is not undone by a gap).
 *
 * @example
 * ```ts
 * import type { InterventionLog } from 'feed-rebalancer';
 * const log: InterventionLog = { shown: [['nudge', 'eating-disorder', 60_000]], dismissed: 1 };
 * ```
 */
export interface InterventionLog {
  readonly shown: readonly (readonly [kind: InterventionKind, group: string, at: number])[];
  readonly dismissed: number;
}

/**
 * Topics and groups the user asked to see less of whose items are removed right now, each with
 * the target named in the drop reason (`seeLess:<target>`). @internal
 */
export interface SeeLessBlock {
  /** Topic index (in `ResolvedTaxonomy.topicIds`) → target. */
  readonly topics: ReadonlyMap<number, string>;
  /** Group index → target. */
  readonly groups: ReadonlyMap<number, string>;
}
