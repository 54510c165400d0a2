import type { DeliveryOptions } from '../../delivery/types.js';
import type { ObserveEvent } from '../../exposure/types.js';

/** What a stored-only append resolves with: the fold it set off, still running. @internal */
export interface Stored {
  /** Settles when the fold is done; never rejects (a failed fold leaves the events in the log). */
  readonly folded: Promise<void>;
}

/**
 * An append that resolves as soon as Redis has stored the events, with the fold it may have set
 * off still running: `folded` settles when that fold is done (it never rejects; a failed fold
 * leaves the events in the log for the next one). A stream consumer acknowledges a batch once
 * its events are stored and lets the folds overlap with its next read; a plain `append` waits
 * for both.
 *
 * @internal
 */
export type StoredAppend = (
  userId: string,
  events: ObserveEvent | readonly ObserveEvent[],
  options?: DeliveryOptions,
) => Promise<Stored>;

/**
 * The key of a store's stored-only append: `RedisStateStore` has one under it, other stores
 * none. A symbol, so it stays out of the store's public surface.
 *
 * @internal
 */
export const STORED_APPEND: unique symbol = Symbol('feed-rebalancer stored append');

/** The stored-only append of `store`, bound to it, or `undefined` for a store that has none. @internal */
export function storedAppendOf(store: object): StoredAppend | undefined {
  const append = (store as { [STORED_APPEND]?: unknown })[STORED_APPEND];
  return typeof append === 'function' ? (append.bind(store) as StoredAppend) : undefined;
}
