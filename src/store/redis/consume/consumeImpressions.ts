import { randomUUID } from 'node:crypto';
import { RebalanceError } from '../../../errors/RebalanceError.js';
import { send } from '../runScript.js';
import { applyBatch } from './applyBatch.js';
import {
  resolveConsumeOptions,
  type ConsumeImpressionsOptions,
  type ConsumeImpressionsStats,
  type ResolvedConsumeOptions,
} from './options.js';
import { acquireLease, releaseLease, renewLease } from './streamLease.js';

const API = 'consumeImpressions';

/** A stream this consumer owns. */
interface Owned {
  /** When the lease was last extended (local clock, ms). */
  renewedAt: number;
  /** Whether pending entries (of any consumer) are still to be claimed and applied first. */
  recovering: boolean;
  /** The XAUTOCLAIM cursor while recovering. */
  cursor: string;
  /** The last batch's folds and acknowledgement, still under way (see `applyBatch`). */
  settling: Promise<void>;
}

const SETTLED = Promise.resolve();

/**
 * Consumes impressions and feedback events from Redis streams into a state store, each event
 * applied once: a consumer of a consumer group that owns each stream it reads alone, under a
 * lease, and appends every entry's events with the stream as source and the entry id as offset,
 * so that a redelivered entry is skipped by the fold (docs/ingestion.md).
 *
 * The loop: take free streams (a lease per stream, `leaseMs`); on taking one, first claim every
 * entry still pending in the group — a dead consumer's included — with XAUTOCLAIM and apply them
 * in id order; then read new entries with XREADGROUP, `batchSize` at a time. Each batch is
 * grouped by user, appended through `store.append`, and acknowledged (XACK) only after every
 * append stored its events. With a `RedisStateStore` the folds those appends set off and the XACK
 * overlap with the next read, and the next batch is applied only once they are done: a slow store
 * slows the reads, and memory stays bounded by two batches. A failed append or command is passed
 * to `onError`, and the stream goes back to claiming its pending entries after `retryDelayMs`. A malformed entry goes to the
 * dead-letter stream `<stream>:dead` with its reason before it is acknowledged.
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
  const report = (error: unknown): void => {
    stats.errors++;
    try {
      o.onError(error);
    } catch {
      // A listener that throws must not stop the consumer.
    }
  };
  while (o.signal?.aborted !== true) {
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
      const streams = [...owned.keys()];
      const stream = streams[turn++ % streams.length]!;
      const state = owned.get(stream)!;
      // Renewed before every batch: a lease lost meanwhile (expired, or erased with a restart of
      // Redis) is noticed before anything more is read from the stream.
      if (!(await send(API, () => renewLease(o.client, stream, token, o.leaseMs)))) {
        await state.settling.catch(report);
        owned.delete(stream);
        continue;
      }
      state.renewedAt = Date.now();
      // A full round without entries: block on the next read, sharing blockMs among the streams.
      const block = idleRound >= owned.size ? Math.max(1, Math.floor(o.blockMs / owned.size)) : 0;
      const batch = state.recovering ? await claim(o, stream, state) : await read(o, stream, block);
      if (batch.length === 0) {
        idleRound++;
        continue;
      }
      idleRound = 0;
      // Self-fencing: a batch that took too long to arrive may belong to a lease about to lapse.
      if (Date.now() - state.renewedAt > o.leaseMs / 2) {
        state.recovering = true;
        state.cursor = '0-0';
        continue;
      }
      try {
        // The previous batch's acknowledgement must have gone through before this one applies.
        const previous = state.settling;
        state.settling = SETTLED;
        await previous;
        const applied = await applyBatch(o, stream, batch);
        state.settling = applied.settled;
        stats.deadLetters += applied.dead;
        stats.entries += batch.length;
      } catch (error) {
        state.recovering = true;
        state.cursor = '0-0';
        throw error;
      }
    } catch (error) {
      if (isNoGroup(error)) groupsMade.clear();
      report(error);
      await pause(o.retryDelayMs, o.signal);
    }
  }
  // A failed last acknowledgement leaves its entries pending, to be claimed again: the offsets
  // make them count once.
  for (const state of owned.values()) await state.settling.catch(report);
  await Promise.allSettled([...owned.keys()].map((s) => releaseLease(o.client, s, token)));
  return stats;
}

/** Takes the free streams this consumer may own, and makes their groups when missing. */
async function acquire(
  o: ResolvedConsumeOptions,
  token: string,
  owned: Map<string, Owned>,
  groupsMade: Set<string>,
  stats: { takeovers: number },
): Promise<void> {
  for (const stream of o.streams) {
    if (owned.size >= o.maxStreams) return;
    if (owned.has(stream)) continue;
    if (!(await send(API, () => acquireLease(o.client, stream, token, o.leaseMs)))) continue;
    if (!groupsMade.has(stream)) {
      await send(API, () =>
        o.client.call('XGROUP', 'CREATE', stream, o.group, '0', 'MKSTREAM').catch((e: unknown) => {
          if (!(e instanceof Error && e.message.startsWith('BUSYGROUP'))) throw e;
        }),
      );
      groupsMade.add(stream);
    }
    owned.set(stream, {
      renewedAt: Date.now(),
      recovering: true,
      cursor: '0-0',
      settling: SETTLED,
    });
    stats.takeovers++;
  }
}

/**
 * The next entries still pending in the group, whoever they were delivered to, claimed for this
 * consumer in id order; an empty batch once the scan is complete (recovery over).
 */
async function claim(
  o: ResolvedConsumeOptions,
  stream: string,
  state: Owned,
): Promise<(readonly [string, unknown])[]> {
  const reply = (await send(API, () =>
    o.client.call(
      'XAUTOCLAIM',
      stream,
      o.group,
      o.consumer,
      '0',
      state.cursor,
      'COUNT',
      String(o.batchSize),
    ),
  )) as [string, [string, unknown][] | null, string[] | undefined];
  const [next, entries, deleted] = reply;
  // Entries trimmed from the stream while pending have nothing left to apply.
  if (deleted !== undefined && deleted.length > 0)
    await send(API, () => o.client.call('XACK', stream, o.group, ...deleted));
  state.cursor = next;
  const batch = (entries ?? []).filter((e) => e[1] !== null);
  if (batch.length === 0 && next === '0-0') state.recovering = false;
  return batch;
}

/** New entries of the stream for this consumer, waiting up to `block` ms when there are none. */
async function read(
  o: ResolvedConsumeOptions,
  stream: string,
  block: number,
): Promise<(readonly [string, unknown])[]> {
  const args = ['GROUP', o.group, o.consumer, 'COUNT', String(o.batchSize)];
  if (block > 0) args.push('BLOCK', String(block));
  const reply = (await send(API, () =>
    o.client.call('XREADGROUP', ...args, 'STREAMS', stream, '>'),
  )) as [string, [string, unknown][]][] | null;
  return reply?.[0]?.[1] ?? [];
}

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
