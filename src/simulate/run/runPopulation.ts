import { RebalanceError } from '../../index.js';
import { describeValue } from '../../errors/describe.js';
import { availableParallelism } from 'node:os';
import type { UserResult } from '../metrics/UserResult.js';
import { runParallel } from '../parallel/runParallel.js';
import { runRoundsParallel } from '../parallel/runRoundsParallel.js';
import { prepareRun } from './prepareRun.js';
import type { RunParts, RunSpec } from './RunSpec.js';
import { runRounds, runUsers } from './runUsers.js';

/** Below this many users a run stays on the calling thread unless told otherwise. @internal */
export const PARALLEL_FROM_USERS = 200;

/**
 * A contiguous range of a run's users: `from` (inclusive) to `to` (exclusive).
 *
 * @internal
 */
export interface UserRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Runs every user of a run — or the users of `range`, one shard of a sweep — on the calling
 * thread or on worker threads, and returns the per-user results in user order — the same list
 * either way. A run with a recommender or re-ranker object stays on the calling thread
 * (functions cannot be posted to a worker). Each user's result depends only on the run and the
 * user's index, so a range gives exactly the results the whole run gives for those users — except
 * under a population recommender (the collaborative one), whose users learn from each other:
 * such a run is only ever simulated whole.
 *
 * @param spec - the run
 * @param parts - objects that stay on the calling thread
 * @param workers - threads, or `undefined` for the default
 * @param onUser - called as each user finishes
 * @param range - the users to simulate; all of them when omitted
 * @returns per-user results, user `range.from` first
 * @internal
 */
export async function runPopulation(
  spec: RunSpec,
  parts: RunParts,
  workers: number | undefined,
  onUser: () => void,
  range: UserRange = { from: 0, to: spec.users },
): Promise<UserResult[]> {
  const { from, to } = range;
  const population = spec.builtin === 'collaborative' || parts.recommender?.endRound !== undefined;
  if (population && (from !== 0 || to !== spec.users))
    throw new Error('simulate: a population recommender runs only on the whole population');
  const users = to - from;
  const local = parts.recommender !== null || parts.rerank !== null;
  const threads = local
    ? 1
    : (workers ?? (users < PARALLEL_FROM_USERS ? 1 : Math.max(1, availableParallelism())));
  if (threads <= 1 || users < 2) {
    const run = prepareRun(spec, parts);
    const rounds = run.recommender.endRound !== undefined;
    return (rounds ? runRounds : runUsers)(run, from, to, onUser);
  }
  return spec.builtin === 'collaborative'
    ? runRoundsParallel(spec, threads, onUser)
    : runParallel(spec, threads, onUser, range);
}

/**
 * Checks the `workers` and `onProgress` options shared by `simulate` and `compare`. Worker
 * threads cannot run a recommender or re-ranker object: asking for more than one with such a
 * part is an error rather than a silent single thread.
 *
 * @internal
 */
export function checkThreadOptions(
  api: string,
  workers: unknown,
  onProgress: unknown,
  parts: readonly RunParts[] = [],
): {
  workers: number | undefined;
  onProgress: ((done: number, total: number) => void) | undefined;
} {
  const threads = checkWorkers(api, workers);
  if (
    threads !== undefined &&
    threads > 1 &&
    parts.some((p) => p.recommender !== null || p.rerank !== null)
  )
    throw new RebalanceError(
      'argument',
      `${api}: workers must be 1 (or omitted) with a recommender or re-ranker object, which runs on the calling thread (got ${threads})`,
      'workers',
    );
  return { workers: threads, onProgress: checkProgress(api, onProgress) };
}

function checkWorkers(api: string, workers: unknown): number | undefined {
  if (workers === undefined) return undefined;
  if (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 1 || workers > 256)
    throw new RebalanceError(
      'argument',
      `${api}: workers must be an integer in [1, 256] (got ${describeValue(workers)})`,
      'workers',
    );
  return workers;
}

function checkProgress(
  api: string,
  onProgress: unknown,
): ((done: number, total: number) => void) | undefined {
  if (onProgress === undefined) return undefined;
  if (typeof onProgress !== 'function')
    throw new RebalanceError(
      'argument',
      `${api}: onProgress must be a function (got ${describeValue(onProgress)})`,
      'onProgress',
    );
  return onProgress as (done: number, total: number) => void;
}
