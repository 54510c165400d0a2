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
  /**
   * Id of the taxonomy group the topic belongs to. With it a matcher can tell which recovery
   * topic goes with a triggering term: `createEvasiveMatcher` reads `#anarecovery` as the
   * recovery topic of the group of "ana". The taxonomy fills it in; a matcher may ignore it.
   *
   * @defaultValue undefined (no group known: a triggering term forms no recovery compound)
   */
  readonly group?: string;
  /**
   * Whether the topic is one of its group's triggering or recovery topics. The taxonomy fills it
   * in; a matcher may ignore it.
   *
   * @defaultValue `'triggering'`
   */
  readonly role?: 'triggering' | 'recovery';
}

/**
 * Builds a {@link TermMatcher} from every term of a taxonomy. A taxonomy is resolved with one
 * factory, so the evasive matcher (the default) and the exact one are interchangeable. Entries
 * carry each term's `group` and `role`; a factory that does not need them ignores them.
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
