import type { ResolvedDetection } from '../detect/detector.js';
import { emptyGroup } from './emptyState.js';
import { lineUpGroup } from './lineUpGroup.js';
import { sealState } from './sealState.js';
import type { TrustedStates } from './TrustedStates.js';
import { parseState } from './stateShape.js';
import type { GroupState, UserState } from './types.js';
import { EMPTY_INTERVENTION_LOG, keepKnownInterventions } from '../feedback/interventionLog.js';
import { keepSeeLessOf } from '../feedback/seeLess.js';

/** What a rebalancer lines states up with. @internal */
export interface BindContext {
  /** The states the rebalancer built or lined up already. */
  readonly trusted: TrustedStates;
  /** The taxonomy's group ids, in order. */
  readonly groupIds: readonly string[];
  /** Per group index, the detector of the group's policy. */
  readonly detections: readonly ResolvedDetection[];
  /** Per group index, that detector's fingerprint. */
  readonly fingerprints: readonly string[];
  /** Recently shown recovery items the policy needs remembered. */
  readonly recoveryMemory: number;
  /** Ids "see less" may name. */
  readonly seeLessTargets: ReadonlySet<string>;
}

/**
 * Validates an untrusted state and lines it up with a rebalancer's taxonomy and policy: groups in
 * taxonomy order (a group the state lacks — the taxonomy grew — starts empty; a group the
 * taxonomy no longer has is left out), each group's statistic, window, level and hold restarted
 * when they were written by another detector than its policy's (`lineUpGroup`), the recovery
 * memory trimmed to what the policy needs, "see less" choices and logged interventions kept
 * only for targets and groups the taxonomy has (the newest 12 interventions). These are the only adjustments, and none of them throws; anything malformed
 * is a `RebalanceError` with code `state`.
 *
 * @internal
 */
export function bindState(ctx: BindContext, input: unknown, api: string): UserState {
  if (ctx.trusted.isTrusted(input)) return input;
  const { groupIds, detections, fingerprints, recoveryMemory } = ctx;
  const state = parseState(input, api);
  const byId = new Map<string, GroupState>();
  for (const g of state.groups) byId.set(g.id, g);
  const seeLess = keepSeeLessOf(state.seeLess ?? [], ctx.seeLessTargets);
  const known = new Set(groupIds);
  const interventions = keepKnownInterventions(
    state.interventions ?? EMPTY_INTERVENTION_LOG,
    known,
  );
  let same =
    state.groups.length === groupIds.length &&
    state.recoveryShown.length <= recoveryMemory &&
    seeLess === state.seeLess &&
    interventions === state.interventions;
  const groups = groupIds.map((id, index) => {
    const g = byId.get(id);
    if (g === undefined) {
      same = false;
      return emptyGroup(id, fingerprints[index]!);
    }
    if (state.groups[index]?.id !== id) same = false;
    const lined = lineUpGroup(g, detections[index]!, fingerprints[index]!);
    if (lined !== g) same = false;
    return lined;
  });
  return ctx.trusted.trust(
    same
      ? state
      : sealState({
          ...state,
          session: { ...state.session },
          groups,
          recoveryShown: state.recoveryShown.slice(
            Math.max(0, state.recoveryShown.length - recoveryMemory),
          ),
          interventions,
          seeLess,
        }),
  );
}
