import type { AppliedActions, DroppedItem, RebalanceResult, Slot } from '../types.js';

const NO_REASONS: readonly string[] = Object.freeze([]);
/** What shadow mode applies: nothing. */
const NOTHING_APPLIED: AppliedActions = Object.freeze({
  caps: Object.freeze(Object.create(null) as Record<string, never>),
  recoveryEvery: null,
  recoveryGroups: Object.freeze([]),
  diversify: null,
});

/**
 * The result a request answers with. In shadow mode it serves the host's own order instead —
 * the candidates up to `size`, each in its own slot, the rest dropped for `size` — with nothing
 * applied and no recovery pool entry refused; what the policy would have done is only in the
 * decision record, which is the same as without shadow mode but for its flag.
 *
 * @param result - the engine's result for the request, with its decision record
 * @param candidates - the request's candidates, in the host's order
 * @param size - the request's `size` (`Infinity` when omitted)
 * @param shadow - whether to serve the host's order
 * @internal
 */
export function finishResult(
  result: RebalanceResult,
  candidates: readonly unknown[],
  size: number,
  shadow: boolean,
): RebalanceResult {
  return shadow ? hostOrder(result, candidates, Math.min(size, candidates.length)) : result;
}

/**
 * The host's own order as a result. Ids come from the engine's result, where every candidate is
 * in a slot or dropped (nothing lost silently), so the untrusted items are not read again; an
 * entry the engine found invalid keeps the id it was dropped with.
 */
function hostOrder(
  result: RebalanceResult,
  candidates: readonly unknown[],
  hostServed: number,
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
    decision: result.decision,
  };
}
