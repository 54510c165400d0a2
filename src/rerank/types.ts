import type { Item } from '../item/types.js';
import type { Assessment } from '../exposure/types.js';
import type { Cap } from '../policy/types.js';
import type { Banner } from '../interventions/types.js';
import type { Decision } from './decision/types.js';

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
  /**
   * What the policy applied to this request, for audit and explanation. Deeply frozen, and shared
   * by the results of requests at the same group levels.
   */
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
