import type { ItemView } from '../item/readItem.js';
import type { ItemClassification, ResolvedTaxonomy, TopicRef } from './resolved.js';

/**
 * Scratch space of {@link classifyItem} for removing duplicate topics in constant time: per
 * topic, the call stamp that last saw it and where it was put. Never part of a result; each
 * rebalancer keeps one in its workspace.
 *
 * @internal
 */
export interface ClassifyScratch {
  readonly stamps: Uint32Array;
  readonly slots: Int32Array;
  clock: number;
}

/** A scratch space for the topics of `tax`. @internal */
export function createClassifyScratch(tax: ResolvedTaxonomy): ClassifyScratch {
  const topics = tax.topicIds.length;
  return { stamps: new Uint32Array(topics), slots: new Int32Array(topics), clock: 0 };
}

/**
 * Classifies one validated item: topic confidences come from `item.topics` (a list gives 1 each);
 * a hashtag or a text match gives its topic confidence 1; a topic's confidence is the highest of
 * these, and a group's the highest over its topics, per role. Topics the taxonomy does not know
 * are ignored. Runs for every candidate of every request: an item without hashtags or text costs
 * one `Map` lookup per topic, and an item that matches nothing allocates nothing.
 *
 * @param tax - the resolved taxonomy
 * @param item - the validated item
 * @param scratch - the caller's scratch space for `tax` (a new one when omitted)
 * @returns per-group confidences and the known topics; shared and read-only when nothing matched
 * @internal
 */
export function classifyItem(
  tax: ResolvedTaxonomy,
  item: Pick<ItemView, 'topics' | 'confidences' | 'hashtags' | 'text'>,
  scratch?: ClassifyScratch,
): ItemClassification {
  const { topics, confidences: given, hashtags, text } = item;
  const tags = tax.hasTerms && hashtags !== null && hashtags.length > 0 ? hashtags : null;
  const scan = tax.hasTerms && text !== null && text !== '' ? text : null;
  if ((topics === null || topics.length === 0) && tags === null && scan === null) return tax.none;

  const space = scratch ?? createClassifyScratch(tax);
  // A fresh stamp per call marks the topics seen by this call, so nothing needs clearing.
  if (space.clock === 0xffffffff) {
    space.stamps.fill(0);
    space.clock = 0;
  }
  const stamp = ++space.clock;
  const found: number[] = [];
  const confidences: number[] = [];
  if (topics !== null) {
    for (let t = 0; t < topics.length; t++) {
      const confidence = given === null ? 1 : given[t]!;
      if (confidence > 0)
        note(tax.lookup.get(topics[t]!), confidence, stamp, space, found, confidences);
    }
  }
  if (tags !== null) {
    for (let i = 0; i < tags.length; i++) {
      const ids = tax.matcher.matchTag(tags[i]!);
      for (let j = 0; j < ids.length; j++)
        note(tax.topics.get(ids[j]!), 1, stamp, space, found, confidences);
    }
  }
  if (scan !== null) {
    const ids = tax.matcher.scanText(scan);
    for (let j = 0; j < ids.length; j++)
      note(tax.topics.get(ids[j]!), 1, stamp, space, found, confidences);
  }
  if (found.length === 0) return tax.none;

  const groupCount = tax.groupIds.length;
  const triggering = new Float64Array(groupCount);
  const recovery = new Float64Array(groupCount);
  for (let k = 0; k < found.length; k++) {
    const ref = tax.topicRefs[found[k]!]!;
    const perGroup = ref.recovery ? recovery : triggering;
    if (confidences[k]! > perGroup[ref.group]!) perGroup[ref.group] = confidences[k]!;
  }
  return { triggering, recovery, topics: found, confidences };
}

/** Records a topic once, keeping its highest confidence; unknown topics (`ref` undefined) are ignored. */
function note(
  ref: TopicRef | undefined,
  confidence: number,
  stamp: number,
  space: ClassifyScratch,
  found: number[],
  confidences: number[],
): void {
  if (ref === undefined) return;
  const { stamps, slots } = space;
  if (stamps[ref.index] === stamp) {
    const slot = slots[ref.index]!;
    if (confidence > confidences[slot]!) confidences[slot] = confidence;
    return;
  }
  stamps[ref.index] = stamp;
  slots[ref.index] = found.length;
  found.push(ref.index);
  confidences.push(confidence);
}
