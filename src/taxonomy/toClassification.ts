import type { Classification } from './types.js';
import type { ItemClassification } from './resolved.js';
import type { ResolvedTaxonomy } from './resolved.js';

/**
 * Turns the compact result of `classifyItem` into the public {@link Classification}: frozen
 * null-prototype objects keyed by group and topic id (so an id such as `__proto__` is an ordinary
 * key and never reaches `Object.prototype`), holding only the non-zero confidences.
 *
 * @param tax - the taxonomy the result was computed with
 * @param result - what `classifyItem` returned
 * @returns the public classification
 * @internal
 */
export function toClassification(
  tax: ResolvedTaxonomy,
  result: ItemClassification,
): Classification {
  const triggering = Object.create(null) as Record<string, number>;
  const recovery = Object.create(null) as Record<string, number>;
  const topics = Object.create(null) as Record<string, number>;
  const groupCount = tax.groupIds.length;
  for (let g = 0; g < groupCount; g++) {
    const t = result.triggering[g]!;
    if (t > 0) triggering[tax.groupIds[g]!] = t;
    const r = result.recovery[g]!;
    if (r > 0) recovery[tax.groupIds[g]!] = r;
  }
  for (let k = 0; k < result.topics.length; k++) {
    const confidence = result.confidences[k]!;
    if (confidence > 0) topics[tax.topicIds[result.topics[k]!]!] = confidence;
  }
  return Object.freeze({
    triggering: Object.freeze(triggering),
    recovery: Object.freeze(recovery),
    topics: Object.freeze(topics),
  });
}
