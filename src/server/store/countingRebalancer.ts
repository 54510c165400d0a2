import type { Rebalancer } from '../../index.js';
import type { LibraryMetrics } from '../metrics/libraryMetrics.js';
import { restartedGroups } from './restartedGroups.js';

/**
 * The rebalancer a store folds appended events with (`createServer({ store: (rb) => … })`):
 * the server's rebalancer whose `observe` also counts the level transitions and the state
 * restarts of each fold, so they are counted where states are folded. A store that folds a log
 * again after losing a race counts that fold again; the server's own writes (`reset`) count once,
 * after the write.
 *
 * @internal
 */
export function countingRebalancer(rb: Rebalancer, metrics: LibraryMetrics): Rebalancer {
  const observe: Rebalancer['observe'] = (state, events) => {
    const next = rb.observe(state, events);
    metrics.folded(state, next);
    const restarted = restartedGroups(state, next);
    if (restarted.length > 0) metrics.restarted(restarted);
    return next;
  };
  return Object.freeze({ ...rb, observe });
}
