import type { Item } from '../../index.js';
import { deriveSeed, STREAM } from '../random/deriveSeed.js';
import { Rng } from '../random/Rng.js';
import { labelItem } from './labelItem.js';
import type { ResolvedLabels } from './labelModel.js';
import type { TopicSpec } from './topics.js';

/** Embedding dimensions of catalogue items. @internal */
export const EMBEDDING_DIMS = 16;

/**
 * The synthetic catalogue, as parallel typed arrays indexed by item (the simulator's hot loop
 * reads these) plus the `Item` objects handed to the library. No real user data or content.
 * Recommenders see it through `CatalogueView`, which leaves out the ground truth.
 *
 * @internal
 */
export interface Catalogue {
  readonly topics: readonly TopicSpec[];
  /** Topic ids, in topic order. */
  readonly topicIds: readonly string[];
  /** Items as the host sends them: id `i<index>`, labels, hashtags, embedding. */
  readonly items: readonly Item[];
  /** Topic index per item (the ground truth). */
  readonly topicOf: Int16Array;
  /** Production quality per item in [0.2, 1]: scales how much any viewer watches it. */
  readonly quality: Float64Array;
  /** 1 for triggering items (ground truth, whatever the labels say). */
  readonly harmful: Uint8Array;
  /** Item indices per topic. */
  readonly byTopic: readonly Int32Array[];
  /** Neighbour topic indices per topic ("more like this"). */
  readonly near: readonly Int16Array[];
  /** Share of exploration draws per topic: items × popularity, normalised to sum to 1. */
  readonly topicPopularity: Float64Array;
  /**
   * Share of a new account's popular feed per topic: items × popularity × the topic's
   * `popularFeedShare`, normalised to sum to 1.
   */
  readonly popularFeed: Float64Array;
  /** Indices of recovery topics. */
  readonly recoveryTopics: Int16Array;
}

/**
 * Builds the catalogue from the run's seed: topic centroids are random unit vectors pulled
 * towards their neighbours, items are their topic's centroid plus noise, so related content is
 * close in embedding space (eating-disorder recovery near fitness and cooking, thinspiration near
 * pro-ana and extreme dieting). The world stream draws the items; the labels come from a stream
 * of their own, so every label model labels the same items.
 *
 * @param seed - the run's seed
 * @param topics - the catalogue's topics
 * @param labels - how items are labelled for the policy
 * @returns the catalogue
 * @internal
 */
export function buildCatalogue(
  seed: number,
  topics: readonly TopicSpec[],
  labels: ResolvedLabels,
): Catalogue {
  const rng = new Rng(deriveSeed(seed, STREAM.world, 0));
  const labelRng = new Rng(deriveSeed(seed, STREAM.labels, 0));
  const topicIndex = new Map<string, number>();
  for (let t = 0; t < topics.length; t++) topicIndex.set(topics[t]!.id, t);
  const near = topics.map((topic) => Int16Array.from(topic.near.map((id) => topicIndex.get(id)!)));
  const centroids = topicCentroids(rng, near);

  let total = 0;
  for (const topic of topics) total += topic.items;
  const topicOf = new Int16Array(total);
  const quality = new Float64Array(total);
  const harmful = new Uint8Array(total);
  const items: Item[] = [];
  const byTopic: Int32Array[] = [];
  let index = 0;
  for (let t = 0; t < topics.length; t++) {
    const topic = topics[t]!;
    const members = new Int32Array(topic.items);
    for (let k = 0; k < topic.items; k++, index++) {
      members[k] = index;
      topicOf[index] = t;
      quality[index] = rng.between(0.2, 1);
      harmful[index] = topic.kind === 'triggering' ? 1 : 0;
      const embedding = new Float64Array(EMBEDDING_DIMS);
      for (let d = 0; d < EMBEDDING_DIMS; d++)
        embedding[d] = centroids[t]![d]! + 0.35 * rng.normal();
      const tag = rng.uniform();
      items.push(labelItem(index, t, topics, unit(embedding), tag, labels, labelRng));
    }
    byTopic.push(members);
  }
  const topicPopularity = new Float64Array(topics.length);
  let weight = 0;
  for (let t = 0; t < topics.length; t++) {
    topicPopularity[t] = topics[t]!.items * topics[t]!.popularity;
    weight += topicPopularity[t]!;
  }
  for (let t = 0; t < topics.length; t++) topicPopularity[t]! /= weight;
  const popularFeed = normalised(topicPopularity.map((p, t) => p * topics[t]!.popularFeedShare));
  const recoveryTopics = Int16Array.from(
    topics.flatMap((topic, t) => (topic.kind === 'recovery' ? [t] : [])),
  );
  return {
    topics,
    topicIds: topics.map((t) => t.id),
    items,
    topicOf,
    quality,
    harmful,
    byTopic,
    near,
    topicPopularity,
    popularFeed,
    recoveryTopics,
  };
}

function topicCentroids(rng: Rng, near: readonly Int16Array[]): Float64Array[] {
  const base = near.map(() =>
    unit(Float64Array.from({ length: EMBEDDING_DIMS }, () => rng.normal())),
  );
  return base.map((own, t) => {
    const blended = Float64Array.from(own);
    const neighbours = near[t]!;
    for (let n = 0; n < neighbours.length; n++) {
      const other = base[neighbours[n]!]!;
      for (let d = 0; d < EMBEDDING_DIMS; d++) blended[d]! += (0.6 * other[d]!) / neighbours.length;
    }
    return unit(blended);
  });
}

/** `weights` scaled to sum to 1 (all zero stays all zero). */
function normalised(weights: Float64Array): Float64Array {
  let sum = 0;
  for (let t = 0; t < weights.length; t++) sum += weights[t]!;
  if (sum > 0) for (let t = 0; t < weights.length; t++) weights[t]! /= sum;
  return weights;
}

function unit(vector: Float64Array): Float64Array {
  let norm = 0;
  for (let d = 0; d < vector.length; d++) norm += vector[d]! * vector[d]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let d = 0; d < vector.length; d++) vector[d]! *= scale;
  return vector;
}

/**
 * The catalogue index of an item id made by {@link buildCatalogue}, or -1 for any other id.
 *
 * @internal
 */
export function itemIndex(id: string, size: number): number {
  if (id.length < 2 || id.charCodeAt(0) !== 105 /* i */) return -1;
  const n = Number(id.slice(1));
  return Number.isInteger(n) && n >= 0 && n < size && `i${n}` === id ? n : -1;
}
