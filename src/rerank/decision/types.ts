import type { Level } from '../../detect/levels.js';

/**
 * A slot of the feed the policy serves (or, in shadow mode, would serve) that holds another item
 * than the host's own order puts there: not the candidate at the same index of `candidates`.
 *
 * @example
 * ```ts
 * import type { DecisionChange } from 'feed-rebalancer';
 * // Slot 1 takes candidate 2; slot 4 holds a recovery item.
 * const changes: DecisionChange[] = [
 *   { slot: 1, id: 'c2', from: 2 },
 *   { slot: 4, id: 'r1', from: null },
 * ];
 * ```
 */
export interface DecisionChange {
  /** The slot's index in the served feed. */
  readonly slot: number;
  /** The id of the item the policy puts there. */
  readonly id: string;
  /** Its index in `candidates`, or `null` for a recovery item. */
  readonly from: number | null;
}

/**
 * An intervention a decision suggested, without its free-text reason.
 *
 * @example
 * ```ts
 * import type { DecisionIntervention } from 'feed-rebalancer';
 * const i: DecisionIntervention = { kind: 'resources', group: 'eating-disorder' };
 * ```
 */
export interface DecisionIntervention {
  readonly kind: 'nudge' | 'resources' | 'break';
  readonly group: string | null;
}

/**
 * A compact record of what the policy decided for one request — or, with `shadow: true`, would
 * have decided — made for logging: plain JSON, bounded by the request's size, holding no item
 * content and no user identifier. `schemas/decision.schema.json` in the package describes it as a
 * JSON Schema (draft 2020-12).
 *
 * With the host's candidates (in the host's order) it gives the policy's feed exactly: slot `s`
 * of `served` holds the entry of `changes` for `s` if there is one, else `candidates[s]`.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const out = rb.rebalance({ candidates: [{ id: 'a' }], state: rb.emptyState(), at: 0, shadow: true });
 * console.log(JSON.stringify(out.decision)); // one line of a decision log
 * ```
 */
export interface Decision {
  /** The record's format version; it changes only with the JSON Schema. */
  readonly version: 1;
  /**
   * Fingerprint of the resolved policy (every field, defaults included, per-group blocks too):
   * equal for policies that decide alike, different when any field differs. The taxonomy is
   * not part of it.
   */
  readonly policy: string;
  /** Whether the request was made in shadow mode (the host's order was served). */
  readonly shadow: boolean;
  /**
   * The level of every group of the taxonomy, keyed by group id (null prototype; frozen, and
   * shared by the records of requests at the same levels).
   */
  readonly levels: Readonly<Record<string, Level>>;
  /** How many slots the policy serves, organic and recovery together. */
  readonly served: number;
  /**
   * How many slot positions differ between the policy's feed and the host's own order (the
   * candidates up to `size`): the entries of `changes`, plus the host's slots past the end of
   * the policy's feed.
   */
  readonly changedSlots: number;
  /** The policy's slots that differ from the host's order, in slot order. */
  readonly changes: readonly DecisionChange[];
  /** How many candidates the policy does not serve, by drop reason (null prototype). */
  readonly drops: Readonly<Record<string, number>>;
  /** How many recovery items the policy serves, by the group each is served for (null prototype). */
  readonly recovery: Readonly<Record<string, number>>;
  /** The interventions the assessment suggests beside the feed. */
  readonly interventions: readonly DecisionIntervention[];
}
