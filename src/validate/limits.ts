/**
 * Every size limit on untrusted input, in one table. Anything larger is rejected with a
 * `RebalanceError` naming the field, so hostile sizes cost bounded time and memory and nothing is
 * dropped silently. The figures are the contract documented in docs/integration.md and
 * docs/hardening.md; change them here only.
 *
 * @internal
 */
export const LIMITS = Object.freeze({
  // Items (candidates, recovery items, impressions).
  /** Characters in an item id. */
  idLength: 1_024,
  /** Topics on one item. */
  topicsPerItem: 1_024,
  /** Hashtags on one item. */
  hashtagsPerItem: 1_024,
  /** Characters in one hashtag or topic id on an item. */
  termLength: 256,
  /** Characters in an item's text. */
  textLength: 20_000,
  /** Dimensions of an embedding. */
  embeddingLength: 4_096,

  // Users and events (the stores and the server).
  /**
   * UTF-16 code units in a user id a store accepts. Ids are keys, not content: a bound keeps a
   * hostile id from costing unbounded memory in the in-process store or in Redis.
   */
  userIdLength: 1_024,
  /** Characters in the `eventId` of an event sent to the server (an idempotency key). */
  eventIdLength: 256,
  /** Largest `maxUsers` of the in-process store: the most entries a V8 `Map` holds (2^24). */
  storeUsers: 16_777_216,

  // Requests.
  /** Candidates in one request. */
  candidates: 1_000_000,
  /** Items in one recovery pool. */
  recoveryPool: 10_000,
  /** Impressions (and feedback events) in one observe call, and so in one store `append`. */
  impressionsPerCall: 100_000,

  // Replay logs (`feed-rebalancer/simulate`'s `replay`).
  /** Characters in one line of a JSON Lines log (one record). */
  logLineLength: 16_000_000,
  /** Candidates in one logged request. */
  logCandidates: 10_000,
  /** Requests of one user in a log: one user's replay is held in memory at a time. */
  logRequestsPerUser: 100_000,

  // Taxonomies and policies.
  /** Groups in one taxonomy (and so in a state, and blocks in `policy.groups`). */
  groups: 64,
  /** Topics over all groups and roles. */
  topics: 4_096,
  /** Terms and tags over all topics. */
  terms: 100_000,
  /** Characters in a group id, topic id or label — and so in any id a state or event names. */
  nameLength: 256,
  /** Characters in one taxonomy term. */
  taxonomyTermLength: 256,
  /** Largest detector window (and run length). */
  detectorWindow: 512,
  /** Largest CUSUM threshold h, in a policy and in the ARL helpers. */
  cusumThreshold: 10_000,

  // States.
  /** Characters of a state given as JSON text. */
  stateJsonLength: 1_000_000,
  /** Remembered recovery items in a state. */
  recoveryMemory: 5_001,
  /**
   * "See less" targets a state remembers; the oldest feedback is forgotten first.
   * (`SEE_LESS.maxEntries` is this figure.)
   */
  seeLessEntries: 32,
  /**
   * Shown interventions a state's log keeps, the newest: the default settings show at most 11
   * in one session (resources once per group, two nudges per group, two breaks for the default
   * taxonomy's three groups), and 12 keeps the stored state within 2 KB for the default
   * taxonomy.
   */
  loggedInterventions: 12,

  // Support resources and search interception.
  /** Entries of a resource directory. */
  resources: 10_000,
  /** Characters of a resource's text fields. */
  resourceText: 500,
  /** Characters of a search query. */
  queryLength: 500,
  /** Words of a search query. */
  queryWords: 32,
  /** Entries of a host's query vocabulary list. */
  vocabularyEntries: 10_000,
  /** Characters of one query vocabulary entry. */
  vocabularyEntryLength: 200,
});
