import type { GuaranteeContext } from '../types.js';
import { nameCandidate, withFacts, type CaseFacts } from './facts.js';

/**
 * Guarantee 3, no cost for the unaffected: when every group is at a level that asks for
 * nothing (no cap, no recovery, no diversification), or when no candidate is triggering for any
 * group and no group's level asks for recovery or diversification, the served feed is the input:
 * the candidates in their order (each id once), cut at `size`, with no recovery slot and no
 * reason on any slot. Otherwise the guarantee says nothing and the check passes.
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
      if (facts.firstOf[i] === i && !facts.invalid.has(i)) expected.push(i);
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
  for (let k = 0; k < facts.candidateTriggering.length; k++)
    if (facts.candidateTriggering[k] === 1) return false;
  return true;
}
