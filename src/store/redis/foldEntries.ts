import { RebalanceError } from '../../errors/RebalanceError.js';
import { DELIVERY_LIMITS } from '../../delivery/limits.js';
import { canonicalOffset, compareOffsets } from '../../delivery/offsets.js';
import type { DeliveryOptions } from '../../delivery/types.js';
import type { ObserveEvent, UserState } from '../../exposure/types.js';
import { LIMITS } from '../../validate/limits.js';
import type { EventFolder } from '../types.js';

/** One log entry as read back: its events and, when the append gave them, delivery options. */
interface Entry {
  readonly events: readonly unknown[];
  readonly delivery: unknown;
  /** The entry's events whose `eventId` is set. */
  readonly ids: number;
  /** Per event its canonical offset, when the entry has well-formed options; else `null`. */
  readonly offsets: readonly string[] | null;
  /** The options' source, when they are well-formed; else `null`. */
  readonly source: string | null;
}

/** Entries folded by one `observe` call: consecutive, and provably folded as one (below). */
interface Run {
  readonly first: number;
  /** Whether entries may join: the first has no options, or well-formed ones. */
  readonly open: boolean;
  events: unknown[];
  offsets: string[] | null;
  source: string | null;
  ids: number;
}

/**
 * Folds log entries, oldest first, into a state with the rebalancer: the stored state, or its
 * empty state for a user without one. An entry that is not of this store's format, or whose
 * events the rebalancer refuses (one with another taxonomy than the one that validated them),
 * stops the fold with code `state`: the events stay in the log, nothing is skipped silently.
 *
 * Consecutive entries are folded by one `observe` call where that gives the very state that one
 * call per entry gives, because a call has a cost of its own (reading the options, updating the
 * delivery memory, sealing the state) several times that of an event. That holds when the entries
 * have the same source and each one's offsets are all above the previous one's (a source's mark
 * then skips exactly the same events), or none of them has options; and when the event ids of the
 * run fit in the id memory beside those it holds already (no id is forgotten within the run, so
 * a redelivery is recognised exactly as call by call). `observe` reads events one after the other
 * and bounds the state's lists the same way after each event or after many, so these are the
 * only places a call boundary shows. A run the rebalancer refuses is folded again entry by entry,
 * to name the entry.
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
  const read: Entry[] = [];
  for (let i = from; i < entries.length; i++) read.push(readEntry(api, entries[i]!, i));
  let k = 0;
  while (k < read.length) {
    const run = startRun(read, k, from, folded);
    let next = k + 1;
    while (next < read.length && extend(run, read[next]!)) next++;
    folded =
      next - k === 1
        ? observeEntry(api, folder, folded, read[k]!, from + k)
        : observeRun(api, folder, folded, run, read.slice(k, next));
    k = next;
  }
  return folded;
}

/** Parses one entry; code `state` when it is not an entry of this store. */
function readEntry(api: string, text: string, index: number): Entry {
  let events: unknown;
  let delivery: unknown;
  try {
    const entry = JSON.parse(text) as { e?: unknown; d?: unknown } | null;
    events = entry?.e;
    delivery = entry?.d;
  } catch {
    events = undefined;
  }
  if (!Array.isArray(events)) {
    throw new RebalanceError(
      'state',
      `${api}: pending event log entry ${index} is not an entry of this store (tampered or written by something else); nothing was folded`,
    );
  }
  let ids = 0;
  for (let e = 0; e < events.length; e++) {
    const event = events[e] as { eventId?: unknown } | null;
    if (typeof event === 'object' && event !== null && event.eventId !== undefined) ids++;
  }
  const offsets = offsetsOf(delivery, events.length);
  const source = offsets === null ? null : (delivery as DeliveryOptions).source;
  return { events, delivery, ids, offsets, source };
}

/** One canonical offset per event, or `null` when the options are malformed or absent. */
function offsetsOf(delivery: unknown, count: number): string[] | null {
  if (typeof delivery !== 'object' || delivery === null || count === 0) return null;
  const { source, offset } = delivery as { source?: unknown; offset?: unknown };
  if (typeof source !== 'string') return null;
  const out = new Array<string>(count);
  if (!Array.isArray(offset)) {
    const one = canonicalOffset(offset);
    if (one === null) return null;
    out.fill(one);
    return out;
  }
  if (offset.length !== count) return null;
  for (let e = 0; e < count; e++) {
    const one = canonicalOffset(offset[e]);
    if (one === null || (e > 0 && compareOffsets(out[e - 1]!, one) > 0)) return null;
    out[e] = one;
  }
  return out;
}

function startRun(read: readonly Entry[], k: number, from: number, state: UserState): Run {
  const entry = read[k]!;
  const memory = (state.delivery?.ids.length ?? 0) / DELIVERY_LIMITS.hashLength;
  return {
    first: from + k,
    open: entry.delivery === undefined || entry.offsets !== null,
    events: entry.events.slice(),
    offsets: entry.offsets === null ? null : entry.offsets.slice(),
    source: entry.source,
    // The ids the memory holds count against the room the run's ids need.
    ids: memory + entry.ids,
  };
}

/** Adds `entry` to the run when one call folds them exactly as two would (see foldEntries). */
function extend(run: Run, entry: Entry): boolean {
  if (!run.open) return false;
  if (run.events.length + entry.events.length > LIMITS.impressionsPerCall) return false;
  if (run.ids + entry.ids > DELIVERY_LIMITS.eventIds) return false;
  if (entry.delivery === undefined) {
    if (run.offsets !== null || run.source !== null) return false;
  } else {
    if (entry.offsets === null || run.offsets === null || entry.source !== run.source) return false;
    if (compareOffsets(entry.offsets[0]!, run.offsets[run.offsets.length - 1]!) <= 0) return false;
    for (const offset of entry.offsets) run.offsets.push(offset);
  }
  for (const event of entry.events) run.events.push(event);
  run.ids += entry.ids;
  return true;
}

function observeRun(
  api: string,
  folder: EventFolder,
  state: UserState,
  run: Run,
  entries: readonly Entry[],
): UserState {
  try {
    const events = run.events as ObserveEvent[];
    return run.source === null
      ? folder.observe(state, events)
      : folder.observe(state, events, { source: run.source, offset: run.offsets! });
  } catch {
    // Entry by entry, so that the error names the entry the rebalancer refuses.
    let folded = state;
    for (let k = 0; k < entries.length; k++)
      folded = observeEntry(api, folder, folded, entries[k]!, run.first + k);
    return folded;
  }
}

function observeEntry(
  api: string,
  folder: EventFolder,
  state: UserState,
  entry: Entry,
  index: number,
): UserState {
  try {
    const events = entry.events as ObserveEvent[];
    return entry.delivery === undefined
      ? folder.observe(state, events)
      : folder.observe(state, events, entry.delivery as DeliveryOptions);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.slice(0, 300) : 'unknown';
    throw new RebalanceError(
      'state',
      `${api}: the rebalancer refuses pending event log entry ${index} (${reason}); is every store given the same taxonomy? Nothing was folded`,
      undefined,
      { cause },
    );
  }
}
