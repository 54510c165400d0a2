import type { Reranker } from './reranker.js';
import type { FeedPolicy } from './servePage.js';

/**
 * A re-ranker under test as a {@link FeedPolicy}: its own `rebalance`, with the library's
 * `emptyState` and `observe` keeping the exposure state it is handed.
 *
 * @internal
 */
export function rerankerPolicy(observer: FeedPolicy, rerank: Reranker): FeedPolicy {
  return {
    emptyState: () => observer.emptyState(),
    observe: (state, impression) => observer.observe(state, impression),
    rebalance: (request) => rerank(request),
  };
}
