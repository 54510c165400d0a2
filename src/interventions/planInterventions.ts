import type { GroupAssessment, Intervention } from '../exposure/types.js';
import type { ResolvedInterventionSettings } from './interventionSettings.js';
import type { InterventionLog } from '../feedback/types.js';

const MINUTE_MS = 60_000;

/**
 * What a planner needs to know about the moment: the assessment's groups, when the session
 * started and the time of the request.
 *
 * @example
 * ```ts
 * import type { InterventionContext } from 'feed-rebalancer';
 * declare const context: InterventionContext;
 * ```
 */
export interface InterventionContext {
  /** Per group, as `assess` reports it. */
  readonly groups: Readonly<Record<string, GroupAssessment>>;
  /** Start of the current session (ms), or `null` before the first impression. */
  readonly sessionStartedAt: number | null;
  /** The time assessed at (ms), or `null` when none is known. */
  readonly at: number | null;
}

/** The shared answer when nothing is due. */
const NONE: readonly Intervention[] = Object.freeze([]);

/**
 * The interventions to suggest beside the feed, as data for the host to render:
 *
 * - `resources` for a group at level `sustained` (reason `sustained`), as platforms surface
 *   expert resources when a harmful pattern persists;
 * - `nudge` to explore other topics when the person lingers on one group — its current run
 *   reaches `nudge.afterRun` below `sustained` (reason `lingering`, or `lingering:full-screen`
 *   once `nudge.escalateAfterDismissals` nudges in a row were dismissed) — as Instagram's Explore
 *   nudge does; at most one nudge at a time, for the group with the longest run;
 * - `break` once the session has lasted `break.afterMs` (reason `session:<minutes>min`), like
 *   YouTube's Take a Break (on by default at 60 minutes for under-18s).
 *
 * Each kind (per group) waits its cooldown after it was last shown and is shown at most
 * `perSession` times per session, counting what the host reported with `recordIntervention`.
 * Pure: it reads no clock and changes nothing.
 *
 * @param context - the assessment's groups, session start and time
 * @param log - what was shown and dismissed, from {@link recordIntervention}
 * @param settings - resolved settings from {@link resolveInterventionSettings}
 * @returns the interventions, resources first, then nudge, then break
 *
 * @example
 * ```ts
 * import { planInterventions, resolveInterventionSettings } from 'feed-rebalancer';
 * const plan = planInterventions(
 *   {
 *     groups: { 'eating-disorder': { level: 'sustained', exposure: 0.8, run: 12, statistic: 5, threshold: 4 } },
 *     sessionStartedAt: 0,
 *     at: 600_000,
 *   },
 *   { shown: [], dismissed: 0 },
 *   resolveInterventionSettings(undefined),
 * );
 * // [{ kind: 'resources', group: 'eating-disorder', reason: 'sustained' }]
 * ```
 */
export function planInterventions(
  context: InterventionContext,
  log: InterventionLog,
  settings: ResolvedInterventionSettings,
): readonly Intervention[] {
  const { groups, sessionStartedAt, at } = context;
  if (at === null) return NONE;
  // Most assessments ask for nothing: decide that before allocating anything, since `assess`
  // runs on every impression.
  let due =
    settings.break !== null &&
    sessionStartedAt !== null &&
    at - sessionStartedAt >= settings.break.afterMs;
  if (!due) {
    for (const id in groups) {
      const g = groups[id]!;
      if (
        (settings.resources !== null && g.level === 'sustained') ||
        (settings.nudge !== null && g.level !== 'sustained' && g.run >= settings.nudge.afterRun)
      ) {
        due = true;
        break;
      }
    }
  }
  if (!due) return NONE;
  const out: Intervention[] = [];
  const allowed = (
    kind: Intervention['kind'],
    group: string,
    cooldownMs: number,
    perSession: number,
  ): boolean => {
    let count = 0;
    let last = -Infinity;
    for (const [k, g, when] of log.shown) {
      if (k !== kind) continue;
      if (g === group && when > last) last = when;
      // Shown in this session: at or after its start.
      if (
        sessionStartedAt !== null &&
        when >= sessionStartedAt &&
        (kind === 'break' || g === group)
      )
        count++;
    }
    return at - last >= cooldownMs && count < perSession;
  };
  const ids = Object.keys(groups);
  if (settings.resources !== null) {
    const { cooldownMs, perSession } = settings.resources;
    for (const id of ids) {
      if (groups[id]!.level === 'sustained' && allowed('resources', id, cooldownMs, perSession)) {
        out.push({ kind: 'resources', group: id, reason: 'sustained' });
      }
    }
  }
  if (settings.nudge !== null) {
    const { afterRun, cooldownMs, perSession, escalateAfterDismissals } = settings.nudge;
    let best: string | null = null;
    for (const id of ids) {
      const g = groups[id]!;
      if (g.level === 'sustained' || g.run < afterRun) continue;
      if (best === null || g.run > groups[best]!.run) best = id;
    }
    if (best !== null && allowed('nudge', best, cooldownMs, perSession)) {
      const reason =
        log.dismissed >= escalateAfterDismissals ? 'lingering:full-screen' : 'lingering';
      out.push({ kind: 'nudge', group: best, reason });
    }
  }
  if (settings.break !== null && sessionStartedAt !== null) {
    const { afterMs, cooldownMs, perSession } = settings.break;
    const length = at - sessionStartedAt;
    if (length >= afterMs && allowed('break', '', cooldownMs, perSession)) {
      out.push({
        kind: 'break',
        group: null,
        reason: `session:${Math.floor(length / MINUTE_MS)}min`,
      });
    }
  }
  return out;
}
