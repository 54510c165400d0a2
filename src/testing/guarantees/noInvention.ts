import { firstDifference } from '../check/deepEqual.js';
import type { GuaranteeContext } from '../types.js';
import { idOf, shapeProblem } from './facts.js';

/**
 * Guarantee 1 of docs/guarantees.md, no invention: every served organic item is the candidate its slot points at,
 * every served recovery item is an entry of the recovery pool, and no id is served twice. A
 * result whose slots and items do not line up fails here too.
 *
 * @param context - the request, the result and the reference engine
 * @returns `null` when the guarantee holds, otherwise what broke
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { createGuaranteeContext, checkNoInvention } from 'feed-rebalancer/testing';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const context = createGuaranteeContext(rb, rb, { candidates: [{ id: 'a' }], state: rb.emptyState() });
 * console.log(checkNoInvention(context)); // null
 * ```
 */
export function checkNoInvention(context: GuaranteeContext): string | null {
  const problem = shapeProblem(context);
  if (problem !== null) return problem;
  const { result } = context;
  const request = context.snapshot;
  const pool = request.recovery ?? [];
  const poolById = new Map<string, number>();
  for (let p = 0; p < pool.length; p++) {
    const id = idOf(pool[p]);
    if (id !== undefined && !poolById.has(id)) poolById.set(id, p);
  }
  const servedAt = new Map<string, number>();
  for (let s = 0; s < result.slots.length; s++) {
    const slot = result.slots[s]!;
    const item = result.items[s]!;
    const earlier = servedAt.get(slot.id);
    if (earlier !== undefined)
      return `id ${JSON.stringify(slot.id)} is served twice, at slots ${earlier} and ${s}`;
    servedAt.set(slot.id, s);
    if (slot.source === 'organic') {
      const from = slot.from!;
      const d = firstDifference(item, request.candidates[from], `items[${s}]`);
      if (d !== null)
        return `slot ${s} serves an item that differs from candidates[${from}] (first difference at ${d})`;
    } else {
      const p = poolById.get(slot.id);
      if (p === undefined)
        return `recovery slot ${s} serves id ${JSON.stringify(slot.id)}, which is not in the recovery pool`;
      const d = firstDifference(item, pool[p], `items[${s}]`);
      if (d !== null)
        return `recovery slot ${s} serves an item that differs from recovery[${p}] (first difference at ${d})`;
    }
  }
  return null;
}
