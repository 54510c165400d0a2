import type { SeeLessEntry } from './types.js';
import { seeLessMultiplier } from './seeLess.js';
import type { SeeLessBlock } from './types.js';
import type { ResolvedTaxonomy } from '../taxonomy/resolved.js';

/**
 * The "see less" targets whose items are removed at time `at` (multiplier 0: within 14 days of
 * the feedback), resolved to topic and group indices; `null` when there are none, so a state
 * without feedback costs `rebalance` nothing. Without a known time the latest feedback's time
 * is used: feedback given just now removes.
 *
 * @internal
 */
export function seeLessBlock(
  entries: readonly SeeLessEntry[] | undefined,
  taxonomy: ResolvedTaxonomy,
  at: number | null,
): SeeLessBlock | null {
  if (entries === undefined || entries.length === 0) return null;
  let when = at;
  if (when === null) {
    when = -Infinity;
    for (const [, given] of entries) if (given > when) when = given;
  }
  const topics = new Map<number, string>();
  const groups = new Map<number, string>();
  for (const [target] of entries) {
    if (seeLessMultiplier(entries, target, when) !== 0) continue;
    const group = taxonomy.groupIndex.get(target);
    if (group !== undefined) groups.set(group, target);
    const topic = taxonomy.topics.get(target);
    if (topic !== undefined && !topic.recovery) topics.set(topic.index, target);
  }
  return topics.size === 0 && groups.size === 0 ? null : { topics, groups };
}
