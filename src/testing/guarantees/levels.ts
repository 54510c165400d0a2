import type { GuaranteeContext } from '../types.js';
import type { CaseFacts } from './facts.js';

/**
 * The caps and the cadence are read at each group's current level, as the result's assessment
 * reports it; a target that reported a lower level than the reference engine assesses for the
 * same state and time would escape them. Returns the first disagreement, or `null`.
 *
 * @internal
 */
export function levelProblem(context: GuaranteeContext, facts: CaseFacts): string | null {
  const { reference } = context;
  const request = context.snapshot;
  let expected;
  // Without profiling the state is not read: every group is assessed as for an empty state.
  const state = request.profiling === false ? reference.emptyState() : request.state;
  try {
    expected =
      request.at === undefined ? reference.assess(state) : reference.assess(state, request.at);
  } catch {
    return null; // the reference cannot assess this request; the target's levels stand
  }
  for (let g = 0; g < facts.groups.length; g++) {
    const id = facts.groups[g]!;
    const want = expected.groups[id]?.level;
    if (want !== undefined && want !== facts.levels[g])
      return `the result's assessment puts ${id} at level ${facts.levels[g]!}, but the reference engine assesses ${want}`;
  }
  return null;
}
