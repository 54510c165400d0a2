import { RebalanceError } from '../errors/RebalanceError.js';
import {
  checkHashtag,
  checkHashtagList,
  checkItemObject,
  checkScalars,
  checkTopic,
  checkTopicCount,
  readEmbedding,
  readTopicConfidences,
  unreadable,
  type ItemSite,
  type ItemView,
} from '../item/readItem.js';
import type { EmbeddingSink } from '../item/embeddingRows.js';
import type { Item } from '../item/types.js';
import type { ResolvedTaxonomy, TopicRef } from './resolved.js';
import type { TopicLookup } from './TopicLookup.js';

/** What an {@link ItemMarker} marks and keeps. @internal */
export interface MarkOptions {
  readonly taxonomy: ResolvedTaxonomy;
  /**
   * Per group index, the confidence at which a topic of the group counts for it (the group's
   * `minConfidence`).
   */
  readonly minConfidence: Float64Array;
  /** Whether to mark at all (a request that asks nothing of any group does not). */
  readonly classify: boolean;
  /** Whether to keep each item's snapshot (`ItemMarker.view`). */
  readonly keepViews: boolean;
}

/**
 * Reads untrusted items one after another and marks the groups each counts for: every field is
 * checked as `readItem` checks it (same rules, same order, same errors), and each topic,
 * hashtag and text is matched while it is checked. Nothing is copied that is not kept, so an
 * item costs no allocation unless its snapshot is asked for (`keepViews`) — `rebalance` reads
 * every candidate and `observe` every impression this way.
 *
 * Marks go to row-major flag arrays (`row` is the item's offset, `group` its column): a group's
 * triggering flag is set when one of its triggering topics reaches the group's confidence
 * threshold, by a listed topic or by a hashtag or text match (confidence 1); likewise its
 * recovery flag. This is what `classifyItem` followed by a threshold gives, without building the
 * classification. When a `confidence` array is given (observe, for detectors that count
 * confidences), it also receives each group's confidence: the highest of the item's triggering
 * topics of the group, thresholds aside (1 for a listed topic or a term match, 0 for none).
 *
 * @internal
 */
export class ItemMarker {
  /** The last item's embedding row in the sink, or −1. */
  embedding = -1;
  /** The last item's triggering groups as a bit mask (meaningful up to 31 groups). */
  mask = 0;
  /** The last item's snapshot, when snapshots are kept. */
  view: ItemView | null = null;
  private readonly groups: number;
  /** The lowest group threshold: a confidence below it marks nothing. */
  private readonly lowest: number;
  // The options every item asks about, read once per list rather than once per item.
  private readonly classify: boolean;
  private readonly keepViews: boolean;
  /** Whether hashtags and text are matched: classifying, with a taxonomy that has terms. */
  private readonly match: boolean;
  private readonly lookup: TopicLookup<TopicRef>;
  /** Set while a term matcher runs, so that its own errors pass through unchanged. */
  private inMatcher = false;
  /** Whether the item being read (or last read) has set any mark. */
  private marked = false;

  /**
   * @param options - what to mark and keep
   * @param site - where the items sit, for errors (its `index` is the caller's to move)
   * @param embeddings - where embeddings go
   * @param triggering - triggering flags, row-major by group
   * @param recovery - recovery flags, row-major by group
   * @param confidence - triggering confidences, row-major by group, or `null` (flags only)
   */
  constructor(
    private readonly options: MarkOptions,
    private readonly site: ItemSite,
    private readonly embeddings: EmbeddingSink,
    private readonly triggering: Uint8Array,
    private readonly recovery: Uint8Array,
    private readonly confidence: Float64Array | null = null,
  ) {
    this.groups = options.taxonomy.groupIds.length;
    let lowest = Infinity;
    for (let g = 0; g < this.groups; g++) lowest = Math.min(lowest, options.minConfidence[g]!);
    this.lowest = lowest;
    this.classify = options.classify;
    this.keepViews = options.keepViews;
    this.match = options.classify && options.taxonomy.hasTerms;
    this.lookup = options.taxonomy.lookup;
  }

  /** Checks `value`, marks its groups at `row`, and returns its id. */
  read(value: unknown, row: number): string {
    this.marked = false;
    checkItemObject(value, this.site);
    try {
      return this.fields(value, row);
    } catch (error) {
      if (error instanceof RebalanceError) throw error;
      if (this.inMatcher) {
        this.inMatcher = false;
        throw error;
      }
      unreadable(value, this.site, error);
    }
  }

  /** Clears the marks of the item last read, at `row` (an item left out after it was marked). */
  clear(row: number): void {
    if (!this.marked) return;
    // A loop: a row has a handful of groups, fewer than a `fill` call costs.
    for (let g = row; g < row + this.groups; g++) {
      this.triggering[g] = 0;
      this.recovery[g] = 0;
    }
    const confidence = this.confidence;
    if (confidence !== null) for (let g = row; g < row + this.groups; g++) confidence[g] = 0;
    this.marked = false;
  }

