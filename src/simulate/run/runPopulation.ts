import { RebalanceError } from '../../errors/RebalanceError.js';
import { describeValue } from '../../errors/describe.js';
import { availableParallelism } from 'node:os';
import type { UserResult } from '../metrics/UserResult.js';
import { runParallel } from '../parallel/runParallel.js';
import type { RunSpec } from './RunSpec.js';
import { prepareRun, runUsers } from './runUsers.js';

/** Below this many users a run stays on the calling thread unless told otherwise. @internal */
export const PARALLEL_FROM_USERS = 200;

/**
 * Runs every user of a run, on the calling thread or on worker threads, and returns the
 * per-user results in user order — the same list either way.
 *
 * @param spec - the run
 * @param workers - threads, or `undefined` for the default
 * @param onUser - called as each user finishes
 * @returns per-user results
 * @internal
 */
export async function runPopulation(
  spec: RunSpec,
  workers: number | undefined,
  onUser: () => void,
): Promise<UserResult[]> {
  const threads =
    workers ?? (spec.users < PARALLEL_FROM_USERS ? 1 : Math.max(1, availableParallelism()));
  if (threads <= 1 || spec.users < 2) return runUsers(prepareRun(spec), 0, spec.users, onUser);
  return runParallel(spec, threads, onUser);
}

/**
 * Checks the `workers` and `onProgress` options shared by `simulate` and `compare`.
 *
 * @internal
 */
export function checkThreadOptions(
  api: string,
  workers: unknown,
  onProgress: unknown,
): {
  workers: number | undefined;
  onProgress: ((done: number, total: number) => void) | undefined;
} {
  return { workers: checkWorkers(api, workers), onProgress: checkProgress(api, onProgress) };
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
