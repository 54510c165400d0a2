import type { UserResult } from '../metrics/UserResult.js';
import { FactorModel, type FactorSnapshot } from '../recommender/collaborative/FactorModel.js';
import { PRIOR } from '../recommender/TopicSampler.js';
import type { RunSpec } from '../run/RunSpec.js';
import { askWorker } from './askWorker.js';
import type { WorkerTask } from './workerTask.js';
import { acquireWorkers, discardWorker, releaseWorker } from './workerPool.js';

/**
 * Simulates a run of the collaborative recommender on `workers` threads, round by round. Each
 * thread keeps a contiguous range of users (their models live there) and steps them once per
 * round, folding their watches into their factors; the calling thread gathers the rounds'
 * contributions in thread order — which is user order — refits the item factors and posts them
 * back for the next round. The same refits in the same order as on one thread: the report does
 * not depend on the number of threads. Per round the calling thread's work is a few k × k solves
 * and one pass over the item factors, small beside a round's simulation, so threads scale.
 *
 * @param spec - the run
 * @param workers - threads to use (at most one per user)
 * @param onUser - called on the main thread as each user finishes
 * @returns per-user results in user order
 * @internal
 */
export async function runRoundsParallel(
  spec: RunSpec,
  workers: number,
  onUser: () => void,
): Promise<UserResult[]> {
  const threads = Math.max(1, Math.min(workers, spec.users));
  const model = new FactorModel(spec.seed, spec.topics.length, spec.users, PRIOR);
  const pool = acquireWorkers(threads);
  const bounds = pool.map((_, k) => [
    Math.floor((k * spec.users) / threads),
    Math.floor(((k + 1) * spec.users) / threads),
  ]);
  try {
    pool.forEach((worker, k) => {
      const [from, to] = bounds[k]!;
      worker.postMessage({
        kind: 'rounds',
        spec,
        from: from!,
        to: to!,
        snapshot: model.snapshot,
      } satisfies WorkerTask);
    });
    let snapshot: FactorSnapshot | null = null;
    for (;;) {
      const replies = await Promise.all(
        pool.map((worker) => askWorker(worker, { kind: 'round', snapshot }, onUser)),
      );
      const contributions: Float64Array[] = [];
      let left = 0;
      for (const reply of replies) {
        if (reply.kind !== 'round-done') throw new Error('simulate: a worker lost its round');
        contributions.push(reply.contributions);
        left += reply.left;
      }
      snapshot = model.refit(contributions);
      if (left === 0) break;
    }
    const parts = await Promise.all(
      pool.map((worker) => askWorker(worker, { kind: 'finish' }, onUser)),
    );
    const results: UserResult[] = [];
    for (const part of parts) {
      if (part.kind !== 'done') throw new Error('simulate: a worker lost its results');
      results.push(...part.results);
    }
    for (const worker of pool) releaseWorker(worker);
    return results;
  } catch (error) {
    await Promise.all(pool.map(discardWorker));
    throw error;
  }
}
