import { unreadableError } from '../validate/fail.js';
import { RebalanceError } from '../errors/RebalanceError.js';
import { joinPath } from '../errors/describe.js';
import type { Item } from './types.js';
import { LIMITS } from '../validate/limits.js';
import { CHECK_EMBEDDING, type EmbeddingSink } from './embeddingRows.js';
import { failAt as fail, sitePath, type ItemSite } from './itemSite.js';

export type { ItemSite } from './itemSite.js';

/**
 * A validated snapshot of an {@link Item}: every property read exactly once (so a getter cannot
 * answer differently later), checked, and copied into plain values.
 *
 * @internal
 */
export interface ItemView {
  readonly id: string;
  /** Topic ids as given (a list, or the keys of a confidence object). */
  readonly topics: readonly string[] | null;
  /** Confidence of each entry of `topics`, in [0, 1]; `null` when the item gave a list (1 each). */
  readonly confidences: readonly number[] | null;
  readonly hashtags: readonly string[] | null;
  readonly text: string | null;
  /**
   * Row of the embedding in the {@link EmbeddingSink} the item was read with, or −1 when the item
   * has none.
   */
  readonly embedding: number;
  /** The caller's object, returned as-is in results. */
  readonly source: Item;
}

/** Reads a property without letting a throwing getter escape as anything but a RebalanceError. */
function read(value: object, key: string, site: ItemSite): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch (cause) {
    throw unreadableError(site.code, site.api, joinPath(sitePath(site), key), cause);
  }
}

/**
 * Checks the length of a topic list; its entries are checked one by one with {@link checkTopic}.
 *
 * @internal
 */
export function checkTopicCount(raw: unknown[], site: ItemSite): void {
  if (raw.length > LIMITS.topicsPerItem)
    fail(site, 'topics', `must have at most ${LIMITS.topicsPerItem} entries`, raw);
}

/** Checks entry `index` of a topic list. @internal */
export function checkTopic(topic: unknown, index: number, site: ItemSite): asserts topic is string {
  if (typeof topic !== 'string' || topic.length === 0 || topic.length > LIMITS.termLength)
    fail(
      site,
      `topics[${index}]`,
      `must be a non-empty string of at most ${LIMITS.termLength} characters`,
      topic,
    );
}

function readTopicList(raw: unknown[], site: ItemSite): string[] {
  checkTopicCount(raw, site);
  const topics = new Array<string>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const topic: unknown = raw[i];
    checkTopic(topic, i, site);
    topics[i] = topic;
  }
  return topics;
}

/** Topics given as an object of confidences: keys and values, validated. @internal */
export function readTopicConfidences(
  raw: unknown,
  site: ItemSite,
): { topics: string[]; confidences: number[] } {
  if (typeof raw !== 'object' || raw === null)
    fail(site, 'topics', 'must be an array of topic ids or an object of confidences', raw);
  let keys: string[];
  try {
    keys = Object.keys(raw);
  } catch (cause) {
    throw unreadableError(site.code, site.api, joinPath(sitePath(site), 'topics'), cause);
  }
  if (keys.length > LIMITS.topicsPerItem)
    fail(site, 'topics', `must have at most ${LIMITS.topicsPerItem} entries`, raw);
  const confidences = new Array<number>(keys.length);
  const topicsSite = { api: site.api, code: site.code, path: joinPath(sitePath(site), 'topics') };
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const confidence = read(raw, key, topicsSite);
    if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1))
      fail(site, joinPath('topics', key), 'must be a confidence in [0, 1]', confidence);
    if (key.length === 0 || key.length > LIMITS.termLength)
      fail(
        site,
        'topics',
        `keys must be non-empty and at most ${LIMITS.termLength} characters`,
        key,
      );
    confidences[i] = confidence;
  }
  return { topics: keys, confidences };
}

/**
 * Checks that hashtags are a list of allowed length; its entries are checked one by one with
 * {@link checkHashtag}.
 *
 * @internal
 */
export function checkHashtagList(raw: unknown, site: ItemSite): asserts raw is unknown[] {
  if (!Array.isArray(raw)) fail(site, 'hashtags', 'must be an array of strings', raw);
  if (raw.length > LIMITS.hashtagsPerItem)
    fail(site, 'hashtags', `must have at most ${LIMITS.hashtagsPerItem} entries`, raw);
}

