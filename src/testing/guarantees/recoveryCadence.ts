import type { Item } from '../../item/types.js';
import type { GuaranteeContext } from '../types.js';
import { expectedRecoverySlots, recoveryPlan, type RecoveryPlan } from './cadence.js';
import { competes, idOf, withFacts, type CaseFacts } from './facts.js';
import { levelProblem } from './levels.js';

/** Relevance scores closer than this are ties (either order is accepted). */
const TIE = 1e-9;

/**
 * Guarantee 7 of docs/guarantees.md, recovery cadence. With k the shortest `recoveryEvery` among the groups whose
 * current level asks for recovery:
 *
 * - recovery slots sit exactly where the cadence puts them: the latest slots it allows (k − 1,
 *   2k − 1, … when nothing moved them), while eligible pool entries and organic items last,
 *   within `maxShare` of every prefix, none after the last organic item (unless `size` cut the
 *   feed); no recovery slot at all when no group asks for recovery;
 * - slot j draws for the calling groups in turn (most severe level first, then taxonomy order;
 *   slot j starts at group j mod m and moves on when a group has no entry left) and names it as
 *   `recovery:<group>`;
 * - within a group, entries are ranked by cosine similarity of their embedding to the centroid of
 *   the served organic items' embeddings, highest first (ties and entries without an embedding
 *   in pool order after them; pool order when no served item has an embedding);
 * - a pool entry triggering for any group is never served and, when recovery is due, is listed
 *   in `rejectedRecovery` with reason `triggering:<group>`; an entry shown within
 *   `recovery.cooldown` impressions is not served again.
 *
 * The cadence counts served slots only. A candidate that "see less" feedback in force removes
 * takes no slot, so it neither moves a recovery slot nor counts as an organic item still to
 * follow; a pool entry with its id is still refused as a duplicate of a candidate. A pool entry
 * never needs "see less" of its own: every target is a group or a triggering topic, so an entry
 * matching one is triggering and refused as such.
 *
 * @param context - the request, the result and the reference engine
 * @returns `null` when the guarantee holds, otherwise what broke
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { createGuaranteeContext, checkRecoveryCadence } from 'feed-rebalancer/testing';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.protective });
 * const request = { candidates: [{ id: 'a' }], recovery: [{ id: 'r', topics: ['ed-recovery'] }], state: rb.emptyState() };
 * console.log(checkRecoveryCadence(createGuaranteeContext(rb, rb, request))); // null
 * ```
 */
export function checkRecoveryCadence(context: GuaranteeContext): string | null {
  return withFacts(context, (facts) => {
    const levels = levelProblem(context, facts);
    if (levels !== null) return levels;
    const { result } = context;
    const plan = recoveryPlan(context, facts);
    const flags = result.slots.map((slot) => slot.source === 'recovery');
    const positions = indicesOf(flags);
    if (plan.k === 0) {
      return positions.length === 0
        ? null
        : `slot ${positions[0]!} is a recovery slot, but no group's level asks for recovery`;
    }
    const placement = checkPlacement(facts, plan, flags);
    if (placement !== null) return placement;
    const rejected = checkRejected(context, facts, plan);
    if (rejected !== null) return rejected;
    return checkChoice(context, facts, plan, positions);
  });
}

function indicesOf(flags: readonly boolean[]): number[] {
  const out: number[] = [];
  for (let s = 0; s < flags.length; s++) if (flags[s]) out.push(s);
  return out;
}

function checkPlacement(
  facts: CaseFacts,
  plan: RecoveryPlan,
  flags: readonly boolean[],
): string | null {
  const organicServed = flags.length - indicesOf(flags).length;
  let eligibleCandidates = 0;
  for (let i = 0; i < facts.candidates.length; i++) if (competes(facts, i)) eligibleCandidates += 1;
  const expected = expectedRecoverySlots(
    plan,
    organicServed,
    Math.max(0, eligibleCandidates - organicServed),
    facts.size,
  );
  const same = expected.length === flags.length && expected.every((f, s) => f === flags[s]);
  if (same) return null;
  const callers = plan.callers.map((g) => facts.groups[g]!).join(', ');
  return (
    `recovery slots are at [${indicesOf(flags).join(', ')}] of ${flags.length}, but the cadence ` +
    `(every ${plan.k} for ${callers}; ${plan.available} eligible pool entries; maxShare ${plan.maxShare}) ` +
    `puts them at [${indicesOf(expected).join(', ')}] of ${expected.length}`
  );
}

