import { buildTaxonomy } from './input/buildTaxonomy.js';
import { readTaxonomy, type PlainTopic } from './input/readTaxonomy.js';
import { TaxonomyReader } from './input/TaxonomyReader.js';
import type { TaxonomyExtension, TaxonomyInput } from './types.js';
import { LIMITS } from '../validate/limits.js';

interface Topic {
  readonly id: string;
  readonly terms: string[];
  readonly tags: string[];
  readonly path: string;
}

interface Group {
  readonly id: string;
  label: string | null;
  readonly triggering: Topic[];
  readonly recovery: Topic[];
  readonly path: string;
}

/** Where a topic id already sits, and the path that put it there (for messages). */
interface Place {
  readonly group: number;
  readonly recovery: boolean;
  readonly topic: Topic;
}

function copyTopic(topic: PlainTopic, root: string): Topic {
  return {
    id: topic.id,
    terms: topic.terms.slice(),
    tags: topic.tags.slice(),
    path: `${root}.${topic.path}`,
  };
}

/**
 * Extends a taxonomy without changing it: a group of the extension with a new id is appended; a
 * group with an existing id gains the extension's topics (and its label, when given); a topic
 * with an existing id in the same group and role gains the terms and tags it lacks. Both inputs
 * are validated as `createRebalancer` validates a taxonomy, and so is the result.
 *
 * @param base - the taxonomy to extend, e.g. `presets.taxonomies.default`
 * @param extension - the groups, topics and terms to add
 * @returns a new, deep-frozen taxonomy; `base` and `extension` are left as they were
 * @throws RebalanceError with code `taxonomy` and the path of the problem (`base.groups[0].id`,
 *   `extension.groups[1].triggering[0].id`) when either input breaks a rule, when a topic of the
 *   extension already sits in another group or role, when a new group has no triggering topic,
 *   or when the result would exceed 64 groups, 4,096 topics or 100,000 terms
 *
 * @example
 * ```ts
 * import { createRebalancer, extendTaxonomy, presets } from 'feed-rebalancer';
 * const taxonomy = extendTaxonomy(presets.taxonomies.default, {
 *   groups: [
 *     { id: 'gambling', triggering: [{ id: 'betting-tips', terms: ['bettingtips', 'surebet'] }] },
 *     { id: 'eating-disorder', triggering: [{ id: 'pro-ana', terms: ['anabuddy'] }] },
 *   ],
 * });
 * const rb = createRebalancer({ taxonomy, policy: presets.policies.balanced });
 * rb.classify({ id: 'a', hashtags: ['#SureBet'] }).triggering['gambling']; // 1
 * ```
 */
export function extendTaxonomy(base: TaxonomyInput, extension: TaxonomyExtension): TaxonomyInput {
  const api = 'extendTaxonomy';
  const groups: Group[] = readTaxonomy(base, new TaxonomyReader(api, 'base', 'base'), false).map(
    (g) => ({
      id: g.id,
      label: g.label,
      triggering: (g.triggering ?? []).map((t) => copyTopic(t, 'base')),
      recovery: (g.recovery ?? []).map((t) => copyTopic(t, 'base')),
      path: `base.${g.path}`,
    }),
  );
  const reader = new TaxonomyReader(api, 'extension', 'extension');
  const additions = readTaxonomy(extension, reader, true);

  const groupAt = new Map<string, number>();
  const topicAt = new Map<string, Place>();
  let topicCount = 0;
  let termCount = 0;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    groupAt.set(group.id, g);
    for (const topic of group.triggering)
      topicAt.set(topic.id, { group: g, recovery: false, topic });
    for (const topic of group.recovery) topicAt.set(topic.id, { group: g, recovery: true, topic });
    for (const topic of [...group.triggering, ...group.recovery]) {
      topicCount += 1;
      termCount += topic.terms.length + topic.tags.length;
    }
  }

  for (const addition of additions) {
    let g = groupAt.get(addition.id);
    if (g === undefined) {
      if (addition.triggering === null || addition.triggering.length === 0)
        reader.fail(
          `${addition.path}.triggering`,
          'must have at least one topic for a new group',
          addition.id,
        );
      if (groups.length >= LIMITS.groups)
        reader.fail(addition.path, `would bring the groups above ${LIMITS.groups}`, addition.id);
      g = groups.length;
      groupAt.set(addition.id, g);
      groups.push({
        id: addition.id,
        label: addition.label,
        triggering: [],
        recovery: [],
        path: reader.at(addition.path),
      });
    } else if (addition.label !== null) {
      groups[g]!.label = addition.label;
    }
    const group = groups[g]!;
    for (const [list, recovery] of [
      [addition.triggering ?? [], false],
      [addition.recovery ?? [], true],
    ] as const) {
      for (const topic of list) {
        const place = topicAt.get(topic.id);
        if (place !== undefined && (place.group !== g || place.recovery !== recovery))
          reader.fail(
            `${topic.path}.id`,
            `must not name a topic of another group or role (it is at ${place.topic.path})`,
            topic.id,
          );
        if (place === undefined) {
          if (topicCount >= LIMITS.topics)
            reader.fail(
              topic.path,
              `would bring the topics of all groups above ${LIMITS.topics}`,
              topic.id,
            );
          topicCount += 1;
          const added: Topic = { id: topic.id, terms: [], tags: [], path: reader.at(topic.path) };
          (recovery ? group.recovery : group.triggering).push(added);
          topicAt.set(topic.id, { group: g, recovery, topic: added });
        }
        const target = (place ?? topicAt.get(topic.id)!).topic;
        termCount += addMissing(target.terms, topic.terms) + addMissing(target.tags, topic.tags);
        if (termCount > LIMITS.terms)
          reader.fail(
            topic.path,
            `would bring the terms of all topics above ${LIMITS.terms}`,
            topic.id,
          );
      }
    }
  }
  return buildTaxonomy(groups);
}

/** Appends the strings `target` lacks, in order; returns how many. */
function addMissing(target: string[], more: readonly string[]): number {
  if (more.length === 0) return 0;
  const present = new Set(target);
  let added = 0;
  for (const term of more) {
    if (!present.has(term)) {
      present.add(term);
      target.push(term);
      added += 1;
    }
  }
  return added;
}
