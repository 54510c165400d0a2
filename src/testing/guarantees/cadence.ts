import { hashId } from '../../exposure/hashId.js';
import type { Level } from '../../detect/levels.js';
import type { GuaranteeContext } from '../types.js';
import { idOf, type CaseFacts } from './facts.js';

const SEVERITY: Readonly<Record<Level, number>> = { none: 0, elevated: 1, sustained: 2 };

/**
 * The recovery side of one request: which groups call for recovery at their current level (in
 * the order they take turns: most severe level first, then taxonomy order), the cadence k (the shortest of theirs), and the pool entries each of them may
 * serve.
 *
 * A pool entry may be served for a calling group when it is the first entry with its id, carries
 * a recovery topic of that group, is triggering for no group (recovery tags are co-opted by
 * pro-ED posts, Herrick et al. 2021), is not also a candidate, and was not shown within
 * `recovery.cooldown` impressions: the state remembers `[hashId(id), impressionIndex]` pairs,
 * and an entry shown at index i is cooling while `impressions − (i + 1) < cooldown`.
 *
 * @internal
 */
export interface RecoveryPlan {
  /** Group indices calling for recovery, in the order they take turns. */
  readonly callers: readonly number[];
  /** The cadence, 0 when no group calls. */
  readonly k: number;
  /** Per caller, the pool indices it may serve, in pool order. */
  readonly eligible: readonly (readonly number[])[];
  /** Distinct pool entries any caller may serve. */
  readonly available: number;
  readonly maxShare: number;
  /** Pool indices refused because they are triggering, with the first group they trigger. */
  readonly triggering: ReadonlyMap<number, number>;
  /** Pool indices that are cooling down. */
  readonly cooling: ReadonlySet<number>;
}

/** @internal */
export function recoveryPlan(context: GuaranteeContext, facts: CaseFacts): RecoveryPlan {
  const { reference } = context;
  const request = context.snapshot;
  const G = facts.groups.length;
  const callers: number[] = [];
  let k = 0;
  for (let g = 0; g < G; g++) {
    const every = facts.actions[g]!.recoveryEvery;
    if (every === null) continue;
    callers.push(g);
    k = k === 0 ? every : Math.min(k, every);
  }
  // Turns go to the most severe level first, then taxonomy order.
  callers.sort((a, b) => SEVERITY[facts.levels[b]!] - SEVERITY[facts.levels[a]!] || a - b);
  const candidateIds = new Set<string>();
  for (let i = 0; i < facts.candidates.length; i++) {
    const id = facts.invalid.has(i) ? undefined : idOf(facts.candidates[i]);
    if (id !== undefined) candidateIds.add(id);
  }
  const state = request.state;
  const cooldown = reference.policy.recovery.cooldown;
  const coolingHashes = new Set<string>();
  for (const [hash, shownAt] of state.recoveryShown)
    if (state.impressions - (shownAt + 1) < cooldown) coolingHashes.add(hash);
  const seen = new Set<string>();
  const eligible: number[][] = callers.map(() => []);
  const triggering = new Map<number, number>();
  const cooling = new Set<number>();
  let available = 0;
  for (let p = 0; p < facts.pool.length; p++) {
    const id = idOf(facts.pool[p]);
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    let trigger = -1;
    for (let g = 0; g < G && trigger < 0; g++)
      if (facts.poolTriggering[p * G + g] === 1) trigger = g;
    if (trigger >= 0) {
      triggering.set(p, trigger);
      continue;
    }
    if (candidateIds.has(id)) continue;
    if (coolingHashes.size > 0 && coolingHashes.has(hashId(id))) {
      cooling.add(p);
      continue;
    }
    let any = false;
    for (let c = 0; c < callers.length; c++)
      if (facts.poolRecovery[p * G + callers[c]!] === 1) {
        eligible[c]!.push(p);
        any = true;
      }
    if (any) available += 1;
  }
  return {
    callers,
    k,
    eligible,
    available,
    maxShare: reference.policy.recovery.maxShare,
    triggering,
    cooling,
  };
}

/**
 * Whether served slot `s` is a recovery slot: the latest slot the cadence allows (k slots after
 * the previous recovery slot, so k − 1, 2k − 1, … when nothing moved them), while eligible
 * entries remain and the recovery share of the first s + 1 slots stays within `maxShare` (a slot
 * the share forbids moves to the first later slot it allows).
 *
 * @internal
 */
export function recoveryDue(
  plan: RecoveryPlan,
  s: number,
  lastRecovery: number,
  used: number,
): boolean {
  return (
    plan.k > 0 &&
    s - lastRecovery >= plan.k &&
    used < plan.available &&
    used + 1 <= plan.maxShare * (s + 1) + 1e-9
  );
}

/**
 * Where recovery slots belong, given how many organic items were served and how many eligible
 * candidates remained unserved. Recovery slots follow {@link recoveryDue}; filling stops at
 * `size`, or when no organic item follows; trailing recovery slots are removed unless `size`
 * ended the feed (then organic items were still there to follow).
 *
 * @internal
 */
export function expectedRecoverySlots(
  plan: RecoveryPlan,
  organicServed: number,
  organicLeft: number,
  size: number,
): boolean[] {
  const out: boolean[] = [];
  let organic = 0;
  let used = 0;
  let last = -1;
  let bySize = false;
  for (let s = 0; ; s++) {
    if (organic === organicServed && organicLeft === 0) break;
    if (s >= size) {
      bySize = true;
      break;
    }
    if (recoveryDue(plan, s, last, used)) {
      out.push(true);
      last = s;
      used += 1;
    } else if (organic < organicServed) {
      out.push(false);
      organic += 1;
    } else break;
  }
  if (!bySize) while (out.length > 0 && out[out.length - 1]) out.pop();
  return out;
}

/**
 * The slot where the next organic item would go if the feed went on: after `n` served slots,
 * skipping a recovery slot the cadence would put there first.
 *
 * @internal
 */
export function nextOrganicSlot(plan: RecoveryPlan, recoveryFlags: readonly boolean[]): number {
  let used = 0;
  let last = -1;
  for (let s = 0; s < recoveryFlags.length; s++)
    if (recoveryFlags[s]) {
      used += 1;
      last = s;
    }
  const n = recoveryFlags.length;
  return recoveryDue(plan, n, last, used) ? n + 1 : n;
}
