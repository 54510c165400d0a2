import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';
import type { Level } from '../policy/types.js';
import type { GroupState, UserState } from './types.js';
import {
  EMPTY_INTERVENTION_LOG,
  MAX_LOGGED_INTERVENTIONS,
  type InterventionLog,
} from '../interventions/interventionSettings.js';
import { SEE_LESS, type SeeLessEntry } from '../interventions/seeLess.js';

/** The state format this version writes and reads. @internal */
export const STATE_VERSION = 1;

/** Largest number of groups a state may hold (a taxonomy may have at most 64). @internal */
const MAX_GROUPS = 64;
/** Largest number of remembered recovery items a state may hold. @internal */
export const MAX_RECOVERY_MEMORY = 5_001;
const MAX_WINDOW_BITS = 512;
const LEVELS: readonly string[] = ['none', 'elevated', 'sustained'];

/**
 * The states this library built and froze most recently, each with the rebalancer it is lined
 * up with (or `null` when only its structure is known to be valid). A state found here skips
 * re-validation: being frozen, it cannot have changed since. A small ring rather than a
 * WeakMap, because a WeakMap insertion costs more than the whole `observe` it would save; the
 * common `state = rb.observe(state, …)` then `rb.rebalance({ state, … })` always hits, and a
 * state that has left the ring is simply validated again.
 */
const RING = 32;
const ringStates: (object | undefined)[] = new Array<object | undefined>(RING);
const ringOwners: (object | null)[] = new Array<object | null>(RING).fill(null);
let ringNext = 0;

/**
 * Freezes a state built by the library and remembers it as trusted, lined up with `owner`.
 * Entries of `recoveryShown` are frozen where they are created. Lists taken over unchanged from
 * `previous`, a sealed state, are frozen already and are not frozen again (a freeze is a
 * runtime call, and `observe` seals a state per impression).
 *
 * @internal
 */
export function sealState(
  state: UserState,
  owner: object | null = null,
  previous: UserState | null = null,
): UserState {
  const groups = state.groups;
  for (let g = 0; g < groups.length; g++) Object.freeze(groups[g]);
  Object.freeze(groups);
  if (state.recoveryShown !== previous?.recoveryShown) Object.freeze(state.recoveryShown);
  Object.freeze(state.session);
  // Entries of both lists are frozen where they are created.
  if (state.interventions !== undefined && state.interventions !== previous?.interventions) {
    Object.freeze(state.interventions.shown);
    Object.freeze(state.interventions);
  }
  if (state.seeLess !== undefined && state.seeLess !== previous?.seeLess)
    Object.freeze(state.seeLess);
  Object.freeze(state);
  return adoptState(state, owner);
}

/** The rebalancer a recently sealed state is lined up with; `undefined` when unknown. @internal */
export function sealedOwner(value: unknown): object | null | undefined {
  // Newest first: the state just returned by observe is the usual one.
  for (let k = 1; k <= RING; k++) {
    const i = (ringNext - k + RING) % RING;
    if (ringStates[i] === value) return ringOwners[i];
  }
  return undefined;
}

/** Records that a sealed state is lined up with `owner`. @internal */
export function adoptState(state: UserState, owner: object | null): UserState {
  ringStates[ringNext] = state;
  ringOwners[ringNext] = owner;
  ringNext = (ringNext + 1) % RING;
  return state;
}

function bad(api: string, path: string, rule: string, value: unknown): never {
  throw new RebalanceError(
    'state',
    `${api}: state.${path} ${rule} (got ${describeValue(value)})`,
    path,
  );
}

function field(api: string, obj: unknown, key: string, path: string): unknown {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    bad(api, path, 'must be an object', obj);
  const at = path === '' ? key : `${path}.${key}`;
  let present: boolean;
  let value: unknown;
  try {
    present = Object.prototype.hasOwnProperty.call(obj, key);
    value = (obj as Record<string, unknown>)[key];
  } catch (cause) {
    throw new RebalanceError(
      'state',
      `${api}: state.${at} could not be read (its getter threw)`,
      at,
      {
        cause,
      },
    );
  }
  if (!present) bad(api, at, 'is missing', undefined);
  return value;
}

function count(api: string, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    bad(api, path, 'must be a non-negative integer', value);
  return value;
}

function nonNegative(api: string, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    bad(api, path, 'must be a finite number >= 0', value);
  return value;
}

function time(api: string, value: unknown, path: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    bad(api, path, 'must be a finite number or null', value);
  return value;
}

