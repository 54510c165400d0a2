import { TopicLookup } from './TopicLookup.js';
import type { ItemClassification, ResolvedGroup, ResolvedTaxonomy, TopicRef } from './resolved.js';
import { buildTaxonomy } from './input/buildTaxonomy.js';
import { readTaxonomy } from './input/readTaxonomy.js';
import { TaxonomyReader } from './input/TaxonomyReader.js';
import { createEvasiveMatcher } from './evasive/createEvasiveMatcher.js';
import type { TermEntry, TermMatcherFactory } from './match/types.js';

/**
 * Validates an untrusted taxonomy and compiles it. Rules: at most 64 groups, 4,096 topics and
 * 100,000 terms; group and topic ids and labels are non-empty strings of at most 256 characters;
 * group ids are unique and a topic id appears in one group and one role only; every group has a
 * triggering topic; terms are strings of at most 256 characters with something besides `#` and
 * separators; no unknown fields.
 *
 * @param input - the untrusted taxonomy
 * @param api - the public API name error messages start with
 * @param matcherFactory - builds the term matcher from every term, each with its group and role
 *   (the evasive matcher by default, as in `createRebalancer`)
 * @returns the compiled taxonomy
 * @throws RebalanceError with code `taxonomy` and the path of the first problem
 *   (`groups[1].triggering[0].id`)
 *
 * @internal
 */
export function resolveTaxonomy(
  input: unknown,
  api: string,
  matcherFactory: TermMatcherFactory = createEvasiveMatcher,
): ResolvedTaxonomy {
  const groups = readTaxonomy(input, new TaxonomyReader(api, 'taxonomy', ''), false);
  const resolvedGroups: ResolvedGroup[] = [];
  const groupIds: string[] = [];
  const groupIndex = new Map<string, number>();
  const topicIds: string[] = [];
  const topics = new Map<string, TopicRef>();
  const topicRefs: TopicRef[] = [];
  const entries: TermEntry[] = [];
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    groupIds.push(group.id);
    groupIndex.set(group.id, g);
    const byRole: [number[], number[]] = [[], []];
    for (const [list, recovery] of [
      [group.triggering ?? [], false],
      [group.recovery ?? [], true],
    ] as const) {
      const indices = byRole[recovery ? 1 : 0];
      for (const topic of list) {
        const index = topicIds.length;
        topicIds.push(topic.id);
        const ref: TopicRef = Object.freeze({ index, group: g, recovery });
        topics.set(topic.id, ref);
        topicRefs.push(ref);
        indices.push(index);
        const role = recovery ? 'recovery' : 'triggering';
        for (const term of topic.terms)
          entries.push({ term, topic: topic.id, group: group.id, role });
        for (const term of topic.tags)
          entries.push({ term, topic: topic.id, tagOnly: true, group: group.id, role });
      }
    }
    resolvedGroups.push(
      Object.freeze({
        id: group.id,
        label: group.label ?? group.id,
        triggering: Object.freeze(byRole[0]),
        recovery: Object.freeze(byRole[1]),
      }),
    );
  }
  const none: ItemClassification = Object.freeze({
    triggering: new Float64Array(groups.length),
    recovery: new Float64Array(groups.length),
    topics: Object.freeze([]),
    confidences: Object.freeze([]),
  });
  return Object.freeze({
    input: buildTaxonomy(groups),
    groups: Object.freeze(resolvedGroups),
    groupIds: Object.freeze(groupIds),
    groupIndex,
    topicIds: Object.freeze(topicIds),
    topics,
    lookup: new TopicLookup(topics),
    topicRefs: Object.freeze(topicRefs),
    matcher: matcherFactory(Object.freeze(entries)),
    hasTerms: entries.length > 0,
    none,
  });
}
