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
      /**
       * The events' JSON as received, without the brackets of a list (`{…},{…}`), when it can be
       * stored as it is: no item carries an embedding, which the store leaves out. `undefined`
       * otherwise.
       */
      readonly raw: string | undefined;
      /** The entry's flat field list, as read. */
      readonly fields: readonly unknown[];
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
  const list: readonly unknown[] = fields;
  let user: string | undefined;
  let body: string | undefined;
  // Indexed, without copying the fields: this runs for every entry read.
  for (let i = 0; i + 1 < list.length; i += 2) {
    const name = text(list[i]);
    if (name === 'u' && user === undefined) user = text(list[i + 1]);
    else if (name === 'e' && body === undefined) body = text(list[i + 1]);
  }
  if (user === undefined || user.length === 0)
    return malformed(id, list, 'field u (the user id) is missing or empty');
  if (body === undefined) return malformed(id, list, 'field e (the events as JSON) is missing');
  if (body.length > MAX_ENTRY_CHARS)
    return malformed(id, list, `field e is longer than ${MAX_ENTRY_CHARS} characters`);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return malformed(id, list, 'field e is not valid JSON');
  }
  const many = Array.isArray(value);
  const events: unknown[] = many ? (value as unknown[]) : [value];
  if (events.length === 0 || events.length > MAX_ENTRY_EVENTS)
    return malformed(id, list, `field e must hold 1 to ${MAX_ENTRY_EVENTS} events`);
  let plain = true;
  for (const event of events) {
    if (typeof event !== 'object' || event === null || Array.isArray(event))
      return malformed(id, list, 'field e must be an event object or an array of them');
    if ((event as { item?: { embedding?: unknown } }).item?.embedding !== undefined) plain = false;
  }
  // The text parsed as this very list, so only JSON whitespace surrounds it: trimmed, it is the
  // list's or the object's own text.
  const trimmed = plain ? body.trim() : undefined;
  const raw = trimmed === undefined || !many ? trimmed : trimmed.slice(1, -1);
  return { ok: true, id, user, events: events as ObserveEvent[], raw, fields: list };
}

/**
 * A malformed entry and why. A function of its own rather than a closure in `parseEntry`, which
 * would be made for every entry read.
 */
function malformed(id: string, fields: readonly unknown[], reason: string): ParsedEntry {
  return { ok: false, id, reason, fields: fields.map(String) };
}

/** A field as a string (ioredis answers strings; anything else is converted). */
function text(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}
