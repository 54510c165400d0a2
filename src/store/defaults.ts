/** One day in milliseconds. */
const DAY_MS = 86_400_000;

/**
 * Defaults of the state stores, in one place.
 *
 * The retention default is 30 days after a user's last update: exposure to self-harm or
 * eating-disorder topics is health-related personal data (GDPR Art. 9), so a state is kept only
 * as long as it still shapes the feed. Decayed exposure and the detectors' statistics carry little
 * information after weeks of absence, and a returning user starts from an empty state with the
 * same protection as anyone new. See docs/privacy.md.
 *
 * @internal
 */
export const STORE_DEFAULTS = {
  /** Users kept by the in-process store before the least recently used is evicted. */
  maxUsers: 100_000,
  /** How long a state lives after its last update, in milliseconds. */
  ttlMs: 30 * DAY_MS,
  /**
   * Events in one `append`. A page of impressions is tens; a thousand bounds what one call can
   * cost to validate and fold, and a larger backlog is split into several appends.
   */
  maxAppendEvents: 1_000,
} as const;

/**
 * The wall clock, read only when a store is not given its own `now`. This is the single place
 * where the core reads a clock, and only as a default a caller can replace.
 *
 * @returns milliseconds since the epoch
 * @internal
 */
export function systemClock(): number {
  return Date.now();
}
