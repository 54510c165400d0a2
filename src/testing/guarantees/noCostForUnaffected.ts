import type { GuaranteeContext } from '../types.js';
import { competes, nameCandidate, withFacts, type CaseFacts } from './facts.js';

/**
 * Guarantee 3 of docs/guarantees.md, no cost for the unaffected: when every group is at a level that asks for
 * nothing (no cap, no recovery, no diversification), or when no competing candidate is
 * triggering for any group and no group's level asks for recovery or diversification, the served
 * feed is the input: the competing candidates in their order, cut at `size`, with no recovery
 * slot and no reason on any slot. Otherwise the guarantee says nothing and the check passes.
 *
 * The competing candidates are the candidates less duplicates, invalid ones (under
 * `onInvalidItem: 'skip'`) and those "see less" feedback in force removes: the person's own
 * choice applies under every policy, `off` included, so the input the guarantee speaks of is
 * what remains after it.
 *
 * @param context - the request, the result and the reference engine
 * @returns `null` when the guarantee holds or does not apply, otherwise what broke
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { createGuaranteeContext, checkNoCostForUnaffected } from 'feed-rebalancer/testing';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.off });
 * const request = { candidates: [{ id: 'a', topics: ['pro-ana'] }, { id: 'b' }], state: rb.emptyState() };
 * console.log(checkNoCostForUnaffected(createGuaranteeContext(rb, rb, request))); // null
 * ```
 */
export function checkNoCostForUnaffected(context: GuaranteeContext): string | null {
  return withFacts(context, (facts) => {
    if (!unaffected(facts)) return null;
    const { result } = context;
    const expected: number[] = [];
    for (let i = 0; i < facts.candidates.length && expected.length < facts.size; i++)
      if (competes(facts, i)) expected.push(i);
    const why = asksNothing(facts)
      ? 'every group is at a level that asks for nothing'
      : 'nothing is triggering and no recovery is due';
    for (let s = 0; s < Math.max(expected.length, result.slots.length); s++) {
      const slot = result.slots[s];
      const want = expected[s];
      if (slot === undefined)
        return `${why}, yet slot ${s} is empty where ${nameCandidate(facts, want!)} belongs`;
      if (want === undefined)
        return `${why}, yet slot ${s} serves ${JSON.stringify(slot.id)} after the input ended`;
      if (slot.source !== 'organic' || slot.from !== want)
        return `${why}, yet slot ${s} serves ${JSON.stringify(slot.id)} (${slot.source}) instead of ${nameCandidate(facts, want)}`;
      if (slot.reasons.length > 0)
        return `${why}, yet slot ${s} carries reasons ${JSON.stringify(slot.reasons)}`;
    }
    return null;
  });
}

function asksNothing(facts: CaseFacts): boolean {
  return facts.actions.every(
    (a) => a.cap === null && a.recoveryEvery === null && a.diversify === null,
  );
}

function unaffected(facts: CaseFacts): boolean {
  if (asksNothing(facts)) return true;
  if (facts.actions.some((a) => a.recoveryEvery !== null || a.diversify !== null)) return false;
  const G = facts.groups.length;
  for (let i = 0; i < facts.candidates.length; i++) {
    if (!competes(facts, i)) continue;
    for (let g = 0; g < G; g++) if (facts.candidateTriggering[i * G + g] === 1) return false;
  }
  return true;
}
