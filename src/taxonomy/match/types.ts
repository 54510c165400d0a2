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
  readonly term: string;
  readonly topic: string;
}
