import type { Arena } from '../scratch/Arena.js';
import type { ResolvedTaxonomy } from '../taxonomy/resolveTaxonomy.js';
import { classifyItem } from '../taxonomy/classifyItem.js';
import type { PreparedList } from './prepare.js';

/**
 * Topics and groups the user asked to see less of whose items are removed right now, each with
 * the target named in the drop reason (`seeLess:<target>`). @internal
 */
export interface SeeLessBlock {
  /** Topic index (in `ResolvedTaxonomy.topicIds`) → target. */
  readonly topics: ReadonlyMap<number, string>;
  /** Group index → target. */
  readonly groups: ReadonlyMap<number, string>;
}

/**
 * Leaves out the candidates that carry a blocked topic (at `minConfidence` or more) or are
 * triggering for a blocked group, as `seeLess:<target>`: the removal period of X's home-mixer
 * feedback, applied before the slots are filled so the caps see only what may be served.
 *
 * @internal
 */
export function removeSeeLess<L extends PreparedList>(
  list: L,
  block: SeeLessBlock,
  taxonomy: ResolvedTaxonomy,
  minConfidence: number,
  arena: Arena,
): L {
  const groups = taxonomy.groupIds.length;
  const n = list.views.length;
  const classified = list.triggering.length > 0;
  const views: PreparedList['views'] = [];
  const from: number[] = [];
  const triggering = arena.uint8(classified ? n * groups : 0);
  const recovery = arena.uint8(classified ? n * groups : 0);
  const masks = list.triggerMask;
  const triggerMask = masks === null ? null : arena.int32(n);
  const left = list.left.slice();
  for (let v = 0; v < n; v++) {
    const view = list.views[v]!;
    const target = blockedTarget(classifyItem(taxonomy, view), block, minConfidence);
    if (target !== null) {
      left.push({ id: view.id, from: list.from[v]!, reason: `seeLess:${target}` });
      continue;
    }
    if (triggerMask !== null) triggerMask[views.length] = masks![v]!;
    if (classified) {
      const row = views.length * groups;
      triggering.set(list.triggering.subarray(v * groups, (v + 1) * groups), row);
      recovery.set(list.recovery.subarray(v * groups, (v + 1) * groups), row);
    }
    views.push(view);
    from.push(list.from[v]!);
  }
  return {
    ...list,
    views,
    from,
    triggering: triggering.subarray(0, views.length * groups),
    recovery: recovery.subarray(0, views.length * groups),
    triggerMask: triggerMask?.subarray(0, views.length) ?? null,
    left,
  };
}

/** The first blocked target an item matches, groups before topics, or `null`. */
function blockedTarget(
  cls: ReturnType<typeof classifyItem>,
  block: SeeLessBlock,
  minConfidence: number,
): string | null {
  for (const [g, target] of block.groups) if (cls.triggering[g]! >= minConfidence) return target;
  for (let k = 0; k < cls.topics.length; k++) {
    if (cls.confidences[k]! < minConfidence) continue;
    const target = block.topics.get(cls.topics[k]!);
    if (target !== undefined) return target;
  }
  return null;
}
