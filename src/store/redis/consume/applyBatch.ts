import { RebalanceError } from '../../../errors/RebalanceError.js';
import type { ObserveEvent } from '../../../exposure/types.js';
import { send } from '../runScript.js';
import { storedAppendOf } from '../storedAppend.js';
import type { ResolvedConsumeOptions } from './options.js';
import { parseEntry, type ParsedEntry } from './streamEntry.js';

type Entry = Extract<ParsedEntry, { ok: true }>;
type Dead = Extract<ParsedEntry, { ok: false }>;

/**
 * Applies one batch of a stream's entries, oldest first: the entries are grouped by user, each
 * user's events appended in one call with the stream as source and each event's entry id as its
 * offset (users in parallel); malformed entries, and entries whose events or user id the store
 * refuses, go to the dead-letter stream `<stream>:dead` with their reason. Only then is every
 * entry of the batch acknowledged. Any other failure throws before the acknowledgement, so the
 * whole batch is delivered again, and the offsets make the events already appended count once.
 *
 * It returns once the events are stored and the acknowledgement is sent. With a
 * `RedisStateStore` the folds the appends set off may still be running, and the acknowledgement
 * may still be on its way: `settled` waits for both (and throws if the acknowledgement failed).
 * The consumer reads its next batch meanwhile and waits for `settled` before applying it, so one
 * batch's folds and acknowledgement overlap with the next read, and no more than that.
 *
 * @param o - the consumer's options
 * @param stream - the stream key (the source)
 * @param batch - `[id, fields]` pairs as the stream command returned them
 * @returns the number of dead-lettered entries, and the batch's folds and acknowledgement
 * @throws RebalanceError with code `store` when Redis fails, or what the store's append threw
 * @internal
 */
export async function applyBatch(
  o: ResolvedConsumeOptions,
  stream: string,
  batch: readonly (readonly [string, unknown])[],
): Promise<{ readonly dead: number; readonly settled: Promise<void> }> {
  const byUser = new Map<string, Entry[]>();
  const dead: Dead[] = [];
  for (const [id, fields] of batch) {
    const entry = parseEntry(id, fields);
    if (!entry.ok) {
      dead.push(entry);
      continue;
    }
    const list = byUser.get(entry.user);
    if (list === undefined) byUser.set(entry.user, [entry]);
    else list.push(entry);
  }
  const folds: Promise<void>[] = [];
  const results = await Promise.allSettled(
    Array.from(byUser, ([user, entries]) => appendUser(o, stream, user, entries, dead, folds)),
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
  const ack =
    batch.length > 0
      ? send('consumeImpressions', () =>
          o.client.call('XACK', stream, o.group, ...batch.map(([id]) => id)),
        )
      : undefined;
  for (const d of dead) o.onDeadLetter({ stream, id: d.id, reason: d.reason });
  const settled = Promise.all([ack, ...folds]).then(() => undefined);
  // Awaited when the next batch is applied; marked handled now, so that an acknowledgement that
  // fails first is not reported as an unhandled rejection (the awaiting still sees it).
  settled.catch(() => undefined);
  return { dead: dead.length, settled };
}

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
  return { ok: false, id: entry.id, reason: error.message.slice(0, 500), fields: entry.fields };
}
