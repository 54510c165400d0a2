import type { Rebalancer } from '../../index.js';
import type { LibraryMetrics } from '../metrics/libraryMetrics.js';

/**
 * The rebalancer handed to a store factory (`createServer({ store: (rb) => … })`): the server's
 * rebalancer whose `observe` also counts the level transitions of each fold. A store that folds
 * events itself (its `append`) is built with it, so transitions are counted where states are
 * folded. A store that retries a fold after a concurrent write counts that fold's transitions
 * again; the server's own folds (the fallback of `appendEvents`, `reset`) count once, after the
 * write.
 *
 * @internal
 */
export function countingRebalancer(rb: Rebalancer, metrics: LibraryMetrics): Rebalancer {
  const observe: Rebalancer['observe'] = (state, events) => {
    const next = rb.observe(state, events);
    metrics.folded(state, next);
    return next;
  };
  return Object.freeze({ ...rb, observe });
}
