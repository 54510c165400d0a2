import type { Worker } from 'node:worker_threads';
import type { UserResult } from '../metrics/UserResult.js';
import type { RunSpec } from '../run/RunSpec.js';
import { acquireWorkers, discardWorker, releaseWorker } from './workerPool.js';
import type { WorkerMessage, WorkerTask } from './workerTask.js';

/**
 * Simulates a run's users on `workers` threads: users are split into contiguous chunks, one per
 * thread, and the per-user results are concatenated in chunk order, so the caller sees exactly
 * the list a single thread would produce (each user's draws depend only on its own seeds).
 *
 * @param spec - the run
 * @param workers - threads to use (at most one per user)
 * @param onUser - called on the main thread as each user finishes
 * @returns per-user results in user order
 * @internal
 */
export async function runParallel(
  spec: RunSpec,
  workers: number,
  onUser: () => void,
): Promise<UserResult[]> {
  const threads = Math.max(1, Math.min(workers, spec.users));
  const pool = acquireWorkers(threads);
  const chunks = pool.map((worker, w) => {
    const from = Math.floor((w * spec.users) / threads);
    const to = Math.floor(((w + 1) * spec.users) / threads);
    return runChunk(worker, { spec, from, to }, onUser);
  });
  const settled = await Promise.allSettled(chunks);
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure !== undefined) {
    // One failed chunk fails the run; its threads are not reused.
    await Promise.all(pool.map(discardWorker));
    throw failure.reason;
  }
  for (const worker of pool) releaseWorker(worker);
  return settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
}

function runChunk(
  worker: Worker,
  task: WorkerTask,
  onUser: () => void,
): Promise<readonly UserResult[]> {
  return new Promise((resolve, reject) => {
    // The thread outlives the task (it goes back to the pool): remove exactly these listeners.
    const settle = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (message: WorkerMessage): void => {
      if (message.kind === 'progress') {
        onUser();
        return;
      }
      settle();
      if (message.kind === 'done') resolve(message.results);
      else
        reject(message.error instanceof Error ? message.error : new Error(String(message.error)));
    };
    const onError = (error: Error): void => {
      settle();
      reject(error);
    };
    const onExit = (code: number): void => {
      settle();
      reject(new Error(`simulate: a worker thread exited with code ${code} before finishing`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(task);
  });
}
