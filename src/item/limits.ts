/**
 * Size limits on untrusted input. Anything larger is rejected with a `RebalanceError` naming the
 * field, so hostile sizes cost bounded time and memory and nothing is dropped silently.
 *
 * @internal
 */
export const LIMITS = {
  /** Characters in an item id. */
  idLength: 1_024,
  /** Topics on one item. */
  topicsPerItem: 1_024,
  /** Hashtags on one item. */
  hashtagsPerItem: 1_024,
  /** Characters in one hashtag or topic id. */
  termLength: 256,
  /** Characters in an item's text. */
  textLength: 20_000,
  /** Dimensions of an embedding. */
  embeddingLength: 4_096,
  /** Candidates in one request. */
  candidates: 1_000_000,
  /** Items in one recovery pool. */
  recoveryPool: 10_000,
  /** Impressions in one observe call. */
  impressionsPerCall: 100_000,
} as const;
