import type { GroupInput, TaxonomyInput, TopicInput } from '../types.js';
import { freezeTaxonomy } from './freezeTaxonomy.js';
import type { PlainGroup, PlainTopic } from './readTaxonomy.js';

function buildTopic(topic: PlainTopic): TopicInput {
  const out: { id: string; terms?: readonly string[]; tags?: readonly string[] } = { id: topic.id };
  if (topic.terms.length > 0) out.terms = topic.terms.slice();
  if (topic.tags.length > 0) out.tags = topic.tags.slice();
  return out;
}

/**
 * Builds a deep-frozen `TaxonomyInput` from validated groups; fields an input may leave out are
 * written only when they hold something (`label`, `terms`, `tags`), so the result reads like hand-written
 * input.
 *
 * @param groups - validated groups
 * @returns a new, deep-frozen taxonomy
 * @internal
 */
export function buildTaxonomy(groups: readonly PlainGroup[]): TaxonomyInput {
  const out: GroupInput[] = new Array<GroupInput>(groups.length);
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    const triggering = (group.triggering ?? []).map(buildTopic);
    const recovery = (group.recovery ?? []).map(buildTopic);
    out[g] =
      group.label === null
        ? { id: group.id, triggering, recovery }
        : { id: group.id, label: group.label, triggering, recovery };
  }
  return freezeTaxonomy({ groups: out });
}
