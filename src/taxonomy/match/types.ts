/**
 * Maps hashtags and free text to topic ids. The taxonomy compiles its terms into one matcher;
 * swapping the matcher changes how spelling variants are recognised without touching anything
 * else.
 *
 * @example
 * ```ts
 * import type { TermMatcher } from 'feed-rebalancer';
 * declare const matcher: TermMatcher;
 * matcher.matchTag('#thinspo'); // ['thinspiration']
 * ```
 */
export interface TermMatcher {
  /** Topic ids whose terms a single hashtag matches. */
  matchTag(tag: string): readonly string[];
  /** Topic ids whose terms occur in free text. */
  scanText(text: string): readonly string[];
}

/**
 * One term of a taxonomy and the topic it labels.
 *
 * @example
 * ```ts
 * import type { TermEntry } from 'feed-rebalancer';
 * const entry: TermEntry = { term: 'thinspo', topic: 'thinspiration' };
 * ```
 */
export interface TermEntry {
  /** The term as the taxonomy writes it (with or without `#`, any case). */
  readonly term: string;
  /** Id of the topic the term labels. */
  readonly topic: string;
  /**
   * Whether the term may only match a whole hashtag, never a plain word of free text.
   *
   * @defaultValue false
   */
  readonly tagOnly?: boolean;
}

/**
 * Builds a {@link TermMatcher} from every term of a taxonomy. A taxonomy is resolved with one
 * factory, so the exact matcher and a spelling-tolerant one are interchangeable.
 *
 * @param entries - every term of the taxonomy with its topic, in taxonomy order
 * @returns the matcher
 *
 * @example
 * ```ts
 * import { createExactMatcher, type TermMatcherFactory } from 'feed-rebalancer';
 * const factory: TermMatcherFactory = createExactMatcher;
 * factory([{ term: '#thinspo', topic: 'thinspiration' }]).matchTag('THINSPO'); // ['thinspiration']
 * ```
 */
export type TermMatcherFactory = (entries: readonly TermEntry[]) => TermMatcher;
