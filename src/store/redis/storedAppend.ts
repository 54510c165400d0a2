import type { DeliveryOptions } from '../../delivery/types.js';
import type { ObserveEvent } from '../../exposure/types.js';

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
) => Promise<{ readonly folded: Promise<void> }>;

const STORED_APPENDS = new WeakMap<object, StoredAppend>();

/** Registers the stored-only append of a store (its constructor does). @internal */
export function registerStoredAppend(store: object, append: StoredAppend): void {
  STORED_APPENDS.set(store, append);
}

/** The stored-only append of `store`, or `undefined` for a store that has none. @internal */
export function storedAppendOf(store: object): StoredAppend | undefined {
  return STORED_APPENDS.get(store);
}
