import type { Recommender } from '../types.js';
import { CollaborativeShard } from './CollaborativeShard.js';
import { FactorModel } from './FactorModel.js';
import { PRIOR, type SamplerSettings } from '../TopicSampler.js';

/**
 * The built-in collaborative recommender (`'collaborative'`) on one thread: matrix factorisation
 * trained online on the whole population's watches, in rounds. Every active user makes one feed
 * request; `endRound` folds each user's watches into their factor (in user order), refits the
 * item factors from the round, and hands the new factors to every user model. On worker threads
 * the runner splits the same steps: each thread folds its own users, the calling thread refits
 * and broadcasts (docs/simulation.md, "Recommenders").
 *
 * @param seed - the run's seed
 * @param topics - topics in the catalogue
 * @param users - population size
 * @param settings - the learning rate and the cold start
 * @returns the recommender
 * @internal
 */
export function collaborativeRecommender(
  seed: number,
  topics: number,
  users: number,
  settings: SamplerSettings,
): Recommender {
  const model = new FactorModel(seed, topics, users, PRIOR);
  const shard = new CollaborativeShard(model.snapshot, settings);
  return {
    name: 'collaborative',
    forUser: (context) => shard.forUser(context),
    endRound: () => {
      shard.setSnapshot(model.refit([shard.endRound()]));
    },
  };
}
