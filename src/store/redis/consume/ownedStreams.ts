import { send } from '../runScript.js';
import type { ResolvedConsumeOptions } from './options.js';
import { acquireLease } from './streamLease.js';
import type { ParsedBatch } from './applyBatch.js';

const API = 'consumeImpressions';

/** A promise already settled: nothing under way. @internal */
export const SETTLED = Promise.resolve();

/** A stream this consumer owns, and where its loop stands. @internal */
export interface Owned {
  /** Whether pending entries (of any consumer) are still to be claimed and applied first. */
  recovering: boolean;
  /** The XAUTOCLAIM cursor while recovering. */
  cursor: string;
  /** Counts the returns to claiming: a step sent before the last one is out of date. */
  epoch: number;
  /** Ids whose events are stored, to be acknowledged by the stream's next step. */
  unacked: string[];
  /** Entries read and not yet applied: the backlog gathered (see `maxApplyEntries`). */
  gathered: ParsedBatch | null;
  /** When the last step that renewed the lease was sent (local clock, ms). */
  renewedAt: number;
  /** The batch being stored, if any: the next is sent once it is (and fails if it failed). */
  applying: Promise<void>;
  /** The folds of the last batch stored, still under way (see `applyBatch`). */
  settling: Promise<void>;
  /** The folds of the batch before it. */
  older: Promise<void>;
}

/** Sends a stream back to claiming its pending entries from the start. @internal */
export function backToClaiming(state: Owned): void {
  // What was gathered is still pending in the group: the claim reads it again, in order.
  state.gathered = null;
  state.recovering = true;
  state.cursor = '0-0';
  state.epoch++;
}

/**
 * Takes the free streams this consumer may own (their leases), and makes their groups when
 * missing. A stream taken starts by claiming the entries still pending in its group.
 *
 * @internal
 */
export async function acquire(
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
      recovering: true,
      cursor: '0-0',
      epoch: 0,
      unacked: [],
      gathered: null,
      renewedAt: -Infinity,
      applying: SETTLED,
      settling: SETTLED,
      older: SETTLED,
    });
    stats.takeovers++;
  }
}
