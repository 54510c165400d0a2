import type { UserState } from '../../index.js';
import type { LibraryMetrics } from '../metrics/libraryMetrics.js';

/**
 * The `onWrite` listener the server gives its store: counts the level transitions and the state
 * restarts of each state the store writes, and the transitions to no level of each erasure. The
 * store calls it once per write, after the write has landed, and never for a fold it only read
 * (a Redis `get`) or a write that lost its check-and-set, so every stored state is counted once,
 * by the replica that wrote it, from the state it actually replaced.
 *
 * @internal
 */
export function countWrites(
  metrics: LibraryMetrics,
): (before: UserState | undefined, after: UserState | undefined) => void {
  return (before, after) => {
    metrics.written(before, after);
  };
}