function readGroup(api: string, raw: unknown, path: string): GroupState {
  const id = field(api, raw, 'id', path);
  if (typeof id !== 'string' || id.length === 0 || id.length > 256)
    bad(api, `${path}.id`, 'must be a group id', id);
  const triggeringMass = nonNegative(
    api,
    field(api, raw, 'triggeringMass', path),
    `${path}.triggeringMass`,
  );
  const totalMass = nonNegative(api, field(api, raw, 'totalMass', path), `${path}.totalMass`);
  // Both masses decay by the same factor per impression and only the triggering one decays in
  // time, so the triggering mass can never exceed the total (up to rounding).
  if (triggeringMass > totalMass * (1 + 1e-9) + 1e-12)
    bad(api, `${path}.triggeringMass`, `must not exceed totalMass (${totalMass})`, triggeringMass);
  const run = count(api, field(api, raw, 'run', path), `${path}.run`);
  const statistic = nonNegative(api, field(api, raw, 'statistic', path), `${path}.statistic`);
  const window = field(api, raw, 'window', path);
  if (typeof window !== 'string' || window.length > MAX_WINDOW_BITS || !/^[01]*$/.test(window))
    bad(
      api,
      `${path}.window`,
      `must be a string of at most ${MAX_WINDOW_BITS} '0'/'1' characters`,
      window,
    );
  const level = field(api, raw, 'level', path);
  if (typeof level !== 'string' || !LEVELS.includes(level))
    bad(api, `${path}.level`, "must be 'none', 'elevated' or 'sustained'", level);
  const hold = count(api, field(api, raw, 'hold', path), `${path}.hold`);
  return { id, triggeringMass, totalMass, run, statistic, window, level: level as Level, hold };
}

/**
 * Checks the structure of an untrusted state — a JSON string or a parsed value — and returns a
 * fresh, frozen copy. It does not know the taxonomy or policy; `rb.parseState` checks those too.
 *
 * @param input - a JSON string or a parsed object
 * @param api - the API name error messages start with
 * @returns the validated state
 * @throws RebalanceError with code `state` for malformed JSON, a tampered or truncated state, or a
 *   state from a future version — never a silent reset
 *
 * @example
 * ```ts
 * import { parseState, serializeState, createRebalancer, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const text = serializeState(rb.emptyState());
 * const back = parseState(text); // deep-equal to the empty state
 * ```
 */
export function parseState(input: unknown, api = 'parseState'): UserState {
  if (sealedOwner(input) !== undefined) return input as UserState;
  try {
    return readState(input, api);
  } catch (error) {
    if (error instanceof RebalanceError) throw error;
    // A proxy trap or an array element getter threw somewhere inside.
    throw new RebalanceError(
      'state',
      `${api}: state could not be read (a getter or proxy threw)`,
      '',
      {
        cause: error,
      },
    );
  }
}

function readState(input: unknown, api: string): UserState {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > 1_000_000)
      bad(api, '', 'must be at most 1,000,000 characters of JSON', input);
    try {
      value = JSON.parse(input) as unknown;
    } catch (cause) {
      throw new RebalanceError(
        'state',
        `${api}: state is not valid JSON (${(cause as Error).message})`,
        '',
        { cause },
      );
    }
  }
  const version = field(api, value, 'version', '');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    bad(api, 'version', 'must be a positive integer', version);
  if (version > STATE_VERSION)
    bad(
      api,
      'version',
      `is from a newer version of feed-rebalancer (this one reads version ${STATE_VERSION})`,
      version,
    );
  const impressions = count(api, field(api, value, 'impressions', ''), 'impressions');
  const lastAt = time(api, field(api, value, 'lastAt', ''), 'lastAt');
  const sessionRaw = field(api, value, 'session', '');
  const startedAt = time(api, field(api, sessionRaw, 'startedAt', 'session'), 'session.startedAt');
  const sessionImpressions = count(
    api,
    field(api, sessionRaw, 'impressions', 'session'),
    'session.impressions',
  );
  if (sessionImpressions > impressions)
    bad(
      api,
      'session.impressions',
      `must not exceed impressions (${impressions})`,
      sessionImpressions,
    );
  if ((lastAt === null) !== (impressions === 0))
    bad(api, 'lastAt', 'must be null exactly when no impression was observed', lastAt);
  const groupsRaw = field(api, value, 'groups', '');
  if (!Array.isArray(groupsRaw) || groupsRaw.length > MAX_GROUPS)
    bad(api, 'groups', `must be an array of at most ${MAX_GROUPS} groups`, groupsRaw);
  const groups: GroupState[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < groupsRaw.length; i++) {
    const g = readGroup(api, groupsRaw[i], `groups[${i}]`);
    if (seen.has(g.id)) bad(api, `groups[${i}].id`, 'must be unique', g.id);
    seen.add(g.id);
    if (g.run > impressions)
      bad(api, `groups[${i}].run`, `must not exceed impressions (${impressions})`, g.run);
    groups.push(g);
  }
  const memoryRaw = field(api, value, 'recoveryShown', '');
  if (!Array.isArray(memoryRaw) || memoryRaw.length > MAX_RECOVERY_MEMORY)
    bad(
      api,
      'recoveryShown',
      `must be an array of at most ${MAX_RECOVERY_MEMORY} entries`,
      memoryRaw,
    );
  const recoveryShown: (readonly [string, number])[] = [];
  for (let i = 0; i < memoryRaw.length; i++) {
    const entry: unknown = memoryRaw[i];
    if (!Array.isArray(entry) || entry.length !== 2)
      bad(api, `recoveryShown[${i}]`, 'must be an [idHash, impressionIndex] pair', entry);
    const [hash, index] = entry as [unknown, unknown];
    if (typeof hash !== 'string' || !/^[0-9a-z]{1,12}$/.test(hash))
      bad(api, `recoveryShown[${i}][0]`, 'must be an id hash', hash);
    const at = count(api, index, `recoveryShown[${i}][1]`);
    if (at >= impressions)
      bad(api, `recoveryShown[${i}][1]`, `must be below impressions (${impressions})`, at);
    recoveryShown.push(Object.freeze([hash, at] as const));
  }
  return sealState({
    version: STATE_VERSION,
    impressions,
    lastAt,
    session: { startedAt, impressions: sessionImpressions },
    groups,
    recoveryShown,
    interventions: readInterventionLog(api, optionalField(api, value, 'interventions')),
    seeLess: readSeeLess(api, optionalField(api, value, 'seeLess')),
  });
}

