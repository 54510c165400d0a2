import type { Item, Impression } from '../item/types.js';
import type { UserState } from '../exposure/types.js';
import type { Cap, Level } from '../policy/types.js';
import type { ResolvedPolicy } from '../policy/resolved.js';
import type { Banner, QueryInterception, StaleResource } from '../interventions/types.js';
import type { Decision } from '../rerank/decision/types.js';

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
  readonly kind: 'nudge' | 'resources' | 'break';
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
 * How an item matched the taxonomy: per group, the highest confidence of its triggering and of
 * its recovery topics, and the confidence of each known topic.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * rb.classify({ id: 'x', hashtags: ['#Thin_Spo'] }).triggering['eating-disorder']; // 1
 * ```
 */
export interface Classification {
  readonly triggering: Readonly<Record<string, number>>;
  readonly recovery: Readonly<Record<string, number>>;
  readonly topics: Readonly<Record<string, number>>;
}

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
 * One served slot of a rebalanced feed.
 *
 * @example
 * ```ts
 * import type { Slot } from 'feed-rebalancer';
 * const slot: Slot = { id: 'r1', source: 'recovery', from: null, reasons: ['recovery:eating-disorder'] };
 * ```
 */
export interface Slot {
  readonly id: string;
  readonly source: 'organic' | 'recovery';
  /** Index in `candidates` for organic items, `null` for recovery items. */
  readonly from: number | null;
  /** Why the slot differs from the input (`cap:<group>`, `recovery:<group>`, `diversify`); empty when untouched. */
  readonly reasons: readonly string[];
  /**
   * A notice to show with the item, when banner rules are on (by default whenever
   * `createRebalancer` is given `resources`; see its `banners` option) and one applies to it;
   * absent otherwise.
   */
  readonly banner?: Banner;
}

/**
 * Why a candidate was not served: a closed set, so a host can branch on it exhaustively. The
 * library emits exactly these, and every candidate lands in exactly one of them or in a slot
 * (guarantee 2, "nothing lost silently", in docs/guarantees.md):
 *
 * - `invalid`: the item broke a rule of `Item` (no usable id, a malformed field, a size limit)
 *   and the policy says `onInvalidItem: 'skip'`; under `'throw'` the call throws instead. The
 *   entry's `id` is the item's id (at most 1,024 characters) when it has a string one, else `''`.
 * - `duplicate`: an earlier candidate has the same id; the first one counts, later ones are left
 *   out. Checked after validity: an invalid entry claims no id.
 * - `seeLess:<target>`: the person asked to see less of `<target>` (a group id, or a triggering
 *   topic id of the taxonomy) less than 14 days before the request time (`at`, else the state's
 *   last impression), and the candidate is triggering for that group or carries that topic at
 *   `minConfidence` or more. Checked after duplicates, under every policy (`off` too), and only
 *   when the state is read (not with `profiling: false`); such a candidate is not a candidate for
 *   any slot.
 * - `cap:<group>`: the cap of `<group>` at its current level kept the candidate out: with
 *   `count: 0` the group is filtered out; otherwise the feed ended (no remaining candidate fitted
 *   the next slot) while that cap still held the candidate back.
 * - `size`: the feed reached `size` slots before the candidate's turn came (a candidate of a
 *   group whose cap has `count: 0` is `cap:<group>` even then).
 *
 * @example
 * ```ts
 * import type { DropReason } from 'feed-rebalancer';
 * function explainDrop(reason: DropReason): string {
 *   if (reason.startsWith('cap:')) return `held back by the ${reason.slice(4)} cap`;
 *   if (reason.startsWith('seeLess:')) return `the person asked to see less of ${reason.slice(8)}`;
 *   return reason; // 'size', 'duplicate' or 'invalid'
 * }
 * ```
 */
export type DropReason = 'size' | 'duplicate' | 'invalid' | `cap:${string}` | `seeLess:${string}`;

/**
 * A candidate that was not served, with why.
 *
 * @example
 * ```ts
 * import type { DroppedItem } from 'feed-rebalancer';
 * const d: DroppedItem = { id: 'c9', from: 9, reason: 'size' };
 * ```
 */
export interface DroppedItem {
  readonly id: string;
  /** Index in `candidates`. */
  readonly from: number;
  /** Why it was not served: one of the closed set {@link DropReason}. */
  readonly reason: DropReason;
}

/**
 * Why a recovery pool entry was refused: a closed set. Entries the policy never needed are not
 * listed at all — the pool is only read when a group's level asks for recovery, and an entry with
 * no recovery topic of a calling group is simply not relevant.
 *
 * - `invalid`: the entry broke a rule of `Item` and the policy says `onInvalidItem: 'skip'`.
 * - `duplicate`: an earlier pool entry has the same id, or a candidate does (an item is served
 *   once, and as what the host ranked it).
 * - `triggering:<group>`: the entry also carries a triggering topic of `<group>` (the first such
 *   group in taxonomy order) at `minConfidence` or more. Recovery hashtags are co-opted by
 *   pro-eating-disorder posts (Herrick et al. 2021), so such an entry is never served as
 *   recovery; it is listed whether or not its own recovery topics match a calling group.
 * - `cooldown`: an impression of the entry was observed within the last `recovery.cooldown`
 *   impressions, so it would repeat too soon.
 *
 * @example
 * ```ts
 * import type { RejectionReason } from 'feed-rebalancer';
 * const coOpted = (reason: RejectionReason): boolean => reason.startsWith('triggering:');
 * ```
 */
export type RejectionReason = 'invalid' | 'duplicate' | 'cooldown' | `triggering:${string}`;

/**
 * A recovery pool entry that was refused, with why.
 *
 * @example
 * ```ts
 * import type { RejectedRecovery } from 'feed-rebalancer';
 * const r: RejectedRecovery = { id: 'p3', from: 3, reason: 'triggering:eating-disorder' };
 * ```
 */
export interface RejectedRecovery {
  readonly id: string;
  /** Index in the recovery pool. */
  readonly from: number;
  /** Why it was refused: one of the closed set {@link RejectionReason}. */
  readonly reason: RejectionReason;
}

/**
 * The result of `rebalance`: the feed to serve and its audit.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets, explain } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const out = rb.rebalance({ candidates: [{ id: 'a' }], state: rb.emptyState(), at: 0 });
 * console.log(out.items.map((i) => i.id), explain(out));
 * ```
 */
