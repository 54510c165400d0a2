import { RebalanceError } from '../errors/RebalanceError.js';
import type { ResolvedPolicy } from '../policy/resolved.js';
import { emptyGroup } from './emptyState.js';
import { adoptState, parseState, sealState, sealedOwner } from './stateShape.js';
import { STATE_LOGGED_INTERVENTIONS, type GroupState, type UserState } from './types.js';
import {
  EMPTY_INTERVENTION_LOG,
  type InterventionLog,
} from '../interventions/interventionSettings.js';
import type { SeeLessEntry } from '../interventions/seeLess.js';

/**
 * Validates an untrusted state and lines it up with a rebalancer's taxonomy and policy: groups in
 * taxonomy order (a group the state lacks — the taxonomy grew — starts empty; a group the
 * taxonomy no longer has is left out), window bits kept only for a `window` detector and trimmed
 * to its length, the recovery memory trimmed to what the policy needs, "see less" choices and
 * logged interventions kept only for targets and groups the taxonomy has (the newest
 * {@link STATE_LOGGED_INTERVENTIONS} interventions). These are the only
 * adjustments; anything malformed is a `RebalanceError` with code `state`.
 *
 * @internal
 */
export function bindState(
  owner: object,
  groupIds: readonly string[],
  policy: ResolvedPolicy,
  recoveryMemory: number,
  seeLessTargets: ReadonlySet<string>,
  input: unknown,
  api: string,
): UserState {
  if (sealedOwner(input) === owner) return input as UserState;
  const state = parseState(input, api);
  const byId = new Map<string, GroupState>();
  for (const g of state.groups) byId.set(g.id, g);
  const d = policy.detection;
  const known = new Set(groupIds);
  const seeLess = keptSeeLess(state.seeLess ?? [], seeLessTargets);
  const interventions = keptInterventions(state.interventions ?? EMPTY_INTERVENTION_LOG, known);
  let same =
    state.groups.length === groupIds.length &&
    state.recoveryShown.length <= recoveryMemory &&
    seeLess === state.seeLess &&
    interventions === state.interventions;
  const groups = groupIds.map((id, index) => {
    const g = byId.get(id);
    if (g === undefined) {
      same = false;
      return emptyGroup(id);
    }
    if (state.groups[index]?.id !== id) same = false;
    // The run and window statistics are functions of the run and the window bits: recompute them
    // so a policy change (or an edited statistic) cannot leave them out of step.
    const window =
      d.kind === 'window' ? g.window.slice(Math.max(0, g.window.length - d.window)) : '';
    const statistic =
      d.kind === 'window' ? countOnes(window) : d.kind === 'run' ? g.run : g.statistic;
    if (d.kind === 'ewma' && statistic > 1)
      throw new RebalanceError(
        'state',
        `${api}: state.groups[${index}].statistic must be an EWMA value in [0, 1] (got ${statistic})`,
        `groups[${index}].statistic`,
      );
    if (window !== g.window || statistic !== g.statistic) {
      same = false;
      return { ...g, window, statistic };
    }
    return g;
  });
  return same
    ? adoptState(state, owner)
    : sealState(
        {
          ...state,
          session: { ...state.session },
          groups,
          recoveryShown: state.recoveryShown.slice(
            Math.max(0, state.recoveryShown.length - recoveryMemory),
          ),
          interventions,
          seeLess,
        },
        owner,
      );
}

function countOnes(bits: string): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) if (bits.charCodeAt(i) === 49) n++;
  return n;
}

/** The entries whose target the taxonomy has; the same array when all are kept. */
function keptSeeLess(
  entries: readonly SeeLessEntry[],
  targets: ReadonlySet<string>,
): readonly SeeLessEntry[] {
  for (let i = 0; i < entries.length; i++)
    if (!targets.has(entries[i]![0])) return entries.filter(([t]) => targets.has(t));
  return entries;
}

/** The newest entries of known groups (or none, for breaks); the same log when all are kept. */
function keptInterventions(log: InterventionLog, groups: ReadonlySet<string>): InterventionLog {
  const shown = log.shown;
  let clean = shown.length <= STATE_LOGGED_INTERVENTIONS;
  for (let i = 0; clean && i < shown.length; i++) {
    const group = shown[i]![1];
    if (group !== '' && !groups.has(group)) clean = false;
  }
  if (clean) return log;
  const kept = shown.filter(([, group]) => group === '' || groups.has(group));
  return {
    shown: kept.slice(Math.max(0, kept.length - STATE_LOGGED_INTERVENTIONS)),
    dismissed: log.dismissed,
  };
}
