import type { ObserveEvent } from '../../exposure/types.js';
import { LIMITS } from '../../validate/limits.js';
import type { EventFolder } from '../types.js';
import type { SourcedEntry } from './storedAppend.js';

/**
 * Whether every event of a batch read from an ordered source passes the rebalancer, checked in
 * one `observe` call on an empty state: all the events in the source's order, each with its
 * entry's offset. When it passes, every user's share of the batch passes on its own as well:
 * `observe` checks each event by itself, whatever the state and the other events, and a user's
 * offsets are a part of the batch's, so in order too. Two events with one event id make it
 * answer `false` without a call, since `observe` reads a repeated id's event no further (it
 * could belong to another user); so does a batch larger than one call takes, or anything that
 * throws. `false` means: check each user on its own.
 *
 * @param folder - the rebalancer
 * @param source - the source's name
 * @param entries - the batch, in the source's order
 * @returns whether the whole batch passed in one call
 * @internal
 */
export function validateSourced(
  folder: EventFolder,
  source: string,
  entries: readonly SourcedEntry[],
): boolean {
  let count = 0;
  for (let i = 0; i < entries.length; i++) count += entries[i]!.events.length;
  if (count > LIMITS.impressionsPerCall) return false;
  const events = new Array<ObserveEvent>(count);
  const offsets = new Array<string>(count);
  const ids = new Set<unknown>();
  try {
    let k = 0;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      for (let e = 0; e < entry.events.length; e++) {
        const event = entry.events[e]!;
        const id = (event as { readonly eventId?: unknown }).eventId;
        if (id !== undefined) {
          if (ids.has(id)) return false;
          ids.add(id);
        }
        events[k] = event;
        offsets[k++] = entry.offset;
      }
    }
    folder.observe(folder.emptyState(), events, { source, offset: offsets });
    return true;
  } catch {
    return false;
  }
}