  private fields(value: object, row: number): string {
    // One destructuring reads each property exactly once.
    const { id, topics, hashtags, text, embedding, score } = value as Record<string, unknown>;
    const site = this.site;
    checkScalars(id, text, score, site);
    // The usual candidate — a list of topics to mark, nothing to match, embed or keep — has a
    // loop of its own, short enough for the compiler to inline into the loop over the list
    // (reading 500 candidates costs about 2% less than through the general path below).
    if (
      Array.isArray(topics) &&
      hashtags === undefined &&
      text === undefined &&
      embedding === undefined &&
      this.classify &&
      !this.keepViews
    ) {
      checkTopicCount(topics, site);
      let mask = 0;
      for (let t = 0; t < topics.length; t++) {
        const topic: unknown = topics[t];
        checkTopic(topic, t, site);
        mask |= this.mark(topic, row);
      }
      this.mask = mask;
      this.embedding = -1;
      return id;
    }
    return this.anyFields(value, row, id, topics, hashtags, text, embedding);
  }

  /** The fields after the scalars of any item: topics of either form, hashtags, embedding, text. */
  private anyFields(
    value: object,
    row: number,
    id: string,
    topics: unknown,
    hashtags: unknown,
    text: unknown,
    embedding: unknown,
  ): string {
    const { site, classify, keepViews } = this;
    let mask = 0;
    let topicIds: string[] | null = null;
    let confidences: number[] | null = null;
    if (Array.isArray(topics)) {
      // The common case: each topic is checked and looked up as it is read.
      checkTopicCount(topics, site);
      if (keepViews) topicIds = new Array<string>(topics.length);
      for (let t = 0; t < topics.length; t++) {
        const topic: unknown = topics[t];
        checkTopic(topic, t, site);
        if (topicIds !== null) topicIds[t] = topic;
        if (classify) mask |= this.mark(topic, row);
      }
    } else if (topics !== undefined) {
      const labels = readTopicConfidences(topics, site);
      topicIds = labels.topics;
      confidences = labels.confidences;
      if (classify) mask = this.markConfidences(topicIds, confidences, row);
    }
    // Hashtags and text only mark when the taxonomy has terms to match; a match counts with
    // confidence 1, which reaches any threshold.
    const match = this.match;
    let tags: string[] | null = null;
    if (hashtags !== undefined) {
      checkHashtagList(hashtags, site);
      if (keepViews) tags = new Array<string>(hashtags.length);
      for (let i = 0; i < hashtags.length; i++) {
        const tag: unknown = hashtags[i];
        checkHashtag(tag, i, site);
        if (tags !== null) tags[i] = tag;
        if (match) mask |= this.markTerms(tag, false, row);
      }
    }
    this.embedding = embedding === undefined ? -1 : readEmbedding(embedding, site, this.embeddings);
    const words = text === undefined ? null : (text as string);
    if (match && words !== null && words !== '') mask |= this.markTerms(words, true, row);
    this.mask = mask;
    if (keepViews)
      this.view = {
        id,
        topics: topicIds,
        confidences,
        hashtags: tags,
        text: words,
        embedding: this.embedding,
        source: value as Item,
      };
    return id;
  }

  /** Marks the group of a listed topic (confidence 1); returns its bit when it is triggering. */
  private mark(topic: string, row: number): number {
    return this.markRef(this.lookup.get(topic), row);
  }

  /** Marks the groups of topics given with confidences, each at its group's threshold. */
  private markConfidences(
    topics: readonly string[],
    confidences: readonly number[],
    row: number,
  ): number {
    const { lookup } = this.options.taxonomy;
    const thresholds = this.options.minConfidence;
    const confidence = this.confidence;
    // Without a confidence row only a topic that reaches some threshold can mark: the lookup is
    // skipped for the others, as rebalance needs only flags.
    const floor = confidence === null ? this.lowest : Number.MIN_VALUE;
    let mask = 0;
    for (let t = 0; t < topics.length; t++) {
      const c = confidences[t]!;
      if (c < floor) continue;
      const ref = lookup.get(topics[t]!);
      if (ref === undefined) continue;
      if (c >= thresholds[ref.group]!) mask |= this.markRef(ref, row, c);
      else if (confidence !== null && !ref.recovery) {
        const at = row + ref.group;
        if (c > confidence[at]!) confidence[at] = c;
        this.marked = true;
      }
    }
    return mask;
  }

  private markRef(ref: TopicRef | undefined, row: number, c = 1): number {
    if (ref === undefined) return 0;
    this.marked = true;
    if (ref.recovery) {
      this.recovery[row + ref.group] = 1;
      return 0;
    }
    const at = row + ref.group;
    this.triggering[at] = 1;
    const confidence = this.confidence;
    if (confidence !== null && c > confidence[at]!) confidence[at] = c;
    return 1 << ref.group;
  }

  /** Marks the topics the matcher finds in a hashtag or a text. */
  private markTerms(term: string, isText: boolean, row: number): number {
    const matcher = this.options.taxonomy.matcher;
    this.inMatcher = true;
    const ids = isText ? matcher.scanText(term) : matcher.matchTag(term);
    this.inMatcher = false;
    // A matcher is the host's code: what it returns is looked up, never assumed to be a string.
    const topics = this.options.taxonomy.topics;
    let mask = 0;
    for (let j = 0; j < ids.length; j++) mask |= this.markRef(topics.get(ids[j]!), row);
    return mask;
  }
}
