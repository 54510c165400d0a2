import { TopicSampler } from './TopicSampler.js';
import type { Recommender } from './types.js';

/**
 * The built-in per-user recommender (`'per-user'`): engagement-maximising, learning online from
 * one user's watch time only — it ranks by the user's own watch-time profile (see
 * `TopicSampler`).
 *
 * @param learningRate - weight of each impression in the profile of its topic
 * @returns the recommender
 * @internal
 */
export function perUserRecommender(learningRate: number): Recommender {
  return {
    name: 'per-user',
    forUser: (context) => new PerUserRecommender(context, learningRate),
  };
}

class PerUserRecommender extends TopicSampler {
  protected override prepare(): void {
    // The estimate is the profile itself (copied: `learn` keeps updating the profile).
    this.estimateOfTopic.set(this.affinity);
  }
}