export interface RebalanceResult {
  /** The feed to serve, organic and recovery items together. */
  readonly items: readonly Item[];
  /** Per served slot, where it came from and why. */
  readonly slots: readonly Slot[];
  /** Candidates not served, each with a reason. */
  readonly dropped: readonly DroppedItem[];
  /** Recovery pool entries refused, each with a reason. */
  readonly rejectedRecovery: readonly RejectedRecovery[];
  /** The assessment the decisions were based on. */
  readonly assessment: Assessment;
  /** What the policy applied to this request, for audit and explanation. */
  readonly applied: AppliedActions;
  /** A compact record of what the policy decided (in shadow mode: would have), for logging. */
  readonly decision: Decision;
}

/**
 * What the policy applied to one request: the caps in force per group, the recovery cadence and
 * the groups it served, the diversification. Together with `slots` this is what a service shows
 * to explain the main parameters of its ranking (EU DSA Art. 27).
 *
 * @example
 * ```ts
 * import type { AppliedActions } from 'feed-rebalancer';
 * const applied: AppliedActions = {
 *   caps: { 'eating-disorder': { count: 1, window: 6 } },
 *   recoveryEvery: 5,
 *   recoveryGroups: ['eating-disorder'],
 *   diversify: null,
 * };
 * ```
 */
export interface AppliedActions {
  /** Caps in force, keyed by group id (a null-prototype object). */
  readonly caps: Readonly<Record<string, Cap>>;
  /** The recovery cadence in force, or `null`. */
  readonly recoveryEvery: number | null;
  /** Groups whose level called for recovery, in the order they take turns. */
  readonly recoveryGroups: readonly string[];
  /** The diversification in force, or `null`. */
  readonly diversify: 'mmr' | 'dpp' | null;
  /**
   * Groups of the taxonomy whose own block in `policy.groups` set what applied to them, in
   * taxonomy order; absent when the policy has no such block.
   */
  readonly ownPolicy?: readonly string[];
}

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
    readonly kind: Intervention['kind'];
    /** The intervention's group; `null` (or omitted) for a break. */
    readonly group?: string | null;
  };
  /** When it happened (ms). */
  readonly at: number;
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
   * its input.
   */
  observe(state: UserState, impressions: ObserveEvent | readonly ObserveEvent[]): UserState;
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