/** A field added after the first release: a state stored before it lacks it. */
function optionalField(api: string, obj: unknown, key: string): unknown {
  let present: boolean;
  try {
    present = Object.prototype.hasOwnProperty.call(obj, key);
  } catch (cause) {
    throw new RebalanceError('state', `${api}: state.${key} could not be read`, key, { cause });
  }
  return present ? field(api, obj, key, '') : undefined;
}

const KINDS: readonly string[] = ['nudge', 'resources', 'break'];
const MAX_ID_LENGTH = 256;

function readInterventionLog(api: string, raw: unknown): InterventionLog {
  if (raw === undefined) return EMPTY_INTERVENTION_LOG;
  const shownRaw = field(api, raw, 'shown', 'interventions');
  if (!Array.isArray(shownRaw) || shownRaw.length > MAX_LOGGED_INTERVENTIONS)
    bad(
      api,
      'interventions.shown',
      `must be an array of at most ${MAX_LOGGED_INTERVENTIONS} entries`,
      shownRaw,
    );
  const shown: (readonly [InterventionLog['shown'][number][0], string, number])[] = [];
  for (let i = 0; i < shownRaw.length; i++) {
    const path = `interventions.shown[${i}]`;
    const entry: unknown = shownRaw[i];
    if (!Array.isArray(entry) || entry.length !== 3)
      bad(api, path, 'must be a [kind, group, at] triple', entry);
    const [kind, group, at] = entry as [unknown, unknown, unknown];
    if (typeof kind !== 'string' || !KINDS.includes(kind))
      bad(api, `${path}[0]`, "must be 'nudge', 'resources' or 'break'", kind);
    if (typeof group !== 'string' || group.length > MAX_ID_LENGTH)
      bad(api, `${path}[1]`, "must be a group id or ''", group);
    if (typeof at !== 'number' || !Number.isFinite(at))
      bad(api, `${path}[2]`, 'must be a finite time in milliseconds', at);
    shown.push(Object.freeze([kind as 'nudge', group, at] as const));
  }
  const dismissed = count(
    api,
    field(api, raw, 'dismissed', 'interventions'),
    'interventions.dismissed',
  );
  return { shown, dismissed };
}

function readSeeLess(api: string, raw: unknown): readonly SeeLessEntry[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length > SEE_LESS.maxEntries)
    bad(api, 'seeLess', `must be an array of at most ${SEE_LESS.maxEntries} entries`, raw);
  const out: SeeLessEntry[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const entry: unknown = raw[i];
    if (!Array.isArray(entry) || entry.length !== 2)
      bad(api, `seeLess[${i}]`, 'must be a [target, at] pair', entry);
    const [target, at] = entry as [unknown, unknown];
    if (typeof target !== 'string' || target.length === 0 || target.length > MAX_ID_LENGTH)
      bad(api, `seeLess[${i}][0]`, 'must be a topic or group id', target);
    if (seen.has(target)) bad(api, `seeLess[${i}][0]`, 'must be unique', target);
    seen.add(target);
    if (typeof at !== 'number' || !Number.isFinite(at))
      bad(api, `seeLess[${i}][1]`, 'must be a finite time in milliseconds', at);
    out.push(Object.freeze([target, at] as const));
  }
  return out;
}

/**
 * Serialises a state to compact JSON, the form stores keep.
 *
 * @param state - a state from `emptyState`, `observe` or `parseState`
 * @returns its JSON text
 *
 * @example
 * ```ts
 * import { serializeState, createRebalancer, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * localStorage.setItem('feed-state', serializeState(rb.emptyState()));
 * ```
 */
export function serializeState(state: UserState): string {
  return JSON.stringify(parseState(state, 'serializeState'));
}
