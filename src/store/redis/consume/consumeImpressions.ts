import { randomUUID } from 'node:crypto';
import { RebalanceError } from '../../../errors/RebalanceError.js';
import {
  applyBatch,
  parsedBatch,
  parseInto,
  prepareBatch,
  type PreparedBatch,
} from './applyBatch.js';
import {
  resolveConsumeOptions,
  type ConsumeImpressionsOptions,
  type ConsumeImpressionsStats,
} from './options.js';
import { acquire, backToClaiming, SETTLED, type Owned } from './ownedStreams.js';
import { releaseLease } from './streamLease.js';
import { acknowledge, step, type StepReply } from './streamStep.js';

/** A step sent, with what it carried. */
interface Sent {
  readonly stream: string;
  /** When it was sent (local clock, ms): the lease was renewed no earlier. */
  readonly at: number;
  readonly epoch: number;
  /** Whether it claims pending entries rather than reading new ones. */
  readonly claiming: boolean;
  /** The ids it acknowledges, given back to the stream when it fails. */
  readonly acks: readonly string[];
  /** Settles once its read is sent (or it ended without one). */
  readonly read: Promise<void>;
  readonly reply: Promise<StepReply>;
}

/**
 * Consumes impressions and feedback events from Redis streams into a state store, each event
 * applied once: a consumer of a consumer group that owns each stream it reads alone, under a
 * lease, and appends every entry's events with the stream as source and the entry id as offset,
 * so that a redelivered entry is skipped by the fold (docs/ingestion.md).
 *
 * The loop: take free streams (a lease per stream, `leaseMs`); on taking one, first claim every
 * entry still pending in the group — a dead consumer's included — with XAUTOCLAIM and apply them
 * in id order; then read new entries with XREADGROUP, `batchSize` at a time. Every read follows a
 * renewal of the lease in the same step. While the reads come back full (a backlog), their
 * entries are gathered, up to `maxApplyEntries`, and applied as one batch; a short read applies
 * what was gathered at once. Each batch is grouped by user and appended through the
 * store (with a `RedisStateStore`, validated at once and sent as one script call per hash slot),
 * and acknowledged (XACK, sent with the stream's next renewal) only after every append stored
 * its events. The work overlaps: the next batch is read while one is parsed and validated, and
 * that one while the previous is stored; a batch is sent once the previous one of its stream is
 * stored, so a slow store slows the reads, and memory holds a few batches at most. A failed
 * append or command is passed to `onError`, and the stream goes back to claiming its pending
 * entries after `retryDelayMs`. A malformed entry goes to the dead-letter stream
 * `<stream>:dead` with its reason before it is acknowledged.
 *
 * Entries: field `u` the user id, field `e` the JSON of one event or an array of events, as
 * `observe` takes them. Producers pick the stream with {@link pickStream}.
 *
 * @param options - the client, streams, group, consumer name and store, and the settings
 * @returns what the consumer did, once `signal` aborted and it stopped (streams released)
 * @throws RebalanceError with code `argument` for malformed options (nothing started)
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { RedisStateStore, consumeImpressions } from 'feed-rebalancer/redis';
 * const rebalancer = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const store = new RedisStateStore({ client: new Redis(), rebalancer });
 * const stop = new AbortController();
 * process.once('SIGTERM', () => stop.abort());
 * const stats = await consumeImpressions({
 *   client: new Redis(),
 *   streams: ['impressions{0}', 'impressions{1}'],
 *   group: 'feed-rebalancer',
 *   consumer: process.env.HOSTNAME ?? 'consumer-1',
 *   store,
 *   signal: stop.signal,
 * });
 * console.log(`stopped after ${stats.entries} entries`);
 * ```
 */
