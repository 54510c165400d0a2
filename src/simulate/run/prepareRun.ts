import { createRebalancer, presets } from '../../index.js';
import { collaborativeRecommender } from '../recommender/collaborative/collaborativeRecommender.js';
import { perUserRecommender } from '../recommender/perUserRecommender.js';
import type { Recommender } from '../recommender/types.js';
import { buildCatalogue, type Catalogue } from '../world/buildCatalogue.js';
import { rerankerPolicy } from './rerankerPolicy.js';
import { NO_PARTS, type RunParts, type RunSpec } from './RunSpec.js';
import type { FeedPolicy } from './servePage.js';

/**
 * A run ready to simulate users on one thread: its spec, policy, catalogue and recommender.
 *
 * @internal
 */
export interface PreparedRun {
  readonly spec: RunSpec;
  readonly policy: FeedPolicy;
  readonly catalogue: Catalogue;
  readonly recommender: Recommender;
}

/**
 * Builds what a thread needs to simulate users of a run. The catalogue comes from the run's
 * seed, so every thread builds the same one; the policy under test is the public facade built
 * with the default taxonomy (or the re-ranker of `parts`).
 *
 * @param spec - the run
 * @param parts - a recommender or re-ranker object, on the calling thread
 * @param recommender - the recommender to use instead (a worker's shard of a population model)
 * @returns the run with its policy, catalogue and recommender
 * @internal
 */
export function prepareRun(
  spec: RunSpec,
  parts: RunParts = NO_PARTS,
  recommender?: Recommender,
): PreparedRun {
  const catalogue = buildCatalogue(spec.seed, spec.topics, spec.labels);
  const rebalancer = makeFeedPolicy(spec);
  return {
    spec,
    catalogue,
    policy: parts.rerank === null ? rebalancer : rerankerPolicy(rebalancer, parts.rerank),
    recommender:
      recommender ??
      parts.recommender ??
      (spec.builtin === 'collaborative'
        ? collaborativeRecommender(spec.seed, spec.topics.length, spec.users, spec.sampler)
        : perUserRecommender(spec.sampler)),
  };
}

/**
 * The policy under test as the simulator drives it: the public facade, configured with the
 * default taxonomy.
 *
 * @internal
 */
export function makeFeedPolicy(spec: Pick<RunSpec, 'policy'>): FeedPolicy {
  return createRebalancer({ taxonomy: presets.taxonomies.default, policy: spec.policy });
}
