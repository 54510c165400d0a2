import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue, joinPath } from '../errors/describe.js';
import type { Intervention } from '../exposure/types.js';

/**
 * When interventions are suggested. Each kind may be turned off with `false`.
 *
 * @example
 * ```ts
 * import type { InterventionSettings } from 'feed-rebalancer';
 * const settings: InterventionSettings = { nudge: { afterRun: 6 }, break: false };
 * ```
 */
export interface InterventionSettings {
  /** Resources beside the feed while a group is `sustained`. */
  readonly resources?:
    | false
    | {
        /** Time before the same group's resources are suggested again (ms). @defaultValue 86_400_000 (24 h) */
        readonly cooldownMs?: number;
        /** Most suggestions per group and session. @defaultValue 1 */
        readonly perSession?: number;
      };
  /** A nudge to explore other topics when a person lingers on one group. */
  readonly nudge?:
    | false
    | {
        /** Run of consecutive triggering impressions of one group that counts as lingering. @defaultValue 8 */
        readonly afterRun?: number;
        /** Time before the same group's nudge is suggested again (ms). @defaultValue 1_800_000 (30 min) */
        readonly cooldownMs?: number;
        /** Most nudges per group and session. @defaultValue 2 */
        readonly perSession?: number;
        /** Nudges dismissed in a row after which the next one asks for a full screen. @defaultValue 2 */
        readonly escalateAfterDismissals?: number;
      };
  /** A break reminder after a long session. */
  readonly break?:
    | false
    | {
        /** Session length after which a break is suggested (ms). @defaultValue 3_600_000 (60 min) */
        readonly afterMs?: number;
        /** Time before the next break reminder (ms). @defaultValue 3_600_000 (60 min) */
        readonly cooldownMs?: number;
        /** Most break reminders per session. @defaultValue 2 */
        readonly perSession?: number;
      };
}

/**
 * Settings with every default filled in; `null` turns a kind off.
 *
 * @example
 * ```ts
 * import { resolveInterventionSettings } from 'feed-rebalancer';
 * resolveInterventionSettings(undefined).nudge?.afterRun; // 8
 * ```
 */
export interface ResolvedInterventionSettings {
  readonly resources: { readonly cooldownMs: number; readonly perSession: number } | null;
  readonly nudge: {
    readonly afterRun: number;
    readonly cooldownMs: number;
    readonly perSession: number;
    readonly escalateAfterDismissals: number;
  } | null;
  readonly break: {
    readonly afterMs: number;
    readonly cooldownMs: number;
    readonly perSession: number;
  } | null;
}

/**
 * What the host reported about interventions, kept in the user's state: the interventions shown
 * (oldest first, at most {@link MAX_LOGGED_INTERVENTIONS}, as `[kind, group or '', at]`) and the
 * nudges dismissed in a row (kept across sessions, so escalation is not undone by a gap).
 *
 * @example
 * ```ts
 * import type { InterventionLog } from 'feed-rebalancer';
 * const log: InterventionLog = { shown: [['nudge', 'eating-disorder', 60_000]], dismissed: 1 };
 * ```
 */
export interface InterventionLog {
  readonly shown: readonly (readonly [kind: Intervention['kind'], group: string, at: number])[];
  readonly dismissed: number;
}

/**
 * Most shown interventions a log keeps: enough for every cap and cooldown, bounded whatever
 * happens.
 *
 * @example
 * ```ts
 * import { MAX_LOGGED_INTERVENTIONS } from 'feed-rebalancer';
 * console.log(MAX_LOGGED_INTERVENTIONS); // 24
 * ```
 */
export const MAX_LOGGED_INTERVENTIONS = 24;

/**
 * The log of a user nothing was shown to yet.
 *
 * @example
 * ```ts
 * import { EMPTY_INTERVENTION_LOG } from 'feed-rebalancer';
 * EMPTY_INTERVENTION_LOG.shown.length; // 0
 * ```
 */
export const EMPTY_INTERVENTION_LOG: InterventionLog = Object.freeze({
  shown: Object.freeze([]),
  dismissed: 0,
});

/**
 * Validates intervention settings and fills in the defaults: resources once per group and
 * session with a 24-hour cooldown; a nudge after a run of 8 with a 30-minute cooldown, twice per
 * session, full screen after 2 dismissals; a break reminder after 60 minutes, hourly, twice per
 * session (YouTube's default for under-18s is 60 minutes).
 *
 * @param input - the settings as configured (untrusted), or `undefined` for the defaults
 * @returns the resolved settings
 * @throws RebalanceError with code `policy` and the path of the bad field (`interventions.nudge.afterRun`)
 *
 * @example
 * ```ts
 * import { resolveInterventionSettings } from 'feed-rebalancer';
 * resolveInterventionSettings({ break: false }).break; // null
 * ```
 */
