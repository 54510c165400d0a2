import { hashSlot } from '../hashSlot.js';
import { runScript, send } from '../runScript.js';
import { script } from '../scripts.js';
import type { ResolvedConsumeOptions } from './options.js';
import { leaseKey, renewLease } from './streamLease.js';

const API = 'consumeImpressions';

/** Most ids one XACK carries inside the script: Lua's `unpack` is bounded by its C stack. */
const ACK_CHUNK = 1_000;

/**
 * Acknowledges the entries whose events are stored and renews the stream's lease, in one atomic
 * script: replies 1 when the lease is still this consumer's (and is extended by `leaseMs`), 0
 * when it is lost. Acknowledging here saves the round trip a separate XACK would take. The read
 * that follows is a command of its own: a read inside a script would have its whole reply
 * converted to Lua values and back, which costs Redis more than the round trip it saves.
 *
 * KEYS: the stream, its lease. ARGV: group, lease token, lease ms, then the ids to acknowledge.
 */
const RENEW = script(`for i = 4, #ARGV, ${ACK_CHUNK} do
  redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, i, math.min(i + ${ACK_CHUNK - 1}, #ARGV)))
end
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return 0 end
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1`);

/** A stream entry as Redis returns it: its id and its flat field list (`null` once deleted). */
export type StreamEntry = readonly [string, unknown];

/** What a step answers. @internal */
export interface StepReply {
  /** Whether this consumer still held the stream's lease (and renewed it); nothing was read if not. */
  readonly held: boolean;
  /** The entries read or claimed, oldest first, without entries deleted while pending. */
  readonly entries: readonly StreamEntry[];
  /** After a claim, the cursor the next claim continues from ('0-0' once the scan is done). */
  readonly cursor: string;
}

/**
 * One step of a stream's loop: acknowledge `acks`, renew the lease, and — only if this consumer
 * still holds it — read up to `batchSize` new entries (`cursor` `''`, waiting up to `block` ms
 * when there are none) or claim the pending ones from `cursor` (XAUTOCLAIM at idle time 0,
 * acknowledging entries deleted while pending, which leave nothing to apply). The read follows
 * the renewal, so a lease lost meanwhile (expired, or erased with a restart of Redis) is noticed
 * before anything more is read. On a Redis Cluster whose stream key and lease key fall in
 * different slots (a stream key without a hash tag) the acknowledgement and the renewal go as
 * two commands, in the same order.
 *
 * @param onRead - called once the read is sent (or the step ended without one): a command sent
 *   after that reaches Redis after the read
 * @returns what Redis answered
 * @throws RebalanceError with code `store` when a command fails
 * @internal
 */
export async function step(
  o: ResolvedConsumeOptions,
  stream: string,
  token: string,
  acks: readonly string[],
  cursor: string,
  block: number,
  onRead: () => void = ignore,
): Promise<StepReply> {
  const lease = leaseKey(stream);
  const cluster = (o.client as { readonly isCluster?: unknown }).isCluster === true;
  let held = false;
  try {
    if (cluster && hashSlot(stream) !== hashSlot(lease)) {
      await acknowledge(o, stream, acks);
      held = await send(API, () => renewLease(o.client, stream, token, o.leaseMs));
    } else {
      const reply = await runScript(
        o.client,
        API,
        RENEW,
        [stream, lease],
        [o.group, token, String(o.leaseMs), ...acks],
      );
      held = reply === 1;
    }
  } finally {
    // No read follows: whoever waits for it goes on.
    if (!held) onRead();
  }
  if (!held) return { held: false, entries: [], cursor };
  // Sent at once, before onRead: what comes after the call is sent after the read.
  const reading = cursor === '' ? read(o, stream, block) : claim(o, stream, cursor);
  onRead();
  const [entries, next] = await reading;
  return { held: true, entries, cursor: next ?? cursor };
}

/** Claims pending entries from `cursor`: the entries, and the cursor to continue from. */
async function claim(
  o: ResolvedConsumeOptions,
  stream: string,
  cursor: string,
): Promise<[StreamEntry[], string]> {
  const [next, entries, deleted] = (await send(API, () =>
    o.client.call(
      'XAUTOCLAIM',
      stream,
      o.group,
      o.consumer,
      '0',
      cursor,
      'COUNT',
      String(o.batchSize),
    ),
  )) as [string, StreamEntry[] | null, string[] | undefined];
  if (deleted !== undefined && deleted.length > 0) await acknowledge(o, stream, deleted);
  return [present(entries ?? []), next];
}

function ignore(): void {}

/**
 * New entries of the stream for this consumer, waiting up to `block` ms when there are none.
 */
async function read(
  o: ResolvedConsumeOptions,
  stream: string,
  block: number,
): Promise<[StreamEntry[]]> {
  const args = ['GROUP', o.group, o.consumer, 'COUNT', String(o.batchSize)];
  if (block > 0) args.push('BLOCK', String(block));
  const reply = (await send(API, () =>
    o.client.call('XREADGROUP', ...args, 'STREAMS', stream, '>'),
  )) as [string, StreamEntry[]][] | null;
  return [reply?.[0]?.[1] ?? []];
}

/** Acknowledges `ids` on their own (when no step is about to carry them). @internal */
export async function acknowledge(
  o: ResolvedConsumeOptions,
  stream: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length > 0) await send(API, () => o.client.call('XACK', stream, o.group, ...ids));
}

function present(entries: readonly StreamEntry[]): StreamEntry[] {
  return entries.filter((e) => e[1] !== null && e[1] !== false);
}
