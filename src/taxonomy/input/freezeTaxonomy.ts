import type { TaxonomyInput, TopicInput } from '../types.js';

function freezeTopics(topics: readonly TopicInput[] | undefined): void {
  if (topics === undefined) return;
  for (const topic of topics) {
    if (topic.terms !== undefined) Object.freeze(topic.terms);
    if (topic.tags !== undefined) Object.freeze(topic.tags);
    Object.freeze(topic);
  }
  Object.freeze(topics);
}

/**
 * Deep-freezes a taxonomy the library built itself (a preset, or the result of `extendTaxonomy`)
 * and returns it, so a shared value cannot be changed behind another caller's back.
 *
 * @param taxonomy - a taxonomy whose objects and arrays nobody else holds
 * @returns the same taxonomy, frozen all the way down
 * @internal
 */
export function freezeTaxonomy<T extends TaxonomyInput>(taxonomy: T): T {
  for (const group of taxonomy.groups) {
    freezeTopics(group.triggering);
    freezeTopics(group.recovery);
    Object.freeze(group);
  }
  Object.freeze(taxonomy.groups);
  return Object.freeze(taxonomy);
}
