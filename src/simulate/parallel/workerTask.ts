import type { UserResult } from '../metrics/UserResult.js';
import type { RunSpec } from '../run/RunSpec.js';

/**
 * What a worker thread is asked to do: `run` sets up a run (its policy and catalogue, built once
 * per run and thread), then each `users` message asks for users `from` to `to` of it.
 *
 * @internal
 */
export type WorkerTask =
  | { readonly kind: 'run'; readonly spec: RunSpec }
  | { readonly kind: 'users'; readonly from: number; readonly to: number };

/**
 * What a worker thread reports for a `users` task: one `progress` message per user, then `done`
 * with the results in user order, or `failed` with the error.
 *
 * @internal
 */
export type WorkerMessage =
  | { readonly kind: 'progress' }
  | { readonly kind: 'done'; readonly results: readonly UserResult[] }
  | { readonly kind: 'failed'; readonly error: unknown };
