import { RebalanceError } from '../errors/RebalanceError.js';
import type { ResolvedPolicy } from '../policy/resolved.js';
import { emptyGroup } from './emptyState.js';
import { adoptState, parseState, sealState, sealedOwner } from './stateShape.js';
import type { GroupState, UserState } from './types.js';

/**
 * Validates an untrusted state and lines it up with a rebalancer's taxonomy and policy: groups in
 * taxonomy order (a group the state lacks — the taxonomy grew — starts empty; a group the
 * taxonomy no longer has is left out), window bits kept only for a `window` detector and trimmed
 * to its length, the recovery memory trimmed to what the policy needs. These are the only
 * adjustments; anything malformed is a `RebalanceError` with code `state`.
 *
 * @internal
 */
export function bindState(
  owner: object,
  groupIds: readonly string[],
  policy: ResolvedPolicy,
  recoveryMemory: number,
  input: unknown,
  api: string,
): UserState {
  if (sealedOwner(input) === owner) return input as UserState;
  const state = parseState(input, api);
  const byId = new Map<string, GroupState>();
  for (const g of state.groups) byId.set(g.id, g);
  const d = policy.detection;
  let same =
    state.groups.length === groupIds.length && state.recoveryShown.length <= recoveryMemory;
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
        },
        owner,
      );
}

function countOnes(bits: string): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) if (bits.charCodeAt(i) === 49) n++;
  return n;
}
