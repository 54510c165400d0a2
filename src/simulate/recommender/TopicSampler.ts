import { Rng } from '../random/Rng.js';
import { REFERENCE_DWELL_MS, WATCH_THRESHOLD_MS } from '../users/respondInPlace.js';
import { pickWeighted } from './pickWeighted.js';
import type {
  CandidateRequest,
  CatalogueView,
  RecommenderContext,
  UserRecommender,
  WatchFeedback,
} from './types.js';

/** Share of candidate draws that explore by catalogue popularity instead of the estimate. */
const EXPLORE = 0.15;
/** Share of estimate draws that hop to a neighbouring topic ("more like this"). */
const HOP = 0.25;
/** Sharpness of estimate-proportional sampling: weight ∝ estimate^3. */
const SHARPNESS = 3;
/** Profile of a new account for every topic. @internal */
export const PRIOR = 0.3;
/** Profile of an account in recovery for recovery topics. */
const RECOVERY_PRIOR = 0.9;
/** Spread of the ranker's multiplicative noise (log scale). */
const NOISE = 0.35;
/** Feed requests before an item may be recommended again. @internal */
export const REPEAT_AFTER = 30;

/**
 * The built-in recommenders' fitted settings.
 *
 * @internal
 */
export interface SamplerSettings {
  /** Weight of each impression in the profile of its topic. */
  readonly learningRate: number;
  /**
   * Watch time a new account gives, in reference watches of 10 s (each impression watched counts
   * its dwell / 10 s, at most 2), before its feed is personalised; until then the candidates it
   * does not explore come from the popular feed. 0: personalised from the first request.
   */
  readonly coldStartWatches: number;
}

/**
 * The engagement-maximising core both built-in recommenders share. It keeps the user's
 * watch-time profile per topic (an exponential moving average of dwell in 10-second units,
 * capped at 2, with the fitted learning rate; a new account starts at 0.3 everywhere, one in
 * recovery at 0.9 on recovery topics), turns it into a per-topic estimate (`prepare`: the profile itself, or
 * the profile seen through population factors), draws candidates in proportion to popularity ×
 * estimate³ with 15% exploration by popularity and a quarter of "more like this" hops, and ranks
 * them by estimate × (0.6 + 0.4 × quality) with log-normal noise (σ 0.35) so pages mix topics.
 * A new account (one with no recovery history) draws the candidates it does not explore from the
 * popular feed (`CatalogueView.popularFeed`), with no hops, until it has given the fitted cold-start watch
 * time: TikTok starts a new account on popular videos, and its "first set of likes, comments,
 * and replays will initiate an early round of recommendations" ("How TikTok recommends videos
 * #ForYou", 2020). The ranking is personal from the first request. Nothing is scripted: a user who lingers on triggering items teaches it to serve more — the
 * degenerate feedback loop behind rabbit holes (Jiang et al., AIES 2019).
 *
 * @internal
 */
export abstract class TopicSampler implements UserRecommender {
  protected readonly catalogue: CatalogueView;
  /** The user's watch-time profile per topic. */
  protected readonly affinity: Float64Array;
  /** The per-topic estimate candidates are drawn and ranked by; `prepare` fills it. */
  protected readonly estimateOfTopic: Float64Array;
  private readonly limit: number;
  private readonly lastShown: Int32Array;
  private readonly weights: Float64Array;
  private readonly estimate: Float64Array;
  private readonly pickedIn: Int32Array;
  private rng: Rng | null = null;
  private source: (() => number) | null = null;
  private calls = 0;
  /** Whether candidates are drawn from the profile (false during a new account's cold start). */
  private personalised: boolean;
  /** Watch time given so far, in reference watches (counted until the feed is personalised). */
  private watches = 0;

