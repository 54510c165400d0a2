import type { UserResult } from '../metrics/UserResult.js';
import type { FactorSnapshot } from '../recommender/collaborative/FactorModel.js';
import type { RunSpec } from '../run/RunSpec.js';

/**
 * What a worker thread is asked to do. A run of a per-user recommender: `run` sets it up (its
 * policy and catalogue, built once per run and thread), then each `users` message asks for users
 * `from` to `to` of it. A run of the collaborative recommender: `rounds` gives the thread its
 * users and the initial factors, each `round` (with the factors refitted after the previous
 * round) steps them once, and `finish` asks for their results.
 *
 * @internal
 */
export type WorkerTask =
  | { readonly kind: 'run'; readonly spec: RunSpec }
  | { readonly kind: 'users'; readonly from: number; readonly to: number }
  | {
      readonly kind: 'rounds';
      readonly spec: RunSpec;
      readonly from: number;
      readonly to: number;
      readonly snapshot: FactorSnapshot;
    }
  | { readonly kind: 'round'; readonly snapshot: FactorSnapshot | null }
  | { readonly kind: 'finish' };

/**
 * What a worker thread reports: one `progress` message per finished user; `done` with the
 * results in user order (after `users` or `finish`); `round-done` with the round's packed
 * contributions and how many of its users are still active; or `failed` with the error.
 *
 * @internal
 */
export type WorkerMessage =
  | { readonly kind: 'progress' }
  | { readonly kind: 'done'; readonly results: readonly UserResult[] }
  | { readonly kind: 'round-done'; readonly contributions: Float64Array; readonly left: number }
  | { readonly kind: 'failed'; readonly error: unknown };
