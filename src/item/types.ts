/**
 * A piece of content as the host's ranking knows it. Candidates arrive in the host's ranked
 * order; recovery pool entries have the same shape.
 *
 * @example
 * ```ts
 * import type { Item } from 'feed-rebalancer';
 * const item: Item = { id: 'v1', topics: { thinspiration: 0.9 }, hashtags: ['#thinspo'], score: 0.8 };
 * ```
 */
export interface Item {
  /** Non-empty string, unique within one request. */
  readonly id: string;
  /** Topic ids, as a list (confidence 1 each) or as confidences in [0, 1]. */
  readonly topics?: readonly string[] | Readonly<Record<string, number>>;
  /** Hashtags or terms, matched against the taxonomy's terms after normalisation. */
  readonly hashtags?: readonly string[];
  /** Free text (caption, title); scanned for the taxonomy's terms. */
  readonly text?: string;
  /** Content embedding, used for recovery relevance and diversification. */
  readonly embedding?: readonly number[] | Float32Array | Float64Array;
  /** The host's relevance score; informational (the order of candidates is the ranking). */
  readonly score?: number;
}

/**
 * One thing the user was shown, as given to `observe`.
 *
 * @example
 * ```ts
 * import type { Impression } from 'feed-rebalancer';
 * const impression: Impression = { item: { id: 'v1', topics: ['pro-ana'] }, at: Date.now(), dwellMs: 12_000 };
 * ```
 */
export interface Impression {
  /** The item shown. */
  readonly item: Item;
  /** When it was shown, in milliseconds since the epoch (any monotone clock works). */
  readonly at: number;
  /** How long it was watched, in milliseconds; omitted means one reference dwell. */
  readonly dwellMs?: number;
  /**
   * An id unique to this event (1 to 256 characters): a redelivery of the same id is folded once
   * while it is within the state's memory of the newest 128 ids (docs/ingestion.md).
   */
  readonly eventId?: string;
}
