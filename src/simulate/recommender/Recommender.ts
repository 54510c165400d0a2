import type { Catalogue } from '../world/buildCatalogue.js';
import type { Rng } from '../random/Rng.js';
import { REFERENCE_DWELL_MS } from '../users/respondInPlace.js';

/** Candidates the recommender ranks and hands to the policy per feed request. @internal */
export const CANDIDATES = 30;

/** Share of candidate draws that explore by catalogue popularity instead of affinity. */
const EXPLORE = 0.15;
/** Share of affinity draws that hop to a neighbouring topic ("more like this"). */
const HOP = 0.25;
/** Sharpness of affinity-proportional sampling: weight ∝ affinity^3. */
const SHARPNESS = 3;
/** Learning rate of the per-topic watch-time estimate. */
const LEARNING_RATE = 0.15;
/** Affinity of a new account for every topic. */
const PRIOR = 0.3;
/** Triggering topics are niche: they weigh this much of their catalogue share in popularity. */
const NICHE = 0.7;
/** Spread of the ranker's multiplicative noise (log scale). */
const NOISE = 0.35;
/** Feed requests before an item may be recommended again. */
const REPEAT_AFTER = 30;

/**
 * An engagement-maximising recommender that learns online from watch time, one per user: it
 * keeps an estimate of the user's watch time per topic (an exponential moving average of dwell
 * in reference-dwell units), draws candidates in proportion to a sharpened estimate with some
 * exploration and "more like this" hops, and ranks them by predicted watch time. Nothing is
 * scripted: a user who lingers on triggering items teaches it to serve more, which is the
 * feedback loop behind rabbit holes (Jiang et al. 2019 on degenerate feedback loops).
 *
 * @internal
 */
export class Recommender {
  private readonly affinity: Float64Array;
  private readonly popularity: Float64Array;
  private readonly lastShown: Int32Array;
  private readonly weights: Float64Array;
  private readonly relevanceScratch: Float64Array;

  /**
   * @param catalogue - the catalogue
   * @param recoveryHistory - start from an account that already watched recovery content
   */
  constructor(
    private readonly catalogue: Catalogue,
    recoveryHistory: boolean,
  ) {
    const topics = catalogue.topics;
    this.affinity = new Float64Array(topics.length).fill(PRIOR);
    this.popularity = new Float64Array(topics.length);
    let total = 0;
    for (let t = 0; t < topics.length; t++) {
      const niche = topics[t]!.kind === 'triggering' ? NICHE : 1;
      this.popularity[t] = topics[t]!.items * niche;
      total += this.popularity[t]!;
      if (recoveryHistory && topics[t]!.kind === 'recovery') this.affinity[t] = 0.9;
    }
    for (let t = 0; t < topics.length; t++) this.popularity[t]! /= total;
    this.lastShown = new Int32Array(catalogue.topicOf.length).fill(-REPEAT_AFTER - 1);
    this.weights = new Float64Array(topics.length);
    this.relevanceScratch = new Float64Array(catalogue.topicOf.length);
  }

  /** Predicted watch time of an item, in reference-dwell units. */
  relevance(item: number): number {
    return (
      this.affinity[this.catalogue.topicOf[item]!]! * (0.6 + 0.4 * this.catalogue.quality[item]!)
    );
  }

  /** The ranker's noisy estimate for an item among the latest {@link Recommender.candidates}. */
  predicted(item: number): number {
    return this.relevanceScratch[item]!;
  }

  /**
   * Draws and ranks up to {@link CANDIDATES} distinct items not served in the last requests,
   * best first; ties go to the lower catalogue index.
   *
   * @param rng - the user's dynamics stream
   * @param request - the feed request's index
   * @returns catalogue indices, ranked
   */
  candidates(rng: Rng, request: number): Int32Array {
    const { byTopic, near } = this.catalogue;
    const topics = this.affinity.length;
    let sum = 0;
    for (let t = 0; t < topics; t++) {
      const a = this.affinity[t]!;
      this.weights[t] = this.popularity[t]! * a ** SHARPNESS;
      sum += this.weights[t]!;
    }
    const picked: number[] = [];
    for (let draw = 0; draw < CANDIDATES * 3 && picked.length < CANDIDATES; draw++) {
      let topic: number;
      if (rng.chance(EXPLORE)) {
        topic = pick(this.popularity, 1, rng.uniform());
      } else {
        topic = pick(this.weights, sum, rng.uniform());
        const hops = near[topic]!;
        if (hops.length > 0 && rng.chance(HOP)) topic = hops[rng.int(hops.length)]!;
      }
      const members = byTopic[topic]!;
      const item = members[rng.int(members.length)]!;
      if (request - this.lastShown[item]! <= REPEAT_AFTER || picked.includes(item)) continue;
      picked.push(item);
      // The ranker's estimate is noisy: pages mix topics instead of sorting them into blocks.
      this.relevanceScratch[item] = this.relevance(item) * Math.exp(NOISE * rng.normal());
    }
    const scratch = this.relevanceScratch;
    picked.sort((a, b) => scratch[b]! - scratch[a]! || a - b);
    return Int32Array.from(picked);
  }

  /** Learns from one impression: the served item and how long it was watched. */
  learn(item: number, dwellMs: number, request: number): void {
    const t = this.catalogue.topicOf[item]!;
    const watched = Math.min(dwellMs / REFERENCE_DWELL_MS, 2);
    this.affinity[t]! += LEARNING_RATE * (watched - this.affinity[t]!);
    this.lastShown[item] = request;
  }
}

/** Index drawn in proportion to `weights` (which sum to `sum`) for a uniform `u`. */
function pick(weights: Float64Array, sum: number, u: number): number {
  let target = u * sum;
  for (let t = 0; t < weights.length; t++) {
    target -= weights[t]!;
    if (target < 0) return t;
  }
  return weights.length - 1;
}
