import { createEvasiveMatcher, type RebalancerOptions, type TermMatcher } from '../../index.js';
import { TextTopics } from './TextTopics.js';

/**
 * The rebalancer's options with its matcher factory wrapped, so that the server keeps the term
 * matcher the rebalancer builds: `POST /rank` scans each challenge item's text with it once and
 * hands the library the topics found, rather than the text to scan again for the ranking and for
 * the impressions. Options whose `matcher` is not a function go through as they are, for
 * `createRebalancer` to refuse.
 *
 * @internal
 */
export function keepMatcher(options: RebalancerOptions): {
  readonly options: RebalancerOptions;
  readonly matcher: () => TermMatcher | null;
} {
  let kept: TermMatcher | null = null;
  const factory = (options as { readonly matcher?: unknown }).matcher ?? createEvasiveMatcher;
  if (typeof factory !== 'function') return { options, matcher: () => null };
  const build = factory as NonNullable<RebalancerOptions['matcher']>;
  return {
    options: { ...options, matcher: (entries) => (kept = build(entries)) },
    matcher: () => kept,
  };
}

/**
 * What scans challenge texts: the kept matcher behind its memo, or nothing without a matcher.
 *
 * @internal
 */
export function textTopics(matcher: TermMatcher | null, size: number): TextTopics | null {
  return matcher === null ? null : new TextTopics(matcher, size);
}