export async function consumeImpressions(
  options: ConsumeImpressionsOptions,
): Promise<ConsumeImpressionsStats> {
  const o = resolveConsumeOptions(options);
  const stats = { entries: 0, deadLetters: 0, errors: 0, takeovers: 0 };
  // Unique to this run of this consumer: a restarted consumer of the same name takes its
  // streams back only once its old lease expired.
  const token = `${o.consumer}:${randomUUID()}`;
  const owned = new Map<string, Owned>();
  const groupsMade = new Set<string>();
  let lastAcquire = -Infinity;
  let turn = 0;
  let idleRound = 0;
  /** The step of the stream next in turn, sent while the current batch is applied. */
  let ahead: Sent | undefined;
  const report = (error: unknown): void => {
    stats.errors++;
    try {
      o.onError(error);
    } catch {
      // A listener that throws must not stop the consumer.
    }
  };
  const sendStep = (stream: string, block = 0): Sent => {
    const state = owned.get(stream)!;
    const acks = state.unacked;
    state.unacked = [];
    const cursor = state.recovering ? state.cursor : '';
    const at = Date.now();
    let sent!: () => void;
    const read = new Promise<void>((resolve) => {
      sent = resolve;
    });
    const reply = step(o, stream, token, acks, cursor, block, sent);
    // Awaited when its turn comes; marked handled now, in case it fails before that.
    reply.catch(() => undefined);
    return { stream, at, epoch: state.epoch, claiming: cursor !== '', acks, read, reply };
  };
  /** The stream whose turn is next. */
  const next = (): string => {
    const streams = [...owned.keys()];
    return streams[turn++ % streams.length]!;
  };
  /** Stores a prepared batch; its ids are then acknowledged by the stream's next step. */
  const apply = async (state: Owned, prepared: PreparedBatch): Promise<void> => {
    const applied = await applyBatch(o, prepared);
    for (const id of prepared.ids) state.unacked.push(id);
    state.older = state.settling;
    state.settling = applied.settled;
    stats.deadLetters += applied.dead;
    stats.entries += prepared.ids.length;
  };
  /**
   * Lets a stream's batch in flight finish, applies what the stream gathered (on a lease still
   * fresh, after a batch that did not fail: a user's events reach the store in offset order),
   * then acknowledges what it stored.
   */
  const finish = async (stream: string, state: Owned): Promise<void> => {
    let failed = false;
    await state.applying.catch((error: unknown) => {
      failed = true;
      report(error);
    });
    const gathered = state.gathered;
    state.gathered = null;
    if (!failed && gathered !== null && Date.now() - state.renewedAt <= o.leaseMs / 2) {
      await state.older;
      try {
        await apply(state, prepareBatch(o, gathered));
      } catch (error) {
        report(error);
      }
    }
    await Promise.all([state.older, state.settling]);
    await acknowledge(o, stream, state.unacked).catch(report);
  };
  /** Gives up a stream whose lease was lost. */
  const drop = async (stream: string, state: Owned): Promise<void> => {
    owned.delete(stream);
    // Still pending in the group: the stream's next owner claims it.
    state.gathered = null;
    await finish(stream, state);
  };
  /** The step's answer; a failed step gives its acknowledgements back to the stream. */
  const answer = async (sent: Sent): Promise<StepReply> => {
    try {
      return await sent.reply;
    } catch (error) {
      const state = owned.get(sent.stream);
      if (state !== undefined) state.unacked = [...sent.acks, ...state.unacked];
      throw error;
    }
  };
  while (o.signal?.aborted !== true) {
    /** The stream being served, sent back to claiming when anything fails. */
    let current: Owned | undefined;
    try {
      if (
        owned.size < Math.min(o.maxStreams, o.streams.length) &&
        Date.now() - lastAcquire >= o.leaseMs / 4
      ) {
        lastAcquire = Date.now();
        await acquire(o, token, owned, groupsMade, stats);
      }
      if (owned.size === 0) {
        await pause(o.leaseMs / 4, o.signal);
        continue;
      }
      // The step sent ahead, or one for the stream whose turn it is: it acknowledges what the
      // stream stored, renews its lease and then reads, so that a lease lost meanwhile (expired,
      // or erased with a restart of Redis) is noticed before anything more is read. After a full
      // round without entries it blocks on the read, sharing blockMs among the streams.
      const block = idleRound >= owned.size ? Math.max(1, Math.floor(o.blockMs / owned.size)) : 0;
      const sent = ahead !== undefined && owned.has(ahead.stream) ? ahead : sendStep(next(), block);
      ahead = undefined;
      const { stream } = sent;
      const state = owned.get(stream)!;
      current = state;
      const reply = await answer(sent);
      if (!reply.held) {
        await drop(stream, state);
        continue;
      }
      // Sent before the stream went back to claiming: what it read is claimed again, in order.
      if (sent.epoch !== state.epoch) continue;
      const batch = reply.entries;
      if (sent.claiming) {
        // The scan of the pending entries is complete: the next step reads new entries. (It
        // starts before this batch is acknowledged, so a claim from the start again would take
        // this very batch a second time.)
        state.cursor = reply.cursor;
        if (reply.cursor === '0-0') state.recovering = false;
      }
      state.renewedAt = sent.at;
      if (batch.length === 0 && state.gathered === null) {
        idleRound++;
        continue;
      }
      idleRound = 0;
      const parsed = (state.gathered ??= parsedBatch(stream));
      // Behind on the stream (the read came back full): gathered, to be applied with the
      // entries read next, while there is room (see maxApplyEntries).
      const more =
        !sent.claiming &&
        batch.length === o.batchSize &&
        parsed.ids.length + 2 * o.batchSize <= o.maxApplyEntries &&
        parsed.chars < GATHER_CHARS &&
        parsed.reads + 1 < GATHER_READS;
      // Self-fencing: a batch that took too long to arrive may belong to a lease about to lapse.
      if (!more && Date.now() - sent.at > o.leaseMs / 2) {
        backToClaiming(state);
        continue;
      }
      // The next entries are read while these are parsed (and the batch prepared and stored).
      ahead = sendStep(next());
      parseInto(parsed, batch);
      if (more) continue;
      state.gathered = null;
      // The next read goes to Redis first. Preparing takes milliseconds for a gathered batch,
      // and would hold up the reply to the next step's renewal, and with it the read. The read
      // also goes before this batch's appends, which would hold it up for as long as Redis runs
      // them: the next batch is then at hand when this one is stored.
      await ahead.read;
      // Validated and encoded while Redis reads the next entries and stores the previous batch.
      const prepared = prepareBatch(o, parsed);
      // A user's events reach the store in offset order: this batch is sent once the previous
      // one is stored (if that one failed, the stream goes back to claiming, and this batch is
      // claimed again with it). The folds of the batch before that are done by then, so memory
      // holds a bounded number of batches.
      const previous = state.applying;
      state.applying = SETTLED;
      await previous;
      await state.older;
      if (Date.now() - sent.at > o.leaseMs / 2) {
        backToClaiming(state);
        continue;
      }
      state.applying = apply(state, prepared);
      // Awaited before the stream's next batch; marked handled now, in case it fails before that.
      state.applying.catch(() => undefined);
    } catch (error) {
      // A failed batch or command (a read whose reply was lost included): the stream's pending
      // entries are claimed again, in order, before anything newer is read.
      if (current !== undefined) backToClaiming(current);
      if (isNoGroup(error)) groupsMade.clear();
      report(error);
      await pause(o.retryDelayMs, o.signal);
    }
  }
  // The step sent ahead acknowledges what it carries; what it read stays pending, for the next
  // owner to claim. Then every stored entry not yet acknowledged is.
  if (ahead !== undefined) await answer(ahead).catch(report);
  for (const [stream, state] of owned) await finish(stream, state);
  await Promise.allSettled([...owned.keys()].map((s) => releaseLease(o.client, s, token)));
  return stats;
}

/**
 * Most characters of entry fields a stream gathers before applying them: with entries of up to
 * 64 KiB, `maxApplyEntries` alone would let a backlog of large entries take a few hundred MB.
 */
const GATHER_CHARS = 1024 * 1024;

/**
 * Most reads a stream gathers before applying them: with a small `batchSize`, `maxApplyEntries`
 * alone would hold the first entries back for thousands of round trips.
 */
const GATHER_READS = 64;

function isNoGroup(error: unknown): boolean {
  return error instanceof RebalanceError && /NOGROUP/.test(error.message);
}

/** Waits `ms`, or less when the signal aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true || ms <= 0) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
