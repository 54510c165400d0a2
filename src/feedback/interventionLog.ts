import { failInput } from '../validate/fail.js';
import { LIMITS } from '../validate/limits.js';
import type { InterventionKind, InterventionLog } from './types.js';

/**
 * The log of a user nothing was shown to yet.
 *
 * @internal
 */
export const EMPTY_INTERVENTION_LOG: InterventionLog = Object.freeze({
  shown: Object.freeze([]),
  dismissed: 0,
});

/**
 * Folds what the host did with an intervention into the log: `shown` records it (for cooldowns
 * and per-session caps, which count entries since the session's start), `dismissed` counts a
 * dismissed nudge (escalating the next one), and `accepted` resets that count. The log never
 * keeps the newest 12 entries, the bound a state keeps. Returns a new log; the input is not
 * changed.
 *
 * @param log - the current log
 * @param event - what happened, to which intervention, and when
 * @returns the new log
 * @throws RebalanceError with code `impression` when the event is malformed
 *
 * @example
 * ```ts
 * import { recordIntervention } from 'feed-rebalancer';
 * const log = recordIntervention(
 *   { shown: [], dismissed: 0 },
 *   { type: 'shown', kind: 'nudge', group: 'eating-disorder', at: 60_000 },
 * );
 * log.shown; // [['nudge', 'eating-disorder', 60000]]
 * ```
 */
export function recordIntervention(
  log: InterventionLog,
  event: {
    readonly type: 'shown' | 'dismissed' | 'accepted';
    readonly kind: InterventionKind;
    readonly group: string | null;
    readonly at: number;
  },
): InterventionLog {
  const { type, kind, group, at } = event;
  const fail = (path: string, rule: string, value: unknown): never =>
    failInput('impression', 'recordIntervention', path, rule, value);
  if (type !== 'shown' && type !== 'dismissed' && type !== 'accepted')
    fail('type', "must be one of 'shown', 'dismissed', 'accepted'", type);
  if (kind !== 'nudge' && kind !== 'resources' && kind !== 'break')
    fail('kind', "must be one of 'nudge', 'resources', 'break'", kind);
  if (group !== null && (typeof group !== 'string' || group.length > LIMITS.nameLength))
    fail('group', 'must be a group id or null', group);
  if (typeof at !== 'number' || !Number.isFinite(at)) fail('at', 'must be a finite time in ms', at);
  let shown = log.shown;
  let dismissed = log.dismissed;
  if (type === 'shown') {
    shown = [...shown, [kind, group ?? '', at] as const];
    if (shown.length > LIMITS.loggedInterventions)
      shown = shown.slice(shown.length - LIMITS.loggedInterventions);
  } else if (kind === 'nudge') {
    dismissed = type === 'dismissed' ? dismissed + 1 : 0;
  }
  return { shown, dismissed };
}

/**
 * The log without entries of groups the taxonomy no longer has (breaks, group `''`, stay), and
 * at most its newest `LIMITS.loggedInterventions` entries; the same log when all are kept.
 *
 * @internal
 */
export function keepKnownInterventions(
  log: InterventionLog,
  groups: ReadonlySet<string>,
): InterventionLog {
  const shown = log.shown;
  let clean = shown.length <= LIMITS.loggedInterventions;
  for (let i = 0; clean && i < shown.length; i++) {
    const group = shown[i]![1];
    if (group !== '' && !groups.has(group)) clean = false;
  }
  if (clean) return log;
  const kept = shown.filter(([, group]) => group === '' || groups.has(group));
  return {
    shown: kept.slice(Math.max(0, kept.length - LIMITS.loggedInterventions)),
    dismissed: log.dismissed,
  };
}
