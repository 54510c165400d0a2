import type { ResolvedTaxonomy } from '../taxonomy/resolved.js';

/**
 * The group of every topic of a resolved taxonomy, triggering and recovery topics alike: the
 * `topicGroups` map a query interceptor needs, for `createRebalancer` to build
 * `rb.interceptQuery` from its resolved taxonomy.
 *
 * @param taxonomy - a taxonomy from `resolveTaxonomy`
 * @returns a new `Map` from topic id to group id, in taxonomy order
 *
 * @internal
 */
export function topicGroupsOf(taxonomy: ResolvedTaxonomy): Map<string, string> {
  const out = new Map<string, string>();
  for (const [topic, ref] of taxonomy.topics) out.set(topic, taxonomy.groupIds[ref.group]!);
  return out;
}
