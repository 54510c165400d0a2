import type { GuaranteeContext } from '../types.js';
import { nameCandidate, withFacts } from './facts.js';
import { seeLessReasons } from './seeLess.js';

/**
 * Guarantee 2 of docs/guarantees.md, nothing lost silently: each candidate is either served once (organic) or listed
 * once in `dropped`, with a reason from the documented set (`DropReason`). A candidate whose id
 * an earlier candidate already has is dropped as `duplicate` (and only those are); `invalid`
 * appears only under `onInvalidItem: 'skip'`; a candidate matching "see less" feedback in force
 * (a group it is triggering for, or a topic it carries, asked about less than 14 days before the
 * request) is never served and is dropped as `seeLess:<target>` naming such a target — and only
 * such candidates are; `size` is a reason only when the served slots reached `size`;
 * `cap:<group>` names a group of the taxonomy. No more slots than `size` are served.
 *
 * @param context - the request, the result and the reference engine
 * @returns `null` when the guarantee holds, otherwise what broke
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { createGuaranteeContext, checkNothingLost } from 'feed-rebalancer/testing';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.off });
 * const request = { candidates: [{ id: 'a' }, { id: 'a' }, { id: 'b' }], state: rb.emptyState(), size: 1 };
 * console.log(checkNothingLost(createGuaranteeContext(rb, rb, request))); // null: 'a' duplicate, 'b' size
 * ```
 */
export function checkNothingLost(context: GuaranteeContext): string | null {
  return withFacts(context, (facts) => {
    const { result, reference } = context;
    const n = facts.candidates.length;
    const accounted = new Int32Array(n).fill(-1); // -1 none, otherwise 0 served, 1 dropped
    const served = result.slots.length;
    if (served > facts.size) return `${served} slots are served but size is ${facts.size}`;
    for (let s = 0; s < served; s++) {
      const slot = result.slots[s]!;
      if (slot.source !== 'organic') continue;
      const from = slot.from!;
      if (accounted[from] !== -1) return `${nameCandidate(facts, from)} is served twice`;
      if (facts.removed[from] === 1)
        return `${nameCandidate(facts, from)} is served, but the person asked to see less of what it matches: it must be dropped as ${seeLessReasons(facts.seeLess[from]!)}`;
      accounted[from] = 0;
    }
    const skip = reference.policy.onInvalidItem === 'skip';
    for (let d = 0; d < result.dropped.length; d++) {
      const { from, reason } = result.dropped[d]!;
      if (accounted[from] === 0)
        return `${nameCandidate(facts, from)} is both served and dropped (${reason})`;
      if (accounted[from] === 1) return `${nameCandidate(facts, from)} is dropped twice`;
      accounted[from] = 1;
      const duplicate = facts.firstOf[from] !== from;
      if (reason === 'duplicate') {
        if (!duplicate)
          return `${nameCandidate(facts, from)} is dropped as duplicate but no earlier candidate has its id`;
      } else if (duplicate && reason !== 'invalid') {
        return `${nameCandidate(facts, from)} repeats the id of candidates[${facts.firstOf[from]}] and must be dropped as duplicate, not ${reason}`;
      } else if (reason.startsWith('seeLess:')) {
        if (facts.removed[from] === 0 || !facts.seeLess[from]!.includes(reason.slice(8)))
          return `${nameCandidate(facts, from)} is dropped as ${reason}, but no "see less" of ${JSON.stringify(reason.slice(8))} in force at the request time matches it`;
      } else if (facts.removed[from] === 1) {
        return `${nameCandidate(facts, from)} matches the person's "see less" feedback and must be dropped as ${seeLessReasons(facts.seeLess[from]!)}, not ${reason}`;
      } else if (reason === 'size') {
        if (served < facts.size)
          return `${nameCandidate(facts, from)} is dropped for size, but only ${served} of ${facts.size} slots are served`;
      } else if (reason === 'invalid') {
        if (!skip)
          return `${nameCandidate(facts, from)} is dropped as invalid, but the policy throws on invalid items`;
      } else if (reason.startsWith('cap:')) {
        if (!facts.groups.includes(reason.slice(4)))
          return `${nameCandidate(facts, from)} is dropped with reason ${reason}, which names no group`;
      } else
        return `${nameCandidate(facts, from)} is dropped with unknown reason ${JSON.stringify(reason)}`;
    }
    for (let i = 0; i < n; i++)
      if (accounted[i] === -1) return `${nameCandidate(facts, i)} is neither served nor dropped`;
    return null;
  });
}
