import type { GuaranteeContext } from '../types.js';
import { withFacts } from './facts.js';
import { levelProblem } from './levels.js';

/**
 * Guarantee 4 of docs/guarantees.md, caps hold: for each group whose current level has a cap `{ count, window }`, no
 * `window` consecutive served slots (nor any shorter run at the start) hold more than `count`
 * items triggering for the group; and no recovery slot holds a triggering item. The levels are
 * the result's assessment, which must agree with the reference engine's `assess`. Windows run
 * over the served slots as served: a candidate that "see less" removed takes no slot, so the
 * items around it are neighbours in the windows — removing such items after the caps were
 * applied is what breaks this.
 *
 * @param context - the request, the result and the reference engine
 * @returns `null` when the guarantee holds, otherwise what broke
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { createGuaranteeContext, checkCapsHold } from 'feed-rebalancer/testing';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.dispersion });
 * const candidates = ['a', 'b', 'c'].map((id) => ({ id, topics: ['pro-ana'] }));
 * console.log(checkCapsHold(createGuaranteeContext(rb, rb, { candidates, state: rb.emptyState() }))); // null
 * ```
 */
export function checkCapsHold(context: GuaranteeContext): string | null {
  return withFacts(context, (facts) => {
    const levels = levelProblem(context, facts);
    if (levels !== null) return levels;
    const { result } = context;
    const G = facts.groups.length;
    const n = result.slots.length;
    for (let s = 0; s < n; s++) {
      if (result.slots[s]!.source !== 'recovery') continue;
      for (let g = 0; g < G; g++)
        if (facts.servedTriggering[s * G + g] === 1)
          return `recovery slot ${s} serves ${JSON.stringify(result.slots[s]!.id)}, which is triggering for ${facts.groups[g]!}`;
    }
    for (let g = 0; g < G; g++) {
      const cap = facts.actions[g]!.cap;
      if (cap === null) continue;
      let inWindow = 0;
      for (let s = 0; s < n; s++) {
        inWindow += facts.servedTriggering[s * G + g]!;
        if (s >= cap.window) inWindow -= facts.servedTriggering[(s - cap.window) * G + g]!;
        if (inWindow > cap.count) {
          const start = Math.max(0, s - cap.window + 1);
          return `slots ${start}–${s} hold ${inWindow} items triggering for ${facts.groups[g]!}, above its ${facts.levels[g]!} cap of ${cap.count} in ${cap.window}`;
        }
      }
    }
    return null;
  });
}
