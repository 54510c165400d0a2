import { unreadableError } from '../validate/fail.js';
import { RebalanceError } from '../errors/RebalanceError.js';
import { readDelivery } from './readDelivery.js';
import { readGroup } from './readGroup.js';
import { readInterventionLog, readSeeLess } from '../feedback/readStateLists.js';
import { sealState } from './sealState.js';
import { bad, count, field, optionalField, time } from '../validate/stateFields.js';
import type { GroupState, UserState } from './types.js';
import { LIMITS } from '../validate/limits.js';

/** The state format this version writes and reads. @internal */
export const STATE_VERSION = 1;

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
  try {
    return readState(input, api);
  } catch (error) {
    if (error instanceof RebalanceError) throw error;
    // A proxy trap or an array element getter threw somewhere inside.
    throw unreadableError('state', api, '', error, 'state');
  }
}

function readState(input: unknown, api: string): UserState {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > LIMITS.stateJsonLength)
      bad(
        api,
        '',
        `must be at most ${LIMITS.stateJsonLength.toLocaleString('en-US')} characters of JSON`,
        input,
      );
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
  if (!Array.isArray(groupsRaw) || groupsRaw.length > LIMITS.groups)
    bad(api, 'groups', `must be an array of at most ${LIMITS.groups} groups`, groupsRaw);
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
  if (!Array.isArray(memoryRaw) || memoryRaw.length > LIMITS.recoveryMemory)
    bad(
      api,
      'recoveryShown',
      `must be an array of at most ${LIMITS.recoveryMemory} entries`,
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
  const delivery = readDelivery(api, optionalField(api, value, 'delivery'));
  return sealState({
    version: STATE_VERSION,
    impressions,
    lastAt,
    session: { startedAt, impressions: sessionImpressions },
    groups,
    recoveryShown,
    interventions: readInterventionLog(api, optionalField(api, value, 'interventions')),
    seeLess: readSeeLess(api, optionalField(api, value, 'seeLess')),
    ...(delivery === undefined ? {} : { delivery }),
  });
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
