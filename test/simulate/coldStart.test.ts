import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { perUserRecommender } from '../../src/simulate/recommender/perUserRecommender.js';
import type { RecommenderContext } from '../../src/simulate/recommender/types.js';
import { Rng } from '../../src/simulate/random/Rng.js';
import { buildCatalogue } from '../../src/simulate/world/buildCatalogue.js';
import { resolveCatalogue } from '../../src/simulate/world/resolveCatalogue.js';
import { resolveLabels } from '../../src/simulate/world/labelModel.js';
import { completeTopic, DEFAULT_CATALOGUE } from '../../src/simulate/world/topics.js';

const LABELS = resolveLabels('test', 'topics');

/** The default catalogue with every triggering topic keeping `share` of its reach in the popular feed. */
function catalogueWith(share: number) {
  const topics = DEFAULT_CATALOGUE.topics.map((t) =>
    completeTopic(t.kind === 'triggering' ? { ...t, popularFeedShare: share } : t),
  );
  return buildCatalogue(3, topics, LABELS);
}

const catalogue = catalogueWith(0.4);
const fitness = catalogue.topicIds.indexOf('fitness');

/** Candidate sets (sorted) of `requests` feed requests, after `watches` long watches of fitness items. */
function candidateSets(
  coldStartWatches: number,
  watches: number,
  seed: number,
  recoveryHistory = false,
  requests = 3,
): number[][] {
  const context: RecommenderContext = { catalogue, user: 0, recoveryHistory, candidates: 30 };
  const user = perUserRecommender({ learningRate: 0.5, coldStartWatches }).forUser(context);
  const members = catalogue.byTopic[fitness]!;
  // Watched long ago, so that the no-repeat window does not keep these items out of the draws.
  for (let k = 0; k < watches; k++)
    user.learn({ item: members[k % members.length]!, dwellMs: 20_000, request: -1_000 });
  const random = new Rng(seed).source;
  const sets: number[][] = [];
  for (let request = 1; request <= requests; request++)
    sets.push(Array.from(user.candidates({ request, random })).sort((a, b) => a - b));
  return sets;
}

describe('popular feed and cold start', () => {
  it('buildCatalogue gives a popular feed that sums to 1 and thins triggering topics by their popularFeedShare, and only them', () => {
    const full = catalogueWith(1);
    const none = catalogueWith(0);
    const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    for (const c of [catalogue, full, none]) expect(sum(c.popularFeed)).toBeCloseTo(1, 12);
    // Keeping all of its reach, the popular feed is the exploration distribution.
    full.topicPopularity.forEach((p, t) => {
      expect(full.popularFeed[t]).toBeCloseTo(p, 12);
    });
    // Thinned, the ratio popular feed / exploration is the same for every topic of a kind, and
    // triggering topics keep 0.4 of the ordinary topics' ratio.
    const ratio = (t: number) => catalogue.popularFeed[t]! / catalogue.topicPopularity[t]!;
    const ordinary = ratio(fitness);
    catalogue.topics.forEach((topic, t) => {
      expect(ratio(t)).toBeCloseTo(topic.kind === 'triggering' ? 0.4 * ordinary : ordinary, 12);
    });
    none.topics.forEach((topic, t) => {
      if (topic.kind === 'triggering') expect(none.popularFeed[t]).toBe(0);
    });
  });

  it("during a new account's cold start its watches do not change which candidates are drawn; once it is over, they do", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 8 }),
        (seed, watches) => {
          // 2 reference watches per 20-second watch: `watches` of them stay under a cold start of 20.
          expect(candidateSets(20, watches, seed)).toEqual(candidateSets(20, 0, seed));
        },
      ),
      { numRuns: 25 },
    );
    // Twenty long fitness watches end a cold start of 20 and pull the draws towards fitness.
    const seeds = [1, 2, 3, 4, 5];
    const changed = seeds.filter(
      (seed) =>
        JSON.stringify(candidateSets(20, 20, seed)) !== JSON.stringify(candidateSets(20, 0, seed)),
    );
    expect(changed).toEqual(seeds);
  });

  it('an account with a recovery history, or a cold start of 0, is personalised from its first request', () => {
    for (const seed of [1, 2, 3]) {
      expect(JSON.stringify(candidateSets(1_000, 5, seed, true))).not.toBe(
        JSON.stringify(candidateSets(1_000, 0, seed, true)),
      );
      expect(JSON.stringify(candidateSets(0, 5, seed))).not.toBe(
        JSON.stringify(candidateSets(0, 0, seed)),
      );
    }
  });

  it('resolveCatalogue takes popularFeedShare in [0, 1] and rejects anything else with the path of the field', () => {
    const topics = DEFAULT_CATALOGUE.topics.map((t) => ({ ...t }));
    const k = topics.findIndex((t) => t.id === 'suicide');
    topics[k] = { ...topics[k]!, popularFeedShare: 0.25 };
    expect(resolveCatalogue('test', { topics })[k]!.popularFeedShare).toBe(0.25);
    for (const bad of [-0.1, 1.5, Number.NaN, '0.5']) {
      topics[k] = { ...topics[k], popularFeedShare: bad as number };
      try {
        resolveCatalogue('test', { topics });
        expect.unreachable(`popularFeedShare ${String(bad)} was accepted`);
      } catch (error) {
        expect(error).toBeInstanceOf(RebalanceError);
        expect((error as RebalanceError).path).toBe(`catalogue.topics[${k}].popularFeedShare`);
      }
    }
  });
});
