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

/** One entry read from an ordered source: a user's events at one offset. @internal */
export interface SourcedEntry {
  /** The entry's offset in the source (a stream entry id). */
  readonly offset: string;
  readonly userId: string;
  readonly events: readonly ObserveEvent[];
  /**
   * The events' JSON as received (one event, or a list without its brackets), when it holds no
   * embedding and so can be stored as it is; `undefined` to have the events encoded.
   */
  readonly raw: string | undefined;
}

/** What a {@link SourcedAppend} did. @internal */
export interface SourcedResult {
  /**
   * The users whose events were not stored, each with the error its own `append` gives: a
   * malformed event or user id, too many events or bytes, a full log.
   */
  readonly refused: ReadonlyMap<string, unknown>;
  /** Settles when the folds the appends set off are done; never rejects. */
  readonly folded: Promise<void>;
}

/** A batch's appends, validated and encoded, ready to be sent. @internal */
export interface PreparedAppends {
  /**
   * Sends the appends.
   *
   * @returns once Redis has stored the events of every user not refused
   * @throws RebalanceError with code `store` when Redis fails (some users' events may be stored)
   */
  commit(): Promise<SourcedResult>;
}

/**
 * Stored-only appends of a batch read from one ordered source, in the source's order: each
 * user's events, with the source and each event's entry offset, as one append per user, all of
 * them sent together. What {@link StoredAppend} does per user, at a fraction of the cost: the
 * events of the whole batch validated in one `observe` call when they pass (the cost of a call
 * is several times that of an event), the received JSON stored as it is, and one promise for the
 * batch. A user whose events do not all pass, or a batch that cannot be checked at once, is
 * validated on its own as `append` does, and a refused user is reported with the error its own
 * `append` gives; the other users' events are stored.
 *
 * The work is done in two steps: this call validates and encodes the batch at once, and
 * `commit` sends it, so that a consumer can prepare a batch while Redis stores the previous one.
 *
 * @throws RebalanceError with code `argument` when the store has no rebalancer
 * @internal
 */
export type SourcedAppend = (source: string, entries: readonly SourcedEntry[]) => PreparedAppends;

/**
 * The key of a store's stored-only append: `RedisStateStore` has one under it, other stores
 * none. A symbol, so it stays out of the store's public surface.
 *
 * @internal
 */
export const STORED_APPEND: unique symbol = Symbol('feed-rebalancer stored append');

/** The key of a store's {@link SourcedAppend}. @internal */
export const SOURCED_APPEND: unique symbol = Symbol('feed-rebalancer sourced append');

/** The stored-only append of `store`, bound to it, or `undefined` for a store that has none. @internal */
export function storedAppendOf(store: object): StoredAppend | undefined {
  const append = (store as { [STORED_APPEND]?: unknown })[STORED_APPEND];
  return typeof append === 'function' ? (append.bind(store) as StoredAppend) : undefined;
}

/** The sourced append of `store`, bound to it, or `undefined` for a store that has none. @internal */
export function sourcedAppendOf(store: object): SourcedAppend | undefined {
  const append = (store as { [SOURCED_APPEND]?: unknown })[SOURCED_APPEND];
  return typeof append === 'function' ? (append.bind(store) as SourcedAppend) : undefined;
}
