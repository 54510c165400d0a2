/**
 * A position in an ordered source of events: a non-negative integer (a Kafka offset) or a Redis
 * stream entry id `"<ms>-<seq>"`. Integers may be given as numbers (safe integers) or as decimal
 * strings of up to 20 digits (any 64-bit offset, compared exactly); an integer `n` ranks as the
 * stream id `n-0`. Offsets are compared as pairs of integers, never as floating-point numbers.
 *
 * @example
 * ```ts
 * import type { SourceOffset } from 'feed-rebalancer';
 * const kafka: SourceOffset = 42;
 * const stream: SourceOffset = '1700000000000-3';
 * ```
 */
export type SourceOffset = number | string;

/**
 * Where the events of one `observe` call come from, for exactly-once folding of an ordered
 * source (a Kafka partition, a Redis stream): the state keeps, per source, the highest offset
 * folded (its high-water mark), and events at or below it are skipped.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets, type DeliveryOptions } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const from: DeliveryOptions = { source: 'impressions-7', offset: 1_204 };
 * const once = rb.observe(rb.emptyState(), { item: { id: 'v1' }, at: 0 }, from);
 * const again = rb.observe(once, { item: { id: 'v1' }, at: 0 }, from); // skipped: at the mark
 * console.log(again.impressions); // 1
 * ```
 */
export interface DeliveryOptions {
  /**
   * The source's name (a topic and partition, a stream key): 1 to 256 characters. The state
   * keeps the marks of at most 16 sources, the most recently advanced.
   */
  readonly source: string;
  /**
   * The offset of every event of the call (one message that carries them all), or one offset
   * per event, in order and never decreasing. An event is skipped when its offset is at or
   * below the source's mark as the call starts; afterwards the mark is the highest offset given.
   */
  readonly offset: SourceOffset | readonly SourceOffset[];
}

/**
 * What a state remembers of delivery, so that a redelivered event is folded once: the hashes of
 * the newest event ids folded and the high-water mark of each recent source.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const s = rb.observe(rb.emptyState(), { item: { id: 'v1' }, at: 0, eventId: 'e-1' });
 * console.log(s.delivery?.ids.length); // 8: one 48-bit hash
 * ```
 */
export interface DeliveryState {
  /**
   * The 48-bit hashes of the newest event ids folded, oldest first, 8 base64url characters
   * each, at most 128 of them (1,024 characters).
   */
  readonly ids: string;
  /**
   * Per source, `[source, offset]` with the highest offset folded (an integer as decimal
   * digits, or a stream id `ms-seq`), least recently advanced first, at most 16.
   */
  readonly marks: readonly (readonly [string, string])[];
}
