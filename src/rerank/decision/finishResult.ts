import type { Level } from '../../detect/levels.js';
import type { AppliedActions, DroppedItem, RebalanceResult, Slot } from '../types.js';
import type { Decision, DecisionChange, DecisionIntervention } from './types.js';

/** What the engine returns: a result before its decision record is added. @internal */
export type EngineResult = Omit<RebalanceResult, 'decision'>;

/** What a decision record needs besides the engine's result. @internal */
export interface DecisionContext {
  /** The resolved policy's fingerprint (`policyFingerprint`). */
  readonly policy: string;
  readonly groupIds: readonly string[];
}

const NO_CHANGES: readonly DecisionChange[] = Object.freeze([]);
const NO_INTERVENTIONS: readonly DecisionIntervention[] = Object.freeze([]);
const NO_REASONS: readonly string[] = Object.freeze([]);
const RECOVERY_PREFIX = 'recovery:'.length;
/** What shadow mode applies: nothing. */
const NOTHING_APPLIED: AppliedActions = Object.freeze({
  caps: Object.freeze(Object.create(null) as Record<string, never>),
  recoveryEvery: null,
  recoveryGroups: Object.freeze([]),
  diversify: null,
});

/**
 * Adds the decision record to the engine's result. In shadow mode the result serves the host's
 * own order instead — the candidates up to `size`, each in its own slot, the rest dropped for
 * `size` — with nothing applied and no recovery pool entry refused; what the policy would have
 * done is only in the record, which is the same as without shadow mode but for its flag.
 *
 * The record is built with the result, as plain data (`JSON.stringify`, spreads and
 * `structuredClone` keep it). Building it lazily behind a getter was measured slower: an object
 * literal with an accessor and a closure per request cost more than the record itself
 * (benchmarks/rebalance.bench.ts: about 2.5× a sort of 500 against 1.2× with the record built).
 *
 * @param result - the engine's result for the request
 * @param ctx - the policy fingerprint and the group ids
 * @param candidates - the request's candidates, in the host's order
 * @param size - the request's `size` (`Infinity` when omitted)
 * @param shadow - whether to serve the host's order
 * @returns the result with its `decision`
 * @internal
 */
export function finishResult(
  result: EngineResult,
  ctx: DecisionContext,
  candidates: readonly unknown[],
  size: number,
  shadow: boolean,
): RebalanceResult {
  const hostServed = Math.min(size, candidates.length);
  if (shadow)
    return hostOrder(result, candidates, hostServed, decide(result, ctx, hostServed, true));
  return {
    items: result.items,
    slots: result.slots,
    dropped: result.dropped,
    rejectedRecovery: result.rejectedRecovery,
    assessment: result.assessment,
    applied: result.applied,
    decision: decide(result, ctx, hostServed, false),
  };
}

/**
 * The decision record of an engine result, in one pass over the slots and one over the dropped
 * candidates; an unchanged feed allocates no change entry.
 */
function decide(
  result: EngineResult,
  ctx: DecisionContext,
  hostServed: number,
  shadow: boolean,
): Decision {
  const { slots, dropped, assessment } = result;
  const served = slots.length;
  let changes = NO_CHANGES as DecisionChange[];
  const recovery = Object.create(null) as Record<string, number>;
  for (let s = 0; s < served; s++) {
    const slot = slots[s]!;
    const from = slot.from;
    if (from === null) {
      // A recovery slot's one reason is `recovery:<group>`, the group it was served for.
      const group = (slot.reasons[0] ?? '').slice(RECOVERY_PREFIX);
      recovery[group] = (recovery[group] ?? 0) + 1;
    }
    if (from !== s) {
      if (changes === NO_CHANGES) changes = [];
      changes.push({ slot: s, id: slot.id, from });
    }
  }
  const drops = Object.create(null) as Record<string, number>;
  for (let d = 0; d < dropped.length; d++) {
    const reason = dropped[d]!.reason;
    drops[reason] = (drops[reason] ?? 0) + 1;
  }
  const levels = Object.create(null) as Record<string, Level>;
  const { groupIds } = ctx;
  for (let g = 0; g < groupIds.length; g++) {
    const id = groupIds[g]!;
    levels[id] = assessment.groups[id]?.level ?? 'none';
  }
  const suggested = assessment.interventions;
  let interventions = NO_INTERVENTIONS;
  if (suggested.length > 0) {
    const list = new Array<DecisionIntervention>(suggested.length);
    for (let i = 0; i < suggested.length; i++)
      list[i] = { kind: suggested[i]!.kind, group: suggested[i]!.group };
    interventions = list;
  }
  return {
    version: 1,
    policy: ctx.policy,
    shadow,
    levels,
    served,
    changedSlots: changes.length + (hostServed > served ? hostServed - served : 0),
    changes,
    drops,
    recovery,
    interventions,
  };
}

/**
 * The host's own order as a result. Ids come from the engine's result, where every candidate is
 * in a slot or dropped (nothing lost silently), so the untrusted items are not read again; an
 * entry the engine found invalid keeps the id it was dropped with.
 */
function hostOrder(
  result: EngineResult,
  candidates: readonly unknown[],
  hostServed: number,
  decision: Decision,
): RebalanceResult {
  const ids = new Array<string>(candidates.length).fill('');
  for (const slot of result.slots) if (slot.from !== null) ids[slot.from] = slot.id;
  for (const d of result.dropped) ids[d.from] = d.id;
  const items = candidates.slice(0, hostServed) as RebalanceResult['items'];
  const slots = new Array<Slot>(hostServed);
  for (let i = 0; i < hostServed; i++)
    slots[i] = { id: ids[i]!, source: 'organic', from: i, reasons: NO_REASONS };
  const dropped = new Array<DroppedItem>(candidates.length - hostServed);
  for (let i = hostServed; i < candidates.length; i++)
    dropped[i - hostServed] = { id: ids[i]!, from: i, reason: 'size' };
  return {
    items,
    slots,
    dropped,
    rejectedRecovery: [],
    assessment: result.assessment,
    applied: NOTHING_APPLIED,
    decision,
  };
}
