import { type SamplerSettings, TopicSampler } from './TopicSampler.js';
import type { Recommender } from './types.js';

/**
 * The built-in per-user recommender (`'per-user'`): engagement-maximising, learning online from
 * one user's watch time only — it ranks by the user's own watch-time profile (see
 * `TopicSampler`).
 *
 * @param settings - the learning rate and the cold start
 * @returns the recommender
 * @internal
 */
export function perUserRecommender(settings: SamplerSettings): Recommender {
  return {
    name: 'per-user',
    forUser: (context) => new PerUserRecommender(context, settings),
  };
}

class PerUserRecommender extends TopicSampler {
  protected override prepare(): void {
    // The estimate is the profile itself (copied: `learn` keeps updating the profile).
    this.estimateOfTopic.set(this.affinity);
  }
}
