import type { GuaranteeContext } from '../types.js';
import { competes, nameCandidate, withFacts, type CaseFacts } from './facts.js';

/**
 * Guarantee 6 of docs/guarantees.md, stability: candidates the policy does not move keep their relative order. Two
 * candidates that are triggering for the same capped groups (in particular two that no cap
 * concerns) are treated alike by every cap, so the served ones keep their input order, and a
 * later one is served only if every earlier one of its kind is served too. Only competing
 * candidates are compared: one that "see less" feedback in force removes (or a duplicate, or an
 * invalid one) leaves no gap, and one served against that rule is guarantee 2's and 5's to
 * report.
 *
 * When a group's current level diversifies, the organic order is the diversified one, which
 * this check cannot know: it then passes without looking (as does guarantee 5).
 *
 * @param context - the request, the result and the reference engine
 * @returns `null` when the guarantee holds or does not apply, otherwise what broke
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { createGuaranteeContext, checkStability } from 'feed-rebalancer/testing';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.dispersion });
 * const candidates = [{ id: 'a', topics: ['pro-ana'] }, { id: 'b' }, { id: 'c' }];
 * console.log(checkStability(createGuaranteeContext(rb, rb, { candidates, state: rb.emptyState() }))); // null
 * ```
 */
export function checkStability(context: GuaranteeContext): string | null {
  return withFacts(context, (facts) => {
    if (facts.diversifying) return null;
    const { result } = context;
    const lastServed = new Map<string, number>();
    const served = new Uint8Array(facts.candidates.length);
    for (const slot of result.slots) {
      if (slot.source !== 'organic') continue;
      const c = slot.from!;
      if (!competes(facts, c)) continue;
      const kind = kindOf(facts, c);
      const last = lastServed.get(kind);
      if (last !== undefined && last > c)
        return `${nameCandidate(facts, c)} is served after ${nameCandidate(facts, last)}, though the caps treat both alike`;
      lastServed.set(kind, c);
      served[c] = 1;
    }
    const gap = new Map<string, number>();
    for (let i = 0; i < facts.candidates.length; i++) {
      if (!competes(facts, i)) continue;
      const kind = kindOf(facts, i);
      if (served[i] === 0) {
        if (!gap.has(kind)) gap.set(kind, i);
      } else if (gap.has(kind))
        return `${nameCandidate(facts, i)} is served while ${nameCandidate(facts, gap.get(kind)!)}, ranked higher and treated alike by the caps, is not`;
    }
    return null;
  });
}

/** The capped groups a candidate is triggering for, as a key. */
function kindOf(facts: CaseFacts, i: number): string {
  const G = facts.groups.length;
  let key = '';
  for (let g = 0; g < G; g++)
    if (facts.actions[g]!.cap !== null && facts.candidateTriggering[i * G + g] === 1)
      key += `${g},`;
  return key;
}