  /**
   * @param context - the user and the catalogue
   * @param settings - the learning rate and the cold start
   */
  constructor(
    context: RecommenderContext,
    private readonly settings: SamplerSettings,
  ) {
    this.catalogue = context.catalogue;
    this.limit = context.candidates;
    const topics = context.catalogue.topicIds.length;
    const items = context.catalogue.items.length;
    this.affinity = new Float64Array(topics).fill(PRIOR);
    if (context.recoveryHistory) {
      const recovery = context.catalogue.recoveryTopics;
      for (let r = 0; r < recovery.length; r++) this.affinity[recovery[r]!] = RECOVERY_PRIOR;
    }
    this.estimateOfTopic = new Float64Array(topics);
    this.lastShown = new Int32Array(items).fill(-REPEAT_AFTER - 1);
    this.weights = new Float64Array(topics);
    this.estimate = new Float64Array(items);
    this.pickedIn = new Int32Array(items).fill(-1);
    let popular = 0;
    for (let t = 0; t < topics; t++) popular += context.catalogue.popularFeed[t]!;
    // An account with a history is not new: its feed is personal from the start (and so is
    // every feed when the catalogue leaves nothing in the popular feed).
    this.personalised =
      context.recoveryHistory || !(settings.coldStartWatches > 0) || !(popular > 0);
  }

  /** Fills {@link TopicSampler.estimateOfTopic} before a request's candidates are drawn. */
  protected abstract prepare(): void;

  score(item: number): number {
    return this.pickedIn[item] === this.calls ? this.estimate[item]! : this.relevance(item);
  }

  candidates(request: CandidateRequest): Int32Array {
    const rng = this.streamOf(request.random);
    const { byTopic, near, topicPopularity, popularFeed } = this.catalogue;
    this.prepare();
    this.calls++;
    const topics = this.weights.length;
    let sum = 0;
    for (let t = 0; t < topics; t++) {
      this.weights[t] = topicPopularity[t]! * this.estimateOfTopic[t]! ** SHARPNESS;
      sum += this.weights[t]!;
    }
    const picked: number[] = [];
    for (let draw = 0; draw < this.limit * 3 && picked.length < this.limit; draw++) {
      let topic: number;
      if (sum <= 0 || rng.chance(EXPLORE)) {
        topic = pickWeighted(topicPopularity, 1, rng.uniform());
      } else if (!this.personalised) {
        topic = pickWeighted(popularFeed, 1, rng.uniform());
      } else {
        topic = pickWeighted(this.weights, sum, rng.uniform());
        const hops = near[topic]!;
        if (hops.length > 0 && rng.chance(HOP)) topic = hops[rng.int(hops.length)]!;
      }
      const members = byTopic[topic]!;
      const item = members[rng.int(members.length)]!;
      if (
        request.request - this.lastShown[item]! <= REPEAT_AFTER ||
        this.pickedIn[item] === this.calls
      )
        continue;
      picked.push(item);
      this.pickedIn[item] = this.calls;
      // The ranker's estimate is noisy: pages mix topics instead of sorting them into blocks.
      this.estimate[item] = this.relevance(item) * Math.exp(NOISE * rng.normal());
    }
    const estimate = this.estimate;
    picked.sort((a, b) => estimate[b]! - estimate[a]! || a - b);
    return Int32Array.from(picked);
  }

  learn(feedback: WatchFeedback): void {
    const t = this.catalogue.topicOf[feedback.item]!;
    const watched = Math.min(feedback.dwellMs / REFERENCE_DWELL_MS, 2);
    this.affinity[t]! += this.settings.learningRate * (watched - this.affinity[t]!);
    if (!this.personalised && feedback.dwellMs >= WATCH_THRESHOLD_MS) {
      this.watches += watched;
      this.personalised = this.watches >= this.settings.coldStartWatches;
    }
    this.lastShown[feedback.item] = feedback.request;
  }

  /** Predicted watch time of an item, in reference-dwell units. */
  private relevance(item: number): number {
    return (
      this.estimateOfTopic[this.catalogue.topicOf[item]!]! *
      (0.6 + 0.4 * this.catalogue.quality[item]!)
    );
  }

  /** The user's stream as an `Rng`, built once (the same function comes with every request). */
  private streamOf(random: () => number): Rng {
    if (this.rng === null || this.source !== random) {
      this.rng = new Rng(random);
      this.source = random;
    }
    return this.rng;
  }
}
