import type { TopicLookup } from './TopicLookup.js';
import type { TermMatcher } from './match/types.js';
import type { TaxonomyInput } from './types.js';

// The types a resolved taxonomy is made of, in one file: `resolveTaxonomy` produces them and
// `classifyItem`, `ItemMarker` and the request path read them.

/**
 * Where a topic sits in a resolved taxonomy.
 *
 * @internal
 */
export interface TopicRef {
  /** Index in `ResolvedTaxonomy.topicIds`. */
  readonly index: number;
  /** Index of the topic's group. */
  readonly group: number;
  /** Whether the topic is a recovery topic of its group (else a triggering one). */
  readonly recovery: boolean;
}
/**
 * One group of a resolved taxonomy.
 *
 * @internal
 */
export interface ResolvedGroup {
  /** Group id. */
  readonly id: string;
  /** Label for audit text (the id when the input gives none). */
  readonly label: string;
  /** Indices into `ResolvedTaxonomy.topicIds` of its triggering topics, in input order. */
  readonly triggering: readonly number[];
  /** Indices of its recovery topics, in input order (the order recovery items rotate through). */
  readonly recovery: readonly number[];
}
/**
 * A validated taxonomy compiled for classification: ids in order, a `Map` from topic id to its
 * group and role (untrusted ids never become object keys), and the term matcher.
 *
 * @internal
 */
export interface ResolvedTaxonomy {
  /** The validated input, as a deep-frozen copy. */
  readonly input: TaxonomyInput;
  /** The groups, in taxonomy order. */
  readonly groups: readonly ResolvedGroup[];
  /** Group ids, in taxonomy order (the same as `groups[g].id`). */
  readonly groupIds: readonly string[];
  /** Group id → index. */
  readonly groupIndex: ReadonlyMap<string, number>;
  /** Topic ids, group by group, triggering before recovery. */
  readonly topicIds: readonly string[];
  /** Topic id → where it sits. */
  readonly topics: ReadonlyMap<string, TopicRef>;
  /** The same, memoised for the per-candidate lookups of the request path. */
  readonly lookup: TopicLookup<TopicRef>;
  /** Per topic index, where it sits. */
  readonly topicRefs: readonly TopicRef[];
  /** Maps hashtags and text to topic ids. */
  readonly matcher: TermMatcher;
  /** Whether any topic has terms; when none has, hashtags and text are not looked at. */
  readonly hasTerms: boolean;
  /** The shared result for an item that matches nothing. Read-only, like every result. */
  readonly none: ItemClassification;
}

/**
 * How one item matches a taxonomy, in the compact form the engine reads per item. Results may be
 * shared between items (every item that matches nothing gets `ResolvedTaxonomy.none`), so they
 * are read-only: never write to the arrays.
 *
 * @internal
 */
export interface ItemClassification {
  /** Per group index, the highest confidence of the item's triggering topics of that group (0: none). */
  readonly triggering: Float64Array;
  /** Per group index, the highest confidence of the item's recovery topics of that group (0: none). */
  readonly recovery: Float64Array;
  /** Indices into `ResolvedTaxonomy.topicIds` of the known topics the item carries, each once. */
  readonly topics: readonly number[];
  /** Confidence of each entry of `topics`, in (0, 1]. */
  readonly confidences: readonly number[];
}
