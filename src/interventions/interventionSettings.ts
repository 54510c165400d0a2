import { joinPath } from '../errors/describe.js';
import { InputReader } from '../validate/reader.js';

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

/** Per field: its default and its smallest value. */
type FieldRules = Readonly<Record<string, readonly [fallback: number, min: number]>>;

const RESOURCES: FieldRules = { cooldownMs: [86_400_000, 0], perSession: [1, 1] };
const NUDGE: FieldRules = {
  afterRun: [8, 1],
  cooldownMs: [1_800_000, 0],
  perSession: [2, 1],
  escalateAfterDismissals: [2, 1],
};
const BREAK: FieldRules = {
  afterMs: [3_600_000, 1],
  cooldownMs: [3_600_000, 0],
  perSession: [2, 1],
};

/**
 * Validates intervention settings and fills in the defaults: resources once per group and
 * session with a 24-hour cooldown; a nudge after a run of 8 with a 30-minute cooldown, twice per
 * session, full screen after 2 dismissals; a break reminder after 60 minutes, hourly, twice per
 * session (YouTube's default for under-18s is 60 minutes).
 *
 * @param input - the settings as configured (untrusted), or `undefined` for the defaults
 * @param api - the API name error messages start with
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
  api = 'resolveInterventionSettings',
): ResolvedInterventionSettings {
  const r = new InputReader(api, 'policy', '');
  const given = r.object(input ?? {}, 'interventions', ['resources', 'nudge', 'break']);
  const resources = readKind(r, given['resources'], 'interventions.resources', RESOURCES);
  const nudge = readKind(r, given['nudge'], 'interventions.nudge', NUDGE);
  const pause = readKind(r, given['break'], 'interventions.break', BREAK);
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

/** One kind's settings: `false` turns it off (`null`); a missing or `null` field takes its default. */
function readKind(
  r: InputReader,
  value: unknown,
  path: string,
  fields: FieldRules,
): Record<string, number> | null {
  if (value === false) return null;
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value)))
    r.fail(path, 'must be an object or false', value);
  const given = r.object(value ?? {}, path, Object.keys(fields));
  const out = Object.create(null) as Record<string, number>;
  for (const [key, [fallback, min]] of Object.entries(fields))
    out[key] = r.integer(given[key] ?? fallback, joinPath(path, key), min, Number.MAX_SAFE_INTEGER);
  return out;
}
