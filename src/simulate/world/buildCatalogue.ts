import type { Item } from '../../item/types.js';
import { Rng } from '../random/Rng.js';
import { TOPICS, type TopicSpec } from './topics.js';

/** Embedding dimensions of catalogue items. @internal */
export const EMBEDDING_DIMS = 16;

/**
 * The synthetic catalogue, as parallel typed arrays indexed by item (the simulator's hot loop
 * reads these) plus the `Item` objects handed to the library. No real user data or content.
 *
 * @internal
 */
export interface Catalogue {
  readonly topics: readonly TopicSpec[];
  /** Items as the host sends them: id `i<index>`, topic (unless evasive), hashtags, embedding. */
  readonly items: readonly Item[];
  /** Topic index per item. */
  readonly topicOf: Int16Array;
  /** Production quality per item in [0.2, 1]: scales how much any viewer watches it. */
  readonly quality: Float64Array;
  /** 1 for triggering items (ground truth, whatever the labels say). */
  readonly harmful: Uint8Array;
  /** Item indices per topic. */
  readonly byTopic: readonly Int32Array[];
  /** Neighbour topic indices per topic ("more like this"). */
  readonly near: readonly Int16Array[];
  /** Indices of recovery topics. */
  readonly recoveryTopics: Int16Array;
}

/**
 * Builds the catalogue from the world stream: topic centroids are random unit vectors pulled
 * towards their neighbours, items are their topic's centroid plus noise, so related content is
 * close in embedding space (eating-disorder recovery near fitness and cooking, thinspiration near
 * pro-ana and extreme dieting).
 *
 * @param seed - the world seed (from `deriveSeed(seed, STREAM.world, 0)`)
 * @param labels - `evasive` labels triggering items only by evasive hashtags, without topics
 * @returns the catalogue
 * @internal
 */
export function buildCatalogue(seed: number, labels: 'topics' | 'evasive'): Catalogue {
  const rng = new Rng(seed);
  const topicIndex = new Map<string, number>();
  for (let t = 0; t < TOPICS.length; t++) topicIndex.set(TOPICS[t]!.id, t);
  const near = TOPICS.map((topic) => Int16Array.from(topic.near.map((id) => topicIndex.get(id)!)));
  const centroids = topicCentroids(rng, near);

  let total = 0;
  for (const topic of TOPICS) total += topic.items;
  const topicOf = new Int16Array(total);
  const quality = new Float64Array(total);
  const harmful = new Uint8Array(total);
  const items: Item[] = [];
  const byTopic: Int32Array[] = [];
  let index = 0;
  for (let t = 0; t < TOPICS.length; t++) {
    const topic = TOPICS[t]!;
    const members = new Int32Array(topic.items);
    for (let k = 0; k < topic.items; k++, index++) {
      members[k] = index;
      topicOf[index] = t;
      quality[index] = rng.between(0.2, 1);
      harmful[index] = topic.kind === 'triggering' ? 1 : 0;
      items.push(makeItem(rng, index, topic, centroids[t]!, labels));
    }
    byTopic.push(members);
  }
  const recoveryTopics = Int16Array.from(
    TOPICS.flatMap((topic, t) => (topic.kind === 'recovery' ? [t] : [])),
  );
  return { topics: TOPICS, items, topicOf, quality, harmful, byTopic, near, recoveryTopics };
}

function topicCentroids(rng: Rng, near: readonly Int16Array[]): Float64Array[] {
  const base = TOPICS.map(() =>
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

function makeItem(
  rng: Rng,
  index: number,
  topic: TopicSpec,
  centroid: Float64Array,
  labels: 'topics' | 'evasive',
): Item {
  const embedding = new Float64Array(EMBEDDING_DIMS);
  for (let d = 0; d < EMBEDDING_DIMS; d++) embedding[d] = centroid[d]! + 0.35 * rng.normal();
  const evasive = labels === 'evasive' && topic.kind === 'triggering';
  const tags = evasive ? topic.evasive : topic.hashtags;
  const hashtag = `#${tags[rng.int(tags.length)]!}`;
  const id = `i${index}`;
  return Object.freeze(
    evasive
      ? { id, hashtags: [hashtag], embedding: unit(embedding) }
      : { id, topics: [topic.id], hashtags: [hashtag], embedding: unit(embedding) },
  );
}

function unit(vector: Float64Array): Float64Array {
  let norm = 0;
  for (let d = 0; d < vector.length; d++) norm += vector[d]! * vector[d]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let d = 0; d < vector.length; d++) vector[d]! *= scale;
  return vector;
}

/**
 * The catalogue index of an item id made by {@link buildCatalogue}.
 *
 * @internal
 */
export function itemIndex(id: string): number {
  return Number.parseInt(id.slice(1), 10);
}
