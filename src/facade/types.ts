import type { DeliveryOptions } from '../delivery/types.js';
import type { Item } from '../item/types.js';
import type { Classification } from '../taxonomy/types.js';
import type { Assessment, ObserveEvent, UserState } from '../exposure/types.js';
import type { ResolvedPolicy } from '../policy/resolved.js';
import type { QueryInterception, StaleResource } from '../interventions/types.js';
import type { RebalanceResult } from '../rerank/types.js';

/**
 * One request to `rebalance`.
 *
 * @example
 * ```ts
 * import type { RebalanceRequest } from 'feed-rebalancer';
 * declare const request: RebalanceRequest;
 * ```
 */
export interface RebalanceRequest {
  /** Candidates in the host's ranked order, best first. */
  readonly candidates: readonly Item[];
  /** Recovery-oriented items to interleave when the policy calls for it. @defaultValue [] */
  readonly recovery?: readonly Item[];
  /** The user's exposure state (not read when `profiling` is `false`). */
  readonly state: UserState;
  /**
   * `false` ranks without the exposure state, as for someone nothing is known about — the
   * option of a feed not based on profiling that the EU Digital Services Act (Art. 38) asks
   * very large platforms to offer. Every group is then at level `none`, so only what the policy
   * applies to everyone holds: the `none` level's caps (for the minors' preset these remove every
   * triggering item) and its recovery cadence. Detection, recovery triggered by a level, "see
   * less" choices and suggested interventions, which all read the person's history, do not
   * apply; `assessment` is that of an empty state.
   *
   * @defaultValue `true`
   */
  readonly profiling?: boolean;
  /** The request time (ms); omitted means the state's last impression time. */
  readonly at?: number;
  /** Largest number of served slots. @defaultValue all */
  readonly size?: number;
  /**
   * The reader's locale (BCP 47, such as `en-GB`), for the resources on banners; resources are
   * looked up en-GB → en → `*`.
   *
   * @defaultValue `'*'` (only the directory's fallback entries)
   */
  readonly locale?: string;
  /**
   * `true` serves the host's own order unchanged — the candidates up to `size`, nothing dropped
   * but by `size`, no recovery item — and puts what the policy would have done in `decision`
   * only, to measure a policy on live traffic before it changes anyone's feed (docs/decisions.md).
   * Items are validated as without it: a bad item throws, unless `onInvalidItem` is `'skip'`.
   *
   * @defaultValue `false`
   */
  readonly shadow?: boolean;
}

/**
 * A request ranked without profiling (EU DSA Art. 38): like {@link RebalanceRequest} with
 * `profiling: false`, where the state may be left out.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets, type NonProfilingRequest } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.minor });
 * const request: NonProfilingRequest = { candidates: [{ id: 'a' }, { id: 'b', topics: ['pro-ana'] }], profiling: false };
 * rb.rebalance(request).items.map((item) => item.id); // ['a']
 * ```
 */
export type NonProfilingRequest = Omit<RebalanceRequest, 'state' | 'profiling'> & {
  readonly state?: UserState;
  readonly profiling: false;
};

/**
 * A configured rebalancer: pure functions over plain-JSON state.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.protective });
 * let state = rb.emptyState();
 * state = rb.observe(state, { item: { id: 'a', hashtags: ['#thinspo'] }, at: 0, dwellMs: 9_000 });
 * console.log(rb.assess(state, 1_000).groups['eating-disorder']?.run); // 1
 * ```
 */
export interface Rebalancer {
  /** The resolved policy in force. */
  readonly policy: ResolvedPolicy;
  /** Group ids of the taxonomy, in order. */
  readonly groups: readonly string[];
  /** A fresh state for a new user. */
  emptyState(): UserState;
  /**
   * A fresh start for a person — the exposure shares, runs, detector statistics, levels,
   * session, recovery memory and intervention log cleared, as TikTok's Refresh clears what the
   * feed learned — that keeps what protects them. A reset must not be a way out of protection:
   * someone caught in a harmful spiral, or pushed by someone else, could otherwise reset away
   * the very signals that protect them. So their "see less" choices stay: they are the person's
   * own explicit signals, which the EU guidelines on protecting minors under DSA Art. 28 favour
   * over inferred ones, and removing them is the person's decision, not a side effect. And the
   * protections that hold for everyone live in the policy, not in the state — for an audience of
   * minors the `none` level's caps filter triggering items whatever the state — so no state, reset
   * or not, can turn them off.
   */
  reset(state: UserState): UserState;
  /**
   * Folds impressions and feedback events into a state; returns a new state and never mutates
   * its input. Events already folded are skipped: those whose `eventId` the state remembers,
   * and, with `options`, those at or below their source's high-water mark.
   */
  observe(
    state: UserState,
    impressions: ObserveEvent | readonly ObserveEvent[],
    options?: DeliveryOptions,
  ): UserState;
  /** What the detector says at time `at` (defaults to the last impression time). */
  assess(state: UserState, at?: number): Assessment;
  /** Reshapes a ranked candidate list for the state's user. */
  rebalance(request: RebalanceRequest | NonProfilingRequest): RebalanceResult;
  /** How an item matches the taxonomy. */
  classify(item: Item): Classification;
  /** Validates an untrusted state (a JSON string or a parsed value). */
  parseState(input: unknown): UserState;
  /** Serialises a state to a JSON string. */
  serializeState(state: UserState): string;
  /**
   * What to show for a search query, instead of or above its results: for a sensitive search
   * (evasive spellings included, with the default evasive matcher) the group and up to three resources
   * for the locale; for a supportive mental-health search a banner; otherwise `null`.
   */
  interceptQuery(query: string, options: { readonly locale: string }): QueryInterception | null;
  /**
   * Entries of the resource directory not verified within `maxAgeDays` (default 180) of `at`.
   */
  staleResources(at: number, maxAgeDays?: number): readonly StaleResource[];
}
