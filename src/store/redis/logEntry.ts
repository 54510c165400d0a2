import type { ObserveEvent } from '../../exposure/types.js';
import type { DeliveryOptions } from '../../delivery/types.js';

/**
 * One append in the pending log is one list entry, compact JSON: `{"a":"<id>","e":[…]}`, where
 * `a` is an id unique to that append (the store's random base and a counter) and `e` the events
 * as the caller gave them, every field kept — an event id or any field a later version of the
 * events carries travels with them — except an item's `embedding`: `observe` validates it and
 * never reads it, it is most of an item's size, and typed arrays do not survive JSON. The ids
 * make entries distinct, which the fold's check-and-set relies on. Other top-level fields are
 * reserved for metadata of a whole append: `d`, when given, holds the append's delivery options
 * (`{ source, offset }`), folded with its events so that the fold skips what the source's mark
 * covers.
 *
 * @param id - the append's unique id (no characters that JSON escapes)
 * @param events - validated events
 * @param options - validated delivery options, or `undefined`
 * @returns the entry
 * @internal
 */
export function encodeEntry(
  id: string,
  events: readonly ObserveEvent[],
  options?: DeliveryOptions,
): string {
  let list: readonly ObserveEvent[] = events;
  // Copy only when an embedding is there to leave out: indexed loop, no copy in the usual case.
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as { readonly item?: { readonly embedding?: unknown } };
    if (event.item?.embedding === undefined) continue;
    if (list === events) list = events.slice();
    const copy: unknown = { ...event, item: { ...event.item, embedding: undefined } };
    (list as ObserveEvent[])[i] = copy as ObserveEvent;
  }
  const d =
    options === undefined
      ? ''
      : `,"d":${JSON.stringify({ source: options.source, offset: options.offset })}`;
  return `{"a":"${id}","e":${JSON.stringify(list)}${d}}`;
}

/**
 * The entry {@link encodeEntry} would make, from the events' JSON as received instead of the
 * events: each text is one event's JSON or several separated by commas (a list without its
 * brackets), as it was parsed into the events the caller validated, none with an embedding. The
 * entry then parses into the very events that were validated, and they are not written out
 * again.
 *
 * @param id - the append's unique id (no characters that JSON escapes)
 * @param texts - the events' JSON texts, in order
 * @param options - validated delivery options
 * @param sourceJson - `JSON.stringify(options.source)`, when the caller has it already (the
 *   source of a whole batch)
 * @returns the entry
 * @internal
 */
export function encodeRawEntry(
  id: string,
  texts: readonly string[],
  options: DeliveryOptions,
  sourceJson: string = JSON.stringify(options.source),
): string {
  // The very text of JSON.stringify({ source, offset }), without building the object to
  // serialise, and one text without a join: this runs for every user of every batch a stream
  // consumer reads, and took three times as long written the plain way.
  const d = `{"source":${sourceJson},"offset":${JSON.stringify(options.offset)}}`;
  const e = texts.length === 1 ? texts[0]! : texts.join(',');
  return `{"a":"${id}","e":[${e}],"d":${d}}`;
}