export function resolveInterventionSettings(
  input: InterventionSettings | undefined,
): ResolvedInterventionSettings {
  const root = 'interventions';
  const read = (
    value: unknown,
    path: string,
    fields: Record<string, [number, number]>,
  ): Record<string, number> | null => {
    if (value === false) return null;
    const source = value === undefined ? {} : value;
    if (typeof source !== 'object' || source === null || Array.isArray(source)) {
      throw new RebalanceError(
        'policy',
        `createRebalancer: ${path} must be an object or false (got ${describeValue(value)})`,
        path,
      );
    }
    const out = Object.create(null) as Record<string, number>;
    for (const key of Object.keys(source)) {
      if (!(key in fields)) {
        throw new RebalanceError(
          'policy',
          `createRebalancer: ${joinPath(path, key)} is not a known field (expected one of ${Object.keys(fields).join(', ')}) (got ${describeValue(key)})`,
          joinPath(path, key),
        );
      }
    }
    for (const [key, [fallback, min]] of Object.entries(fields)) {
      const v: unknown = (source as Record<string, unknown>)[key] ?? fallback;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
        throw new RebalanceError(
          'policy',
          `createRebalancer: ${joinPath(path, key)} must be an integer >= ${min} (got ${describeValue(v)})`,
          joinPath(path, key),
        );
      }
      out[key] = v;
    }
    return out;
  };
  const settings: unknown = input ?? {};
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new RebalanceError(
      'policy',
      `createRebalancer: ${root} must be an object (got ${describeValue(input)})`,
      root,
    );
  }
  const s = settings as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    if (key !== 'resources' && key !== 'nudge' && key !== 'break') {
      throw new RebalanceError(
        'policy',
        `createRebalancer: ${joinPath(root, key)} is not a known field (expected one of resources, nudge, break) (got ${describeValue(key)})`,
        joinPath(root, key),
      );
    }
  }
  const resources = read(s['resources'], 'interventions.resources', {
    cooldownMs: [86_400_000, 0],
    perSession: [1, 1],
  });
  const nudge = read(s['nudge'], 'interventions.nudge', {
    afterRun: [8, 1],
    cooldownMs: [1_800_000, 0],
    perSession: [2, 1],
    escalateAfterDismissals: [2, 1],
  });
  const pause = read(s['break'], 'interventions.break', {
    afterMs: [3_600_000, 1],
    cooldownMs: [3_600_000, 0],
    perSession: [2, 1],
  });
  return {
    resources:
      resources === null
        ? null
        : { cooldownMs: resources['cooldownMs']!, perSession: resources['perSession']! },
    nudge:
      nudge === null
        ? null
        : {
            afterRun: nudge['afterRun']!,
            cooldownMs: nudge['cooldownMs']!,
            perSession: nudge['perSession']!,
            escalateAfterDismissals: nudge['escalateAfterDismissals']!,
          },
    break:
      pause === null
        ? null
        : {
            afterMs: pause['afterMs']!,
            cooldownMs: pause['cooldownMs']!,
            perSession: pause['perSession']!,
          },
  };
}

/**
 * Folds what the host did with an intervention into the log: `shown` records it (for cooldowns
 * and per-session caps, which count entries since the session's start), `dismissed` counts a
 * dismissed nudge (escalating the next one), and `accepted` resets that count. The log never
 * holds more than {@link MAX_LOGGED_INTERVENTIONS} entries. Returns a new log; the input is not
 * changed.
 *
 * @param log - the current log
 * @param event - what happened, to which intervention, and when
 * @returns the new log
 * @throws RebalanceError with code `impression` when the event is malformed
 *
 * @example
 * ```ts
 * import { EMPTY_INTERVENTION_LOG, recordIntervention } from 'feed-rebalancer';
 * const log = recordIntervention(
 *   EMPTY_INTERVENTION_LOG,
 *   { type: 'shown', kind: 'nudge', group: 'eating-disorder', at: 60_000 },
 * );
 * log.shown; // [['nudge', 'eating-disorder', 60000]]
 * ```
 */
export function recordIntervention(
  log: InterventionLog,
  event: {
    readonly type: 'shown' | 'dismissed' | 'accepted';
    readonly kind: Intervention['kind'];
    readonly group: string | null;
    readonly at: number;
  },
): InterventionLog {
  const { type, kind, group, at } = event;
  if (type !== 'shown' && type !== 'dismissed' && type !== 'accepted') {
    throw new RebalanceError(
      'impression',
      `recordIntervention: type must be one of 'shown', 'dismissed', 'accepted' (got ${describeValue(type)})`,
      'type',
    );
  }
  if (kind !== 'nudge' && kind !== 'resources' && kind !== 'break') {
    throw new RebalanceError(
      'impression',
      `recordIntervention: kind must be one of 'nudge', 'resources', 'break' (got ${describeValue(kind)})`,
      'kind',
    );
  }
  if (group !== null && (typeof group !== 'string' || group.length > 200)) {
    throw new RebalanceError(
      'impression',
      `recordIntervention: group must be a group id or null (got ${describeValue(group)})`,
      'group',
    );
  }
  if (typeof at !== 'number' || !Number.isFinite(at)) {
    throw new RebalanceError(
      'impression',
      `recordIntervention: at must be a finite time in ms (got ${describeValue(at)})`,
      'at',
    );
  }
  let shown = log.shown;
  let dismissed = log.dismissed;
  if (type === 'shown') {
    shown = [...shown, [kind, group ?? '', at] as const];
    if (shown.length > MAX_LOGGED_INTERVENTIONS)
      shown = shown.slice(shown.length - MAX_LOGGED_INTERVENTIONS);
  } else if (kind === 'nudge') {
    dismissed = type === 'dismissed' ? dismissed + 1 : 0;
  }
  return { shown, dismissed };
}
