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
}
