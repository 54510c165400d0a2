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
  /**
   * Hashtags and terms that label the topic (with or without `#`), matched as hashtags and as
   * whole words or short phrases of free text.
   *
   * @defaultValue []
   */
  readonly terms?: readonly string[];
  /**
   * Terms matched only as whole hashtags (an item's hashtag, or a `#word` in its text), never as
   * plain words of text: code names that are also ordinary names ("ana", "mia") and words that
   * prevention content uses too ("suicide"). Terms of at most three characters are treated this
   * way whichever list they are in.
   *
   * @defaultValue []
   */
  readonly tags?: readonly string[];
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
  /**
   * Human-readable label for audit text.
   *
   * @defaultValue the group id
   */
  readonly label?: string;
  /** Topics whose items count towards the group's runs and caps (at least one). */
  readonly triggering: readonly TopicInput[];
  /**
   * Topics of recovery-oriented content for the group.
   *
   * @defaultValue []
   */
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

/**
 * Additions to one group of a taxonomy for `extendTaxonomy`: a group with a new id is
 * appended; a group with an existing id gains the listed topics, and a topic with an existing id
 * gains the listed terms.
 *
 * @example
 * ```ts
 * import type { GroupExtension } from 'feed-rebalancer';
 * const more: GroupExtension = { id: 'eating-disorder', triggering: [{ id: 'pro-ana', terms: ['anabuddy'] }] };
 * ```
 */
export interface GroupExtension {
  /** Id of the group to extend or to add. */
  readonly id: string;
  /**
   * Label for audit text; replaces the existing label when given.
   *
   * @defaultValue the existing label, or the id for a new group
   */
  readonly label?: string;
  /**
   * Triggering topics to add, or whose terms to extend. A new group needs at least one.
   *
   * @defaultValue []
   */
  readonly triggering?: readonly TopicInput[];
  /**
   * Recovery topics to add, or whose terms to extend.
   *
   * @defaultValue []
   */
  readonly recovery?: readonly TopicInput[];
}

/**
 * What `extendTaxonomy` adds to a base taxonomy.
 *
 * @example
 * ```ts
 * import type { TaxonomyExtension } from 'feed-rebalancer';
 * const extension: TaxonomyExtension = {
 *   groups: [{ id: 'gambling', triggering: [{ id: 'betting-tips', terms: ['bettingtips'] }] }],
 * };
 * ```
 */
export interface TaxonomyExtension {
  /** Groups to add or to extend, matched by id. */
  readonly groups: readonly GroupExtension[];
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
