import { TriggerSets } from './groupSet.js';
import type { Arena } from '../scratch/Arena.js';
import type { ResolvedTaxonomy } from '../taxonomy/resolved.js';
import { classifyItem, type ClassifyScratch } from '../taxonomy/classifyItem.js';
import type { PreparedList } from './prepare.js';
import type { ItemView } from '../item/readItem.js';
import type { Item } from '../item/types.js';
import type { SeeLessBlock } from '../feedback/types.js';

/**
 * Leaves out the candidates that carry a blocked topic (at its group's `minConfidence` or more)
 * or are triggering for a blocked group, as `seeLess:<target>`: the removal period of X's home-mixer
 * feedback, applied before the slots are filled so the caps see only what may be served. The
 * list must keep its snapshots (`keepViews`).
 *
 * @internal
 */
export function removeSeeLess<L extends PreparedList>(
  list: L,
  block: SeeLessBlock,
  taxonomy: ResolvedTaxonomy,
  minConfidence: Float64Array,
  scratch: ClassifyScratch,
  arena: Arena,
): L {
  const groups = taxonomy.groupIds.length;
  const n = list.count;
  const given = list.views!; // kept for this (`keepViews`)
  const classified = list.triggering.classified;
  const views: ItemView[] = [];
  const ids: string[] = [];
  const sources: Item[] = [];
  const from = arena.int32(n, false);
  const embedding = arena.int32(n, false);
  const triggering = TriggerSets.create(arena, n, groups, classified);
  const recovery = arena.uint8(classified ? n * groups : 0);
  const left = list.left.slice();
  for (let v = 0; v < n; v++) {
    const view = given[v]!;
    const target = blockedTarget(
      classifyItem(taxonomy, view, scratch),
      block,
      taxonomy,
      minConfidence,
    );
    if (target !== null) {
      left.push({ id: view.id, from: list.from[v]!, reason: `seeLess:${target}` });
      continue;
    }
    const k = views.length;
    triggering.copyView(list.triggering, v, k);
    if (classified) {
      recovery.set(list.recovery.subarray(v * groups, (v + 1) * groups), k * groups);
    }
    views.push(view);
    ids.push(list.ids[v]!);
    sources.push(list.sources[v]!);
    from[k] = list.from[v]!;
    embedding[k] = list.embedding[v]!;
  }
  const count = views.length;
  return {
    ...list,
    count,
    ids,
    sources,
    from: from.subarray(0, count),
    embedding: embedding.subarray(0, count),
    views,
    triggering: triggering.head(count),
    recovery: recovery.subarray(0, count * groups),
    left,
  };
}

/** The first blocked target an item matches, groups before topics, or `null`. */
function blockedTarget(
  cls: ReturnType<typeof classifyItem>,
  block: SeeLessBlock,
  taxonomy: ResolvedTaxonomy,
  minConfidence: Float64Array,
): string | null {
  for (const [g, target] of block.groups)
    if (cls.triggering[g]! >= minConfidence[g]!) return target;
  for (let k = 0; k < cls.topics.length; k++) {
    const topic = cls.topics[k]!;
    if (cls.confidences[k]! < minConfidence[taxonomy.topicRefs[topic]!.group]!) continue;
    const target = block.topics.get(topic);
    if (target !== undefined) return target;
  }
  return null;
}
