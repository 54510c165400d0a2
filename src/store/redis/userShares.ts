import type { ObserveEvent } from '../../exposure/types.js';
import type { SourcedEntry } from './storedAppend.js';

/** One user's share of a sourced batch: consecutive entries of the user, appended as one. @internal */
export interface Share {
  readonly userId: string;
  readonly events: ObserveEvent[];
  readonly offsets: string[];
  /** The received JSON of each entry, or `null` once an entry has none. */
  texts: string[] | null;
  /** Characters of `texts`, and of the offsets as JSON. */
  chars: number;
}

/**
 * Room an entry's events leave in a share for the texts' characters: the entry's own fields
 * (`a`, `d` with the source and an offset per event) take the rest of `maxAppendBytes`.
 */
const ENTRY_OVERHEAD = 1_024;

/**
 * The entries of a batch grouped by user, in order: each user's entries in one share, or in
 * several consecutive ones when they hold more events than `maxEvents` or, as stored, could
 * take more than `maxBytes` (a character of JSON takes at most 3 bytes in UTF-8) — the events
 * of a hot user in a long batch are then appended in a few entries rather than refused as one.
 * An entry is never split, so its events keep one offset in one append; an entry too large on
 * its own makes a share of its own, which the append refuses.
 *
 * @param entries - the batch, in the source's order
 * @param maxEvents - the store's `maxAppendEvents`
 * @param maxBytes - the store's `maxAppendBytes`
 * @returns the shares, in the order of their first entries
 * @internal
 */
export function userShares(
  entries: readonly SourcedEntry[],
  maxEvents: number,
  maxBytes: number,
): Share[] {
  const shares: Share[] = [];
  const open = new Map<string, Share>();
  const maxChars = Math.max(0, Math.floor((maxBytes - ENTRY_OVERHEAD) / 3));
  for (const entry of entries) {
    // The entry's text and a comma, and its offset once per event (quoted, with a comma).
    const chars = (entry.raw?.length ?? 0) + 1 + entry.events.length * (entry.offset.length + 3);
    let share = open.get(entry.userId);
    if (
      share !== undefined &&
      (share.events.length + entry.events.length > maxEvents || share.chars + chars > maxChars)
    )
      share = undefined;
    if (share === undefined) {
      share = { userId: entry.userId, events: [], offsets: [], texts: [], chars: 0 };
      open.set(entry.userId, share);
      shares.push(share);
    }
    for (const event of entry.events) {
      share.events.push(event);
      share.offsets.push(entry.offset);
    }
    if (entry.raw === undefined) share.texts = null;
    else share.texts?.push(entry.raw);
    share.chars += chars;
  }
  return shares;
}
