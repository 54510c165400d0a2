/**
 * One topic of a taxonomy group, with the hashtag terms that label it.
 *
 * @example
 * ```ts
 * import type { TopicInput } from 'feed-rebalancer';
 * const topic: TopicInput = { id: 'thinspiration', terms: ['thinspo', 'thinspiration'] };
 * ```
 */
export interface TopicInput {
  /** Topic id as items carry it in `topics`. */
  readonly id: string;
  /** Hashtags and terms that label the topic (with or without `#`). */
  readonly terms?: readonly string[];
}

/**
 * A group of related topics: the triggering ones the policy caps, and the recovery ones it may
 * interleave when the group's level calls for it.
 *
 * @example
 * ```ts
 * import type { GroupInput } from 'feed-rebalancer';
 * const gambling: GroupInput = {
 *   id: 'gambling',
 *   triggering: [{ id: 'betting-tips', terms: ['bettingtips', 'surebet'] }],
 *   recovery: [{ id: 'gambling-support', terms: ['gamblingrecovery'] }],
 * };
 * ```
 */
export interface GroupInput {
  /** Group id, e.g. `eating-disorder`. */
  readonly id: string;
  /** Human-readable label for audit text; defaults to the id. */
  readonly label?: string;
  /** Topics whose items count towards the group's runs and caps. */
  readonly triggering: readonly TopicInput[];
  /** Topics of recovery-oriented content for the group. */
  readonly recovery?: readonly TopicInput[];
}

/**
 * A taxonomy: the groups the rebalancer tracks. Use `presets.taxonomies.default`, extend it with
 * `extendTaxonomy`, or write your own.
 *
 * @example
 * ```ts
 * import type { TaxonomyInput } from 'feed-rebalancer';
 * const taxonomy: TaxonomyInput = {
 *   groups: [{ id: 'misinformation', triggering: [{ id: 'miracle-cure', terms: ['miraclecure'] }] }],
 * };
 * ```
 */
export interface TaxonomyInput {
  /** The groups, in the order audits and round-robin recovery use. */
  readonly groups: readonly GroupInput[];
}
