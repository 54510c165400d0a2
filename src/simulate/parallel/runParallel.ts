import type { Worker } from 'node:worker_threads';
import type { UserResult } from '../metrics/UserResult.js';
import type { RunSpec } from '../run/RunSpec.js';
import { askWorker } from './askWorker.js';
import type { WorkerTask } from './workerTask.js';
import { acquireWorkers, discardWorker, releaseWorker } from './workerPool.js';

/**
 * Each batch is this share of the users not yet handed out, per thread (guided self-scheduling,
 * Polychronopoulos & Kuck 1987): large batches while much is left, single users at the end, so
 * that no thread waits long for another to finish a large last batch.
 */
const SHARE_PER_THREAD = 0.5;

/**
 * Simulates a run's users (or the users of `range`) on `workers` threads. Users go out in contiguous batches, shrinking
 * as the run nears its end, to whichever thread is free (users differ in cost, so fixed halves
 * leave one thread idle at the end), and the per-user results are put back in user order, so the caller sees exactly the list
 * a single thread would produce (each user's draws depend only on its own seeds).
 *
 * @param spec - the run
 * @param workers - threads to use (at most one per user)
 * @param onUser - called on the main thread as each user finishes
 * @param range - the users to simulate; all of them when omitted
 * @returns per-user results in user order, user `range.from` first
 * @internal
 */
export async function runParallel(
  spec: RunSpec,
  workers: number,
  onUser: () => void,
  range: { readonly from: number; readonly to: number } = { from: 0, to: spec.users },
): Promise<UserResult[]> {
  const end = range.to;
  const threads = Math.max(1, Math.min(workers, end - range.from));
  const results = new Array<UserResult>(end - range.from);
  let next = range.from;
  const pool = acquireWorkers(threads);
  const serve = async (worker: Worker): Promise<void> => {
    worker.postMessage({ kind: 'run', spec } satisfies WorkerTask);
    while (next < end) {
      const from = next;
      const batch = Math.ceil(((end - from) * SHARE_PER_THREAD) / threads);
      const to = Math.min(end, from + Math.max(1, batch));
      next = to;
      let chunk: readonly UserResult[];
      try {
        chunk = await runBatch(worker, from, to, onUser);
      } catch (error) {
        next = end; // no more batches for anyone: the run has failed
        throw error;
      }
      for (let k = 0; k < chunk.length; k++) results[from - range.from + k] = chunk[k]!;
    }
  };
  const settled = await Promise.allSettled(pool.map(serve));
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure !== undefined) {
    // One failed batch fails the run; its threads are not reused.
    await Promise.all(pool.map(discardWorker));
    throw failure.reason;
  }
  for (const worker of pool) releaseWorker(worker);
  return results;
}

async function runBatch(
  worker: Worker,
  from: number,
  to: number,
  onUser: () => void,
): Promise<readonly UserResult[]> {
  const message = await askWorker(worker, { kind: 'users', from, to }, onUser);
  if (message.kind !== 'done') throw new Error('simulate: a worker answered a batch with a round');
  return message.results;
}
