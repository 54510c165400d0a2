import { RebalanceError } from '../../../errors/RebalanceError.js';
import type { ObserveEvent } from '../../../exposure/types.js';
import { send } from '../runScript.js';
import {
  sourcedAppendOf,
  storedAppendOf,
  type PreparedAppends,
  type SourcedEntry,
} from '../storedAppend.js';
import type { ResolvedConsumeOptions } from './options.js';
import { parseEntry, type ParsedEntry } from './streamEntry.js';

type Entry = Extract<ParsedEntry, { ok: true }>;
type Dead = Extract<ParsedEntry, { ok: false }>;

/**
 * Entries of one stream read and parsed, oldest first, not yet applied: one read's, or the
 * several a consumer gathers while it is behind on the stream. @internal
 */
export interface ParsedBatch {
  readonly stream: string;
  /** The ids of the entries, to be acknowledged once they are applied. */
  readonly ids: string[];
  /** The well-formed entries. */
  readonly entries: Entry[];
  readonly dead: Dead[];
  /** The well-formed entries as the store's sourced append takes them. */
  readonly sourced: SourcedEntry[];
  /** Characters of the entries' fields as read (what holding them costs). */
  chars: number;
  /** The reads they came from. */
  reads: number;
}

/** A batch read, parsed and, with a `RedisStateStore`, validated and encoded. @internal */
export interface PreparedBatch {
  readonly stream: string;
  /** The ids of the batch's entries, to be acknowledged once it is applied. */
  readonly ids: readonly string[];
  /** The well-formed entries, oldest first. */
  readonly entries: readonly Entry[];
  readonly dead: Dead[];
  /** The store's appends of the batch, ready to be sent; `undefined` for other stores. */
  readonly appends: PreparedAppends | undefined;
}

/** An empty {@link ParsedBatch} of `stream`. @internal */
export function parsedBatch(stream: string): ParsedBatch {
  return { stream, ids: [], entries: [], dead: [], sourced: [], chars: 0, reads: 0 };
}

/**
 * Parses entries read from the batch's stream, oldest first, and adds them to it: each entry's
 * user and events, or, for a malformed entry, why (it is set aside for the dead-letter stream).
 *
 * @param into - the batch they join
 * @param batch - `[id, fields]` pairs as the stream command returned them
 * @internal
 */
export function parseInto(into: ParsedBatch, batch: readonly (readonly [string, unknown])[]): void {
  into.reads++;
  for (let i = 0; i < batch.length; i++) {
    const [id, fields] = batch[i]!;
    into.ids.push(id);
    if (Array.isArray(fields))
      for (const f of fields as unknown[]) if (typeof f === 'string') into.chars += f.length;
    const entry = parseEntry(id, fields);
    if (!entry.ok) {
      into.dead.push(entry);
      continue;
    }
    into.entries.push(entry);
    into.sourced.push({ offset: id, userId: entry.user, events: entry.events, raw: entry.raw });
  }
}

/**
 * Prepares a parsed batch for {@link applyBatch}: with a `RedisStateStore`, has the store group
 * the entries by user and validate and encode them all at once. Nothing is sent: a consumer
 * prepares a batch while the previous one is being stored.
 *
 * @param o - the consumer's options
 * @param parsed - the batch, from {@link parseInto}
 * @returns the prepared batch
 * @throws RebalanceError with code `argument` when the store cannot append
 * @internal
 */
export function prepareBatch(o: ResolvedConsumeOptions, parsed: ParsedBatch): PreparedBatch {
  const { stream, ids, entries, dead, sourced } = parsed;
  const together = sourcedAppendOf(o.store);
  const appends = together === undefined ? undefined : together(stream, sourced);
  return { stream, ids, entries, dead, appends };
}

/**
 * The entries of each user, in order. Grouped only when a batch is appended user by user: with a
 * `RedisStateStore` the store groups the batch itself, and this is needed only for a user it
 * refuses.
 */
function byUser(entries: readonly Entry[]): Map<string, Entry[]> {
  const users = new Map<string, Entry[]>();
  for (const entry of entries) {
    const list = users.get(entry.user);
    if (list === undefined) users.set(entry.user, [entry]);
    else list.push(entry);
  }
  return users;
}

