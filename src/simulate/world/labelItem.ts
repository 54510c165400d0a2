import type { Item } from '../../index.js';
import type { Rng } from '../random/Rng.js';
import type { ResolvedLabels } from './labelModel.js';
import type { TopicSpec } from './topics.js';

/**
 * One catalogue item as the host sends it to the library, labelled under the scenario's label
 * model (see `LabelModel`). `tag` is the world stream's uniform draw that picks the hashtag, so
 * the world stream advances the same way under every label model.
 *
 * @internal
 */
export function labelItem(
  index: number,
  t: number,
  topics: readonly TopicSpec[],
  embedding: Float64Array,
  tag: number,
  labels: ResolvedLabels,
  rng: Rng,
): Item {
  const topic = topics[t]!;
  const id = `i${index}`;
  const pick = (tags: readonly string[]): string => `#${tags[Math.floor(tag * tags.length)]!}`;
  if (labels.exact)
    return Object.freeze({ id, topics: [topic.id], hashtags: [pick(topic.hashtags)], embedding });
  // A fixed number of draws per item whatever the outcome, so one item's labels never shift
  // another's.
  const evasiveDraw = rng.uniform();
  const borderlineDraw = rng.uniform();
  const recallDraw = rng.uniform();
  const confidenceDraw = rng.uniform();
  const missDraw = rng.uniform();
  const multiDraw = rng.uniform();
  const nearDraw = rng.uniform();
  const nearConfidence = rng.uniform();
  const confidences: Record<string, number> = Object.create(null) as Record<string, number>;
  let hashtags: string[];
  let changed = false;
  if (topic.kind === 'triggering') {
    if (evasiveDraw < labels.evasive)
      return Object.freeze({ id, hashtags: [pick(topic.evasive)], embedding });
    let c = borderlineDraw < labels.borderline ? 0.3 + 0.5 * confidenceDraw : 1;
    const recall = labels.recall.get(topic.group!) ?? labels.defaultRecall;
    if (recallDraw >= recall) c = Math.min(c, 0.05 + 0.45 * missDraw);
    confidences[topic.id] = c;
    // The label is the classifier's: a taxonomy hashtag would let the matcher see past a miss.
    hashtags = [];
    changed = true;
  } else {
    confidences[topic.id] = 1;
    hashtags = [pick(topic.hashtags)];
    if (topic.kind === 'ordinary')
      changed = falsePositives(triggeringGroups(topics), labels, rng, confidences);
  }
  if (multiDraw < labels.multiLabel && topic.near.length > 0) {
    const other = topic.near[Math.floor(nearDraw * topic.near.length)]!;
    confidences[other] = Math.max(confidences[other] ?? 0, 0.3 + 0.6 * nearConfidence);
    changed = true;
  }
  // Items the classifier labels exactly look as under exact labels.
  if (!changed) return Object.freeze({ id, topics: [topic.id], hashtags, embedding });
  return Object.freeze({ id, topics: { ...confidences }, hashtags, embedding });
}

/** Triggering topic ids per group, groups in order of first appearance; computed once per list. */
const groupsCache = new WeakMap<
  readonly TopicSpec[],
  readonly (readonly [string, readonly string[]])[]
>();

function triggeringGroups(
  topics: readonly TopicSpec[],
): readonly (readonly [string, readonly string[]])[] {
  let groups = groupsCache.get(topics);
  if (groups === undefined) {
    const map = new Map<string, string[]>();
    for (const topic of topics) {
      if (topic.kind !== 'triggering') continue;
      const list = map.get(topic.group!);
      if (list === undefined) map.set(topic.group!, [topic.id]);
      else list.push(topic.id);
    }
    groups = [...map];
    groupsCache.set(topics, groups);
  }
  return groups;
}

/**
 * Three draws per triggering group (chance, which topic, confidence), whatever the outcome;
 * returns whether any false positive was added.
 */
function falsePositives(
  groups: readonly (readonly [string, readonly string[]])[],
  labels: ResolvedLabels,
  rng: Rng,
  confidences: Record<string, number>,
): boolean {
  let added = false;
  for (const [group, members] of groups) {
    const chance = rng.uniform();
    const which = rng.uniform();
    const confidence = rng.uniform();
    const rate = labels.falsePositiveRate.get(group) ?? labels.defaultFalsePositiveRate;
    if (chance < rate) {
      const fake = members[Math.floor(which * members.length)]!;
      confidences[fake] = 0.5 + 0.4 * confidence;
      added = true;
    }
  }
  return added;
}
