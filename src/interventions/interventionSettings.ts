import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue, joinPath } from '../errors/describe.js';

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
