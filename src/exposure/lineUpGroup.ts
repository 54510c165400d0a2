import type { ResolvedDetection } from '../detect/detector.js';
import { WINDOW_STEPS, windowTwentieths } from '../detect/windowSymbols.js';
import type { GroupState } from './types.js';

/**
 * Lines a stored group up with the detector its group has under the rebalancer's policy, so
 * that no statistic is ever read as another detector's (docs/state.md, "Changing the policy").
 *
 * - Same fingerprint: the group is kept. The `run` and `window` statistics are functions of the
 *   run and the window, and are recomputed from them, so an edited statistic cannot leave them
 *   out of step.
 * - Another fingerprint: the detector that wrote the statistic differs in kind, in a parameter
 *   the statistic depends on, or in evidence. The statistic, window, level and hold restart as
 *   in a fresh state (a `run` statistic is the run, which is kept); the exposure masses and the
 *   run are kept.
 * - No fingerprint (a state stored before fingerprints existed): it was written by labels, by
 *   whatever detector the service ran then. It is taken as written by the current detector when
 *   its values are possible for it — the statistic equals the run for `run`; `0`/`1` bits no
 *   longer than the window, whose count is the statistic, for `window`; no window bits and not
 *   a run-like integer statistic for `cusum`, and moreover at most 1 for `ewma` — and the
 *   detector counts labels; otherwise the group restarts as above.
 *
 * Never throws: every stored group that passed `parseState` lines up with any detector.
 *
 * @param g - the validated stored group
 * @param d - the detector of the group's policy
 * @param fingerprint - its fingerprint
 * @returns `g` itself when nothing changes, else a new group stamped with `fingerprint`
 *
 * @internal
 */
export function lineUpGroup(g: GroupState, d: ResolvedDetection, fingerprint: string): GroupState {
  const keep = g.detector === undefined ? possibleFor(d, g) : g.detector === fingerprint;
  if (!keep)
    return {
      id: g.id,
      triggeringMass: g.triggeringMass,
      totalMass: g.totalMass,
      run: g.run,
      statistic: d.kind === 'run' ? g.run : 0,
      window: '',
      level: 'none',
      hold: 0,
      detector: fingerprint,
    };
  const statistic =
    d.kind === 'window'
      ? Math.max(0, windowTwentieths(g.window)) / WINDOW_STEPS
      : d.kind === 'run'
        ? g.run
        : g.statistic;
  if (statistic === g.statistic && g.detector === fingerprint) return g;
  return { ...g, statistic, detector: fingerprint };
}

/** Whether a group stored without a fingerprint can have been written by detector `d`. */
function possibleFor(d: ResolvedDetection, g: GroupState): boolean {
  // Confidence evidence did not exist before fingerprints: only a labels detector (or `run`,
  // which always counts labels) can read such a state as its own.
  if (d.kind !== 'run' && d.evidence !== 'labels') return false;
  // A `run` detector stores its run as its statistic; no other detector does, except by chance.
  const runLike = g.statistic > 0 && g.statistic === g.run;
  switch (d.kind) {
    case 'run':
      return g.window === '' && g.statistic === g.run;
    case 'window':
      return (
        g.window.length <= d.window && windowTwentieths(g.window) === g.statistic * WINDOW_STEPS
      );
    case 'cusum':
      return g.window === '' && !runLike;
    case 'ewma':
      return g.window === '' && g.statistic <= 1 && !runLike;
  }
}
