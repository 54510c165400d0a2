import { RebalanceError } from '../../errors/RebalanceError.js';
import type { UserState } from '../../exposure/types.js';
import type { ObserveEvent } from '../../exposure/types.js';
import type { DeliveryOptions } from '../../delivery/types.js';
import type { EventFolder } from '../types.js';

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
 * Folds log entries, oldest first, into a state with the rebalancer: the stored state, or its
 * empty state for a user without one. An entry that is not of this store's format, or whose
 * events the rebalancer refuses (one with another taxonomy than the one that validated them),
 * stops the fold with code `state`: the events stay in the log, nothing is skipped silently.
 *
 * @param api - the calling API, for messages
 * @param folder - the rebalancer
 * @param state - the stored state, or `undefined`
 * @param entries - the log entries
 * @param from - the first entry to fold (those before are in `state` already)
 * @returns the folded state (`state` itself when there are no entries)
 * @throws RebalanceError with code `state`
 * @internal
 */
export function foldEntries(
  api: string,
  folder: EventFolder,
  state: UserState | undefined,
  entries: readonly string[],
  from = 0,
): UserState | undefined {
  if (entries.length <= from) return state;
  let folded = state ?? folder.emptyState();
  for (let i = from; i < entries.length; i++) {
    let events: unknown;
    let delivery: unknown;
    try {
      const entry = JSON.parse(entries[i]!) as { e?: unknown; d?: unknown } | null;
      events = entry?.e;
      delivery = entry?.d;
    } catch {
      events = undefined;
    }
    if (!Array.isArray(events)) {
      throw new RebalanceError(
        'state',
        `${api}: pending event log entry ${i} is not an entry of this store (tampered or written by something else); nothing was folded`,
      );
    }
    try {
      folded =
        delivery === undefined
          ? folder.observe(folded, events as ObserveEvent[])
          : folder.observe(folded, events as ObserveEvent[], delivery as DeliveryOptions);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message.slice(0, 300) : 'unknown';
      throw new RebalanceError(
        'state',
        `${api}: the rebalancer refuses pending event log entry ${i} (${reason}); is every store given the same taxonomy? Nothing was folded`,
        undefined,
        { cause },
      );
    }
  }
  return folded;
}
