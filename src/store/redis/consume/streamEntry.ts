import type { ObserveEvent } from '../../../exposure/types.js';

/** Most events in one stream entry. @internal */
export const MAX_ENTRY_EVENTS = 1_000;
/** Most characters of an entry's `e` field. @internal */
export const MAX_ENTRY_CHARS = 65_536;

/** A stream entry read as impressions of one user, or why it cannot be. @internal */
export type ParsedEntry =
  | {
      readonly ok: true;
      readonly id: string;
      readonly user: string;
      readonly events: readonly ObserveEvent[];
      readonly fields: readonly string[];
    }
  | {
      readonly ok: false;
      readonly id: string;
      readonly reason: string;
      readonly fields: readonly string[];
    };

/**
 * Reads one stream entry of the documented format: field `u` the user id, field `e` the JSON
 * of one event or of an array of 1 to {@link MAX_ENTRY_EVENTS} events, exactly as `observe`
 * takes them; other fields are ignored. The events themselves are checked by the store's
 * `append`; this checks only the shape, so that a malformed entry can be dead-lettered.
 *
 * @param id - the entry id
 * @param fields - the flat field list `[name, value, …]`, or `null` for an entry deleted while
 *   pending
 * @returns the user and events, or the reason the entry is malformed
 * @internal
 */
export function parseEntry(id: string, fields: unknown): ParsedEntry {
  if (!Array.isArray(fields)) return { ok: false, id, reason: 'entry has no fields', fields: [] };
  const flat = fields.map(String);
  let user: string | undefined;
  let body: string | undefined;
  for (let i = 0; i + 1 < flat.length; i += 2) {
    if (flat[i] === 'u' && user === undefined) user = flat[i + 1];
    else if (flat[i] === 'e' && body === undefined) body = flat[i + 1];
  }
  const fail = (reason: string): ParsedEntry => ({ ok: false, id, reason, fields: flat });
  if (user === undefined || user.length === 0)
    return fail('field u (the user id) is missing or empty');
  if (body === undefined) return fail('field e (the events as JSON) is missing');
  if (body.length > MAX_ENTRY_CHARS)
    return fail(`field e is longer than ${MAX_ENTRY_CHARS} characters`);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return fail('field e is not valid JSON');
  }
  const events = Array.isArray(value) ? value : [value];
  if (events.length === 0 || events.length > MAX_ENTRY_EVENTS)
    return fail(`field e must hold 1 to ${MAX_ENTRY_EVENTS} events`);
  for (const event of events)
    if (typeof event !== 'object' || event === null || Array.isArray(event))
      return fail('field e must be an event object or an array of them');
  return { ok: true, id, user, events: events as ObserveEvent[], fields: flat };
}