/** Checks entry `index` of a hashtag list. @internal */
export function checkHashtag(tag: unknown, index: number, site: ItemSite): asserts tag is string {
  if (typeof tag !== 'string' || tag.length > LIMITS.termLength)
    fail(
      site,
      `hashtags[${index}]`,
      `must be a string of at most ${LIMITS.termLength} characters`,
      tag,
    );
}

function readHashtags(raw: unknown, site: ItemSite): string[] {
  checkHashtagList(raw, site);
  const tags: string[] = new Array<string>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const tag: unknown = raw[i];
    checkHashtag(tag, i, site);
    tags[i] = tag;
  }
  return tags;
}

/** Checks an item's embedding and hands it to `sink`; returns the row `sink` gives it. @internal */
export function readEmbedding(raw: unknown, site: ItemSite, sink: EmbeddingSink): number {
  const isTyped = raw instanceof Float64Array || raw instanceof Float32Array;
  if (!isTyped && !Array.isArray(raw))
    fail(site, 'embedding', 'must be an array of numbers, a Float32Array or a Float64Array', raw);
  const source = raw as ArrayLike<unknown>;
  const length = source.length;
  if (length === 0 || length > LIMITS.embeddingLength)
    fail(site, 'embedding', `must have between 1 and ${LIMITS.embeddingLength} dimensions`, raw);
  return sink.add(source, length, site);
}

/**
 * Validates one untrusted item and returns its snapshot; throws a `RebalanceError` naming the
 * index and field of the first problem. The embedding, if any, goes to `embeddings` (by default
 * it is only checked: most APIs never use it).
 *
 * @internal
 */
export function readItem(
  value: unknown,
  site: ItemSite,
  embeddings: EmbeddingSink = CHECK_EMBEDDING,
): ItemView {
  checkItemObject(value, site);
  try {
    return readFields(value, site, embeddings);
  } catch (error) {
    if (error instanceof RebalanceError) throw error;
    unreadable(value, site, error);
  }
}

/** Checks that an item is an object (not null, not an array). @internal */
export function checkItemObject(value: unknown, site: ItemSite): asserts value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(site, '', 'must be an item object', value);
}

/**
 * Turns an error other than a `RebalanceError` thrown while reading an item — a getter or a
 * proxy trap threw — into a `RebalanceError` naming the field when one can be found.
 *
 * @internal
 */
export function unreadable(value: object, site: ItemSite, error: unknown): never {
  for (const key of ['id', 'topics', 'hashtags', 'text', 'embedding', 'score'])
    read(value, key, site);
  throw unreadableError(site.code, site.api, sitePath(site), error);
}

/**
 * Checks an item's id, text and score, in that order — the fields read before its topics.
 *
 * @internal
 */
export function checkScalars(
  id: unknown,
  text: unknown,
  score: unknown,
  site: ItemSite,
): asserts id is string {
  if (typeof id !== 'string' || id.length === 0 || id.length > LIMITS.idLength)
    fail(site, 'id', `must be a non-empty string of at most ${LIMITS.idLength} characters`, id);
  if (text !== undefined && (typeof text !== 'string' || text.length > LIMITS.textLength))
    fail(site, 'text', `must be a string of at most ${LIMITS.textLength} characters`, text);
  // The score is checked but not kept: the engine ranks by the host's order, not by score.
  if (score !== undefined && (typeof score !== 'number' || !Number.isFinite(score)))
    fail(site, 'score', 'must be a finite number', score);
}

function readFields(value: object, site: ItemSite, embeddings: EmbeddingSink): ItemView {
  // One destructuring reads each property exactly once.
  const { id, topics, hashtags, text, embedding, score } = value as Record<string, unknown>;
  checkScalars(id, text, score, site);
  // Topic lists are the common case and need no second object; confidence objects do.
  let topicIds: string[] | null = null;
  let confidences: number[] | null = null;
  if (Array.isArray(topics)) topicIds = readTopicList(topics, site);
  else if (topics !== undefined) {
    const labels = readTopicConfidences(topics, site);
    topicIds = labels.topics;
    confidences = labels.confidences;
  }
  return {
    id,
    topics: topicIds,
    confidences,
    // Absent fields are the usual case: no call for them.
    hashtags: hashtags === undefined ? null : readHashtags(hashtags, site),
    text: text === undefined ? null : (text as string),
    embedding: embedding === undefined ? -1 : readEmbedding(embedding, site, embeddings),
    source: value as Item,
  };
}