/**
 * Applies a prepared batch: each user's events appended in one call with the stream as source
 * and each event's entry id as its offset (users in parallel; with a `RedisStateStore`, all of
 * them sent together, one script call per hash slot); malformed entries, and entries whose events
 * or user id the store refuses, go to the dead-letter stream `<stream>:dead` with their reason.
 * A user the store refuses as a whole is appended again on its own, so that the entry at fault is
 * found and dead-lettered as with any store. Any other failure throws, so that the whole batch is
 * delivered again and the offsets make the events already appended count once. The caller
 * acknowledges the batch once this has returned.
 *
 * It returns once the events are stored. The folds those appends set off may still be running:
 * `settled` waits for them (it never rejects).
 *
 * @param o - the consumer's options
 * @param prepared - the batch, from {@link prepareBatch}
 * @returns the number of dead-lettered entries, and the batch's folds
 * @throws RebalanceError with code `store` when Redis fails, or what the store's append threw
 * @internal
 */
export async function applyBatch(
  o: ResolvedConsumeOptions,
  prepared: PreparedBatch,
): Promise<{ readonly dead: number; readonly settled: Promise<void> }> {
  const { stream, entries, dead, appends } = prepared;
  const folds: Promise<void>[] = [];
  let alone: Iterable<[string, Entry[]]>;
  if (appends === undefined) alone = byUser(entries);
  else {
    const result = await appends.commit();
    folds.push(result.folded);
    // Refused before anything was stored: each such user again on its own, to find the entry
    // at fault, as with any store.
    const again: [string, Entry[]][] = [];
    const users = result.refused.size === 0 ? undefined : byUser(entries);
    for (const [user, error] of result.refused) {
      if (!(error instanceof RebalanceError && REFUSED.has(error.code))) throw error;
      again.push([user, users!.get(user)!]);
    }
    alone = again;
  }
  const results = await Promise.allSettled(
    Array.from(alone, ([user, entries]) => appendUser(o, stream, user, entries, dead, folds)),
  );
  for (const r of results) if (r.status === 'rejected') throw r.reason;
  // Dead letters are stored before anything is acknowledged: an entry is never just dropped.
  for (const d of dead)
    await send('consumeImpressions', () =>
      o.client.call(
        'XADD',
        `${stream}:dead`,
        '*',
        'stream',
        stream,
        'id',
        d.id,
        'reason',
        d.reason,
        ...d.fields,
      ),
    );
  for (const d of dead) o.onDeadLetter({ stream, id: d.id, reason: d.reason });
  const settled = Promise.all(folds).then(() => undefined);
  return { dead: dead.length, settled };
}

/** Codes of an append refused for its events or user id, before anything was stored. */
const REFUSED: ReadonlySet<string> = new Set(['impression', 'request']);

/**
 * Appends one user's entries in one call; an entry the store refuses is moved to `dead` and the
 * rest appended again; a call too large for the store is split into one call per entry.
 */
async function appendUser(
  o: ResolvedConsumeOptions,
  stream: string,
  user: string,
  entries: Entry[],
  dead: Dead[],
  folds: Promise<void>[],
): Promise<void> {
  const stored = storedAppendOf(o.store);
  let list = entries;
  while (list.length > 0) {
    const events: ObserveEvent[] = [];
    const offsets: string[] = [];
    const owner: number[] = [];
    for (let k = 0; k < list.length; k++)
      for (const event of list[k]!.events) {
        events.push(event);
        offsets.push(list[k]!.id);
        owner.push(k);
      }
    try {
      const delivery = { source: stream, offset: offsets };
      if (stored === undefined) await o.store.append(user, events, delivery);
      else folds.push((await stored(user, events, delivery)).folded);
      return;
    } catch (error) {
      if (!(error instanceof RebalanceError)) throw error;
      if (error.code === 'request') {
        for (const e of list) dead.push(refused(e, error));
        return;
      }
      if (error.code !== 'impression') throw error;
      const m = /^events\[(\d+)\]/.exec(error.path ?? '');
      if (m !== null) {
        const k = owner[Number(m[1])]!;
        dead.push(refused(list[k]!, error));
        list = list.filter((_, j) => j !== k);
      } else if (list.length > 1) {
        // Too many events or bytes for one append: one call per entry.
        for (const e of list) await appendUser(o, stream, user, [e], dead, folds);
        return;
      } else {
        dead.push(refused(list[0]!, error));
        return;
      }
    }
  }
}

function refused(entry: Entry, error: RebalanceError): Dead {
  return {
    ok: false,
    id: entry.id,
    reason: error.message.slice(0, 500),
    fields: entry.fields.map(String),
  };
}
