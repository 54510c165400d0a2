import type { UserResult } from '../metrics/UserResult.js';
import type { RunSpec } from '../run/RunSpec.js';

/**
 * What a worker thread is asked to do: simulate users `from` to `to` of a run.
 *
 * @internal
 */
export interface WorkerTask {
  readonly spec: RunSpec;
  readonly from: number;
  readonly to: number;
}

/**
 * What a worker thread reports for a task: one `progress` message per user, then `done` with
 * the results in user order, or `failed` with the error.
 *
 * @internal
 */
export type WorkerMessage =
  | { readonly kind: 'progress' }
  | { readonly kind: 'done'; readonly results: readonly UserResult[] }
  | { readonly kind: 'failed'; readonly error: unknown };
