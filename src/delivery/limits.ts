import { LIMITS } from '../validate/limits.js';

/**
 * Bounds of what a state remembers of delivery, and of the delivery fields an event or call may
 * carry. Fixed rather than configurable, so that every replica of a deployment reads and writes
 * the same state.
 *
 * @internal
 */
export const DELIVERY_LIMITS = {
  /**
   * Event ids remembered per user (the horizon of the id memory): a redelivery counts once while
   * fewer than this many distinct ids of the user were folded after the first delivery.
   */
  eventIds: 128,
  /** Characters of one stored id hash (48 bits in base64url). */
  hashLength: 8,
  /** Sources whose high-water marks a state keeps; the least recently advanced is dropped. */
  sources: 16,
  /** Characters in an event id: the limit every reader of an event applies. */
  eventIdLength: LIMITS.eventIdLength,
  /** Characters in a source name. */
  sourceLength: 256,
} as const;
