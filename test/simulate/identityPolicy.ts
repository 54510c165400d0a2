import type { UserState } from '../../src/exposure/types.js';
import type { FeedPolicy } from '../../src/simulate/run/servePage.js';

/**
 * A stand-in policy that serves the top candidates unchanged and keeps no state: what the `off`
 * preset must do to the feed (guarantee 3 of docs/guarantees.md), without any detector. Lets the
 * simulator's own parts be tested apart from the library.
 */
export const identityPolicy: FeedPolicy = {
  emptyState(): UserState {
    return {
      version: 1,
      impressions: 0,
      lastAt: null,
      session: { startedAt: null, impressions: 0 },
      groups: [],
      recoveryShown: [],
    };
  },
  observe(state) {
    return state;
  },
  rebalance({ candidates, size }) {
    const n = Math.min(size ?? candidates.length, candidates.length);
    return {
      slots: candidates
        .slice(0, n)
        .map((item, from) => ({ id: item.id, source: 'organic' as const, from, reasons: [] })),
    };
  },
};
