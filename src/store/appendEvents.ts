import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';
import type { ObserveEvent } from '../exposure/types.js';
import type { EventFolder } from './types.js';
import type { DeliveryOptions } from '../delivery/types.js';

/**
 * Checks the `rebalancer` option of a store: anything with `observe` and `emptyState`, or
 * `undefined` (then the store cannot append).
 *
 * @param store - the store's name, for the message (`RedisStateStore`)
 * @param value - the value received
 * @returns the folder, or `undefined`
 * @throws RebalanceError with code `argument` and path `rebalancer`
 * @internal
 */
export function readFolder(store: string, value: unknown): EventFolder | undefined {
  if (value === undefined) return undefined;
  const folder = value as Record<string, unknown> | null;
  if (
    typeof folder !== 'object' ||
    folder === null ||
    typeof folder['observe'] !== 'function' ||
    typeof folder['emptyState'] !== 'function'
  ) {
    throw new RebalanceError(
      'argument',
      `${store}: rebalancer must have observe and emptyState functions, as createRebalancer returns (got ${describeValue(value)})`,
      'rebalancer',
    );
  }
  return value as EventFolder;
}

/**
 * The folder a store's `append` (or a fold of pending events) needs, or an `argument` error that
 * says how to get one.
 *
 * @param api - the calling API (`RedisStateStore.append`)
 * @param folder - the store's `rebalancer` option
 * @returns the folder
 * @throws RebalanceError with code `argument` and path `rebalancer`
 * @internal
 */
export function needFolder(api: string, folder: EventFolder | undefined): EventFolder {
  if (folder !== undefined) return folder;
  throw new RebalanceError(
    'argument',
    `${api}: the store needs the rebalancer option (the rebalancer whose observe folds appended events) to append or to fold pending events (got undefined)`,
    'rebalancer',
  );
}

/**
 * Reads the events given to a store's `append` exactly as `observe` reads them: one event or a
 * list, at most `maxEvents` of them, each validated by the rebalancer itself (on an empty state,
 * whose result is dropped). An invalid event throws the error `observe` would, re-addressed to
 * the store's API and argument: `RedisStateStore.append: events[3].at must be a finite time …`,
 * path `events[3].at`.
 *
 * @param api - the calling API (`MemoryStateStore.append`)
 * @param folder - the rebalancer that will fold the events
 * @param events - what the caller passed
 * @param maxEvents - most events in one call
 * @param options - the delivery options, checked by `observe` with the events
 * @returns the events as a list (the caller's array itself when it passed one)
 * @throws RebalanceError with code `impression` for a malformed event or too many events,
 *   `argument` for malformed options
 * @internal
 */
export function readEvents(
  api: string,
  folder: EventFolder,
  events: unknown,
  maxEvents: number,
  options?: DeliveryOptions,
): readonly ObserveEvent[] {
  const list = eventList(api, events, maxEvents);
  if (list.length === 0) return list;
  try {
    if (options === undefined) folder.observe(folder.emptyState(), list);
    else folder.observe(folder.emptyState(), list, options);
  } catch (error) {
    throw readdressed(api, error);
  }
  return list;
}

/**
 * The events given to a store's `append` as a list (the caller's array itself when it passed
 * one), at most `maxEvents` of them; the events themselves are not read.
 *
 * @param api - the calling API
 * @param events - what the caller passed
 * @param maxEvents - most events in one call
 * @returns the list
 * @throws RebalanceError with code `impression` and path `events` above `maxEvents`
 * @internal
 */
export function eventList(
  api: string,
  events: unknown,
  maxEvents: number,
): readonly ObserveEvent[] {
  const list = (Array.isArray(events) ? events : [events]) as readonly ObserveEvent[];
  assertEventCount(api, list.length, maxEvents);
  return list;
}

/**
 * Whether `observe` folds every one of `events` into any state, so that folding them is also a
 * full check of them: true unless some may be skipped as already applied — events under a
 * source's offsets, or events with an `eventId`.
 *
 * @param events - the events
 * @param options - the delivery options, if any
 * @returns whether none can be skipped
 * @internal
 */
export function foldsEvery(events: readonly unknown[], options: unknown): boolean {
  if (options !== undefined) return false;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (typeof event !== 'object' || event === null) continue;
    try {
      if ((event as { eventId?: unknown }).eventId !== undefined) return false;
    } catch {
      // An unreadable entry: the check on an empty state reports it.
      return false;
    }
  }
  return true;
}

/**
 * Checks how many events one append holds.
 *
 * @param api - the calling API
 * @param count - the events of the call
 * @param maxEvents - most events in one call
 * @throws RebalanceError with code `impression` and path `events` above `maxEvents`
 * @internal
 */
export function assertEventCount(api: string, count: number, maxEvents: number): void {
  if (count > maxEvents) {
    throw new RebalanceError(
      'impression',
      `${api}: events must hold at most ${maxEvents} entries per call; split larger batches (got ${count})`,
      'events',
    );
  }
}

/**
 * `error` as thrown by `observe`, with its API and argument renamed: the message and path of a
 * `RebalanceError` from `observe` name `impressions`, the store's caller passed `events`.
 * Anything else is returned unchanged.
 *
 * @param api - the store API to name
 * @param error - what `observe` threw
 * @returns the error to throw
 * @internal
 */
export function readdressed(api: string, error: unknown): unknown {
  if (!(error instanceof RebalanceError)) return error;
  const message = error.message.startsWith('observe: impressions')
    ? `${api}: events${error.message.slice('observe: impressions'.length)}`
    : error.message.startsWith('observe: ')
      ? `${api}: ${error.message.slice('observe: '.length)}`
      : `${api}: ${error.message}`;
  const path = error.path?.startsWith('impressions')
    ? `events${error.path.slice('impressions'.length)}`
    : error.path;
  return new RebalanceError(error.code, message, path, { cause: error });
}
