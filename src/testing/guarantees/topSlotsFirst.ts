import type { GuaranteeContext } from '../types.js';
import { nextOrganicSlot, recoveryPlan } from './cadence.js';
import { competes, nameCandidate, withFacts, type CaseFacts } from './facts.js';
import { seeLessReasons } from './seeLess.js';

/**
 * Guarantee 5 of docs/guarantees.md, top slots first: each served organic slot holds the best-ranked remaining
 * candidate the caps allow there, given everything served before it (recovery slots included);
 * and each candidate dropped with reason `cap:<group>` could not be appended: that group's cap
 * forbids it at the slot the next organic item would take. Together: the served order is the
 * lexicographically earliest (by original rank) cap-respecting order that no remaining
 * candidate could extend.
 *
 * Only competing candidates take part: a duplicate, an invalid candidate (under
 * `onInvalidItem: 'skip'`) or one that "see less" feedback in force removes is not a candidate
 * for any slot, so serving one fails and leaving one out never counts against a slot.
 *
 * When a group's current level diversifies, the organic order is the diversified one, which
 * this check cannot know: it then passes without looking (as does guarantee 6).
 *
 * @param context - the request, the result and the reference engine
 * @returns `null` when the guarantee holds or does not apply, otherwise what broke
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { createGuaranteeContext, checkTopSlotsFirst } from 'feed-rebalancer/testing';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.dispersion });
 * const candidates = ['a', 'b', 'c', 'd'].map((id, i) => ({ id, topics: i < 3 ? ['pro-ana'] : [] }));
 * console.log(checkTopSlotsFirst(createGuaranteeContext(rb, rb, { candidates, state: rb.emptyState() }))); // null
 * ```
 */
export function checkTopSlotsFirst(context: GuaranteeContext): string | null {
  return withFacts(context, (facts) => {
    if (facts.diversifying) return null;
    const { result } = context;
    const n = result.slots.length;
    const servedBefore = new Uint8Array(facts.candidates.length);
    for (let s = 0; s < n; s++) {
      const slot = result.slots[s]!;
      if (slot.source !== 'organic') continue;
      const c = slot.from!;
      if (facts.removed[c] === 1)
        return `slot ${s} holds ${nameCandidate(facts, c)}, which "see less" removes (${seeLessReasons(facts.seeLess[c]!)}): it is not a candidate for any slot`;
      for (let i = 0; i < c; i++) {
        if (servedBefore[i] === 1 || !competes(facts, i)) continue;
        if (blockingGroup(facts, i, s) < 0)
          return `slot ${s} holds ${nameCandidate(facts, c)}, but ${nameCandidate(facts, i)} ranks higher, was not served yet and every cap allows it there`;
      }
      servedBefore[c] = 1;
    }
    const flags = result.slots.map((slot) => slot.source === 'recovery');
    const next = nextOrganicSlot(recoveryPlan(context, facts), flags);
    for (const { from, reason } of result.dropped) {
      if (!reason.startsWith('cap:')) continue;
      const g = facts.groups.indexOf(reason.slice(4));
      const cap = g < 0 ? null : facts.actions[g]!.cap;
      if (cap === null)
        return `${nameCandidate(facts, from)} is dropped with reason ${reason}, but that group has no cap at its level`;
      if (facts.candidateTriggering[from * facts.groups.length + g] !== 1)
        return `${nameCandidate(facts, from)} is dropped with reason ${reason}, but it is not triggering for that group`;
      if (!capBlocks(facts, g, from, next))
        return `${nameCandidate(facts, from)} is dropped with reason ${reason}, but that cap allows it at slot ${next}, where the feed would go on`;
    }
    return null;
  });
}

/**
 * The first capped group whose cap forbids candidate `i` at slot `s` given the served slots
 * before it (slots at or beyond the served length count as not triggering), or −1.
 *
 * @internal
 */
export function blockingGroup(facts: CaseFacts, i: number, s: number): number {
  for (let g = 0; g < facts.groups.length; g++) if (capBlocks(facts, g, i, s)) return g;
  return -1;
}

function capBlocks(facts: CaseFacts, g: number, i: number, s: number): boolean {
  const G = facts.groups.length;
  const cap = facts.actions[g]!.cap;
  if (cap === null || facts.candidateTriggering[i * G + g] !== 1) return false;
  const served = facts.servedTriggering.length / Math.max(1, G);
  let inWindow = 0;
  for (let t = Math.max(0, s - cap.window + 1); t < s && t < served; t++)
    inWindow += facts.servedTriggering[t * G + g]!;
  return inWindow + 1 > cap.count;
}