function checkRejected(
  context: GuaranteeContext,
  facts: CaseFacts,
  plan: RecoveryPlan,
): string | null {
  const listed = new Map<number, string>();
  for (const r of context.result.rejectedRecovery) listed.set(r.from, r.reason);
  for (const [p, g] of plan.triggering) {
    const reason = listed.get(p);
    const id = JSON.stringify(idOf(facts.pool[p]));
    if (reason === undefined)
      return `recovery[${p}] (${id}) is triggering for ${facts.groups[g]!} but is not listed in rejectedRecovery`;
    const named = reason.startsWith('triggering:') ? facts.groups.indexOf(reason.slice(11)) : -1;
    if (named < 0 || facts.poolTriggering[p * facts.groups.length + named] !== 1)
      return `recovery[${p}] (${id}) is listed in rejectedRecovery with reason ${JSON.stringify(reason)}, not triggering:<a group it triggers>`;
  }
  return null;
}

function checkChoice(
  context: GuaranteeContext,
  facts: CaseFacts,
  plan: RecoveryPlan,
  positions: readonly number[],
): string | null {
  const { result } = context;
  const poolIndex = new Map<string, number>();
  for (let p = facts.pool.length - 1; p >= 0; p--) {
    const id = idOf(facts.pool[p]);
    if (id !== undefined) poolIndex.set(id, p);
  }
  const centroid = centroidOf(
    result.items,
    result.slots.map((s) => s.source === 'organic'),
  );
  const score = (p: number): number => {
    const e = facts.pool[p]!.embedding;
    if (centroid === null) return 0;
    return e === undefined ? -Infinity : cosine(e, centroid);
  };
  const used = new Set<number>();
  const m = plan.callers.length;
  for (let j = 0; j < positions.length; j++) {
    const s = positions[j]!;
    const slot = result.slots[s]!;
    const p = poolIndex.get(slot.id);
    if (p === undefined)
      return `recovery slot ${s} serves ${JSON.stringify(slot.id)}, which is not in the pool`;
    if (plan.triggering.has(p))
      return `recovery slot ${s} serves recovery[${p}], which is triggering for ${facts.groups[plan.triggering.get(p)!]!}`;
    if (plan.cooling.has(p))
      return `recovery slot ${s} serves recovery[${p}] (${JSON.stringify(slot.id)}), shown within the last ${context.reference.policy.recovery.cooldown} impressions`;
    let caller = -1;
    let best: number[] = [];
    for (let t = 0; t < m && caller < 0; t++) {
      const c = (j + t) % m;
      const open = plan.eligible[c]!.filter((q) => !used.has(q));
      if (open.length > 0) {
        caller = c;
        best = open;
      }
    }
    if (caller < 0) return `recovery slot ${s} is served though no eligible pool entry was left`;
    const group = facts.groups[plan.callers[caller]!]!;
    if (!slot.reasons.includes(`recovery:${group}`))
      return `recovery slot ${s} (the ${ordinal(j)} recovery slot) should draw for ${group} in turn, but its reasons are ${JSON.stringify(slot.reasons)}`;
    if (!best.includes(p))
      return `recovery slot ${s} serves recovery[${p}] (${JSON.stringify(slot.id)}), which is not an unused recovery item of ${group}`;
    const top = Math.max(...best.map(score));
    const firstTop = best.find((q) => score(q) >= top - TIE)!;
    if (
      score(p) < top - TIE ||
      (centroid === null && p !== firstTop) ||
      (score(p) === -Infinity && p !== firstTop)
    )
      return `recovery slot ${s} serves recovery[${p}] (relevance ${score(p)}), but recovery[${firstTop}] of ${group} ranks first (relevance ${top})`;
    used.add(p);
  }
  return null;
}

function ordinal(j: number): string {
  return `${j + 1}${j === 0 ? 'st' : j === 1 ? 'nd' : j === 2 ? 'rd' : 'th'}`;
}

type Vector = NonNullable<Item['embedding']>;

function centroidOf(items: readonly Item[], organic: readonly boolean[]): Float64Array | null {
  let sum: Float64Array | null = null;
  let count = 0;
  for (let s = 0; s < items.length; s++) {
    const e = organic[s] ? items[s]!.embedding : undefined;
    if (e === undefined) continue;
    sum ??= new Float64Array(e.length);
    if (e.length !== sum.length) continue;
    for (let d = 0; d < e.length; d++) sum[d]! += e[d]!;
    count += 1;
  }
  if (sum === null) return null;
  for (let d = 0; d < sum.length; d++) sum[d]! /= count;
  return sum;
}

function cosine(a: Vector, b: Float64Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let d = 0; d < a.length && d < b.length; d++) {
    dot += a[d]! * b[d]!;
    na += a[d]! * a[d]!;
    nb += b[d]! * b[d]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
