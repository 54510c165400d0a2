import type { Item } from '../../index.js';

/**
 * The world as a recommender sees it: the items, and the platform's own content clusters (the
 * catalogue's topics), their neighbours and popularity — but not which items are harmful.
 * Items are referred to by their index in `items`.
 *
 * @example
 * ```ts
 * import type { CatalogueView } from 'feed-rebalancer/simulate';
 * function topicOf(catalogue: CatalogueView, item: number): string {
 *   return catalogue.topicIds[catalogue.topicOf[item]!]!;
 * }
 * ```
 */
export interface CatalogueView {
  /** The items, as the host sends them to the library (id `i<index>`). */
  readonly items: readonly Item[];
  /** Topic ids, in topic order. */
  readonly topicIds: readonly string[];
  /** Topic index of each item. */
  readonly topicOf: Int16Array;
  /** Item indices of each topic. */
  readonly byTopic: readonly Int32Array[];
  /** Neighbour topic indices of each topic ("more like this"). */
  readonly near: readonly Int16Array[];
  /** Production quality of each item, in [0.2, 1]. */
  readonly quality: Float64Array;
  /** Share of exploration each topic draws (its items × popularity), summing to 1. */
  readonly topicPopularity: Float64Array;
  /**
   * Share of the popular feed a new account starts on that each topic draws, summing to 1 (or all
   * 0): its exploration share, less the part of triggering content's reach that the platform's
   * review keeps out of what it recommends to everyone.
   */
  readonly popularFeed: Float64Array;
  /** Indices of the recovery topics: the platform curates its recovery content, so it knows them. */
  readonly recoveryTopics: Int16Array;
}

/**
 * What a recommender knows about the user it is created for.
 *
 * @example
 * ```ts
 * import type { RecommenderContext } from 'feed-rebalancer/simulate';
 * const describe = (c: RecommenderContext) => `user ${c.user}, ${c.candidates} candidates per request`;
 * ```
 */
export interface RecommenderContext {
  readonly catalogue: CatalogueView;
  /** The user's index in the population. */
  readonly user: number;
  /** Whether the account starts with a history of recovery content (a user in recovery). */
  readonly recoveryHistory: boolean;
  /** Candidates to return per feed request, at most. */
  readonly candidates: number;
}

/**
 * One feed request, as the recommender is asked for candidates.
 *
 * @example
 * ```ts
 * import type { CandidateRequest } from 'feed-rebalancer/simulate';
 * const coin = (r: CandidateRequest) => r.random() < 0.5;
 * ```
 */
export interface CandidateRequest {
  /** The user's feed request index, from 0. */
  readonly request: number;
  /** The user's seeded stream: uniform in [0, 1). Use it, never `Math.random`, to stay reproducible. */
  readonly random: () => number;
}

/**
 * One impression the recommender learns from.
 *
 * @example
 * ```ts
 * import type { WatchFeedback } from 'feed-rebalancer/simulate';
 * const watchedLong = (f: WatchFeedback) => f.dwellMs >= 10_000;
 * ```
 */
export interface WatchFeedback {
  /** Catalogue index of the item served. */
  readonly item: number;
  /** How long the user stayed on it (ms); under 2 s is a skip. */
  readonly dwellMs: number;
  /** The feed request it was served in. */
  readonly request: number;
}

/**
 * A recommender's model of one user.
 *
 * @example
 * ```ts
 * import type { UserRecommender } from 'feed-rebalancer/simulate';
 * const newest: UserRecommender = {
 *   candidates: ({ request }) => Array.from({ length: 30 }, (_, k) => (request * 30 + k) % 3000),
 *   score: () => 1,
 *   learn: () => {},
 * };
 * ```
 */
export interface UserRecommender {
  /**
   * Candidates for one feed request, best first: distinct catalogue indices, at most the
   * context's `candidates`.
   */
  candidates(request: CandidateRequest): ArrayLike<number>;
  /**
   * The score the recommender ranks `item` by — for the latest candidates, the score they were
   * ranked by; for other items (recovery items a policy inserted) its current estimate. NDCG@10
   * retention compares served pages by it.
   */
  score(item: number): number;
  /** Learns from one impression. */
  learn(feedback: WatchFeedback): void;
}

/**
 * A recommender under test: the engagement-maximising feed a policy rebalances. `forUser` builds
 * its model of each user; a population learner also defines `endRound`, and the run then
 * proceeds in rounds — every active user makes one feed request, then `endRound` — so it can
 * learn from everyone's watches. Built-in recommenders are named (`'per-user'`,
 * `'collaborative'`) and run on worker threads; a recommender object runs on the calling thread
 * (functions cannot cross to workers).
 *
 * @example
 * ```ts
 * import { simulate, type Recommender } from 'feed-rebalancer/simulate';
 * // Serves the catalogue in a fixed order, learning nothing: a trivial baseline.
 * const inOrder: Recommender = {
 *   name: 'in-order',
 *   forUser: ({ catalogue, candidates }) => ({
 *     candidates: ({ request }) =>
 *       Array.from({ length: candidates }, (_, k) => (request * candidates + k) % catalogue.items.length),
 *     score: (item) => 1 / (1 + item),
 *     learn: () => {},
 *   }),
 * };
 * const report = await simulate({ scenario: 'mixed', policy: 'off', seed: 1, users: 10, steps: 20, recommender: inOrder });
 * ```
 */
export interface Recommender {
  /** Name shown in reports. */
  readonly name: string;
  /** The model of one user, created once per user and run. */
  forUser(context: RecommenderContext): UserRecommender;
  /** Called after every round of one feed request per active user, round 0 first. */
  endRound?(round: number): void;
}
