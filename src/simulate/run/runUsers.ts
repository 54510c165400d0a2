import { buildCatalogue, type Catalogue } from '../world/buildCatalogue.js';
import { deriveSeed, STREAM } from '../random/deriveSeed.js';
import type { UserResult } from '../metrics/UserResult.js';
import type { FeedPolicy } from './servePage.js';
import type { RunSpec } from './RunSpec.js';
import { simulateUser } from './simulateUser.js';
import { makeFeedPolicy } from './makeFeedPolicy.js';

/** A run ready to simulate users on one thread: its spec, policy and catalogue. @internal */
export interface PreparedRun {
  readonly spec: RunSpec;
  readonly policy: FeedPolicy;
  readonly catalogue: Catalogue;
}

/**
 * Builds what a thread needs to simulate users of a run. The catalogue comes from the run's
 * world seed, so every thread builds the same one.
 *
 * @param spec - the run
 * @param policy - the policy to drive; by default the rebalancer of `spec.policy`
 * @returns the run with its policy and catalogue
 * @internal
 */
export function prepareRun(spec: RunSpec, policy?: FeedPolicy): PreparedRun {
  return {
    spec,
    policy: policy ?? makeFeedPolicy(spec.policy),
    catalogue: buildCatalogue(deriveSeed(spec.seed, STREAM.world, 0), spec.scenario.labels),
  };
}

/**
 * Simulates users `from` (inclusive) to `to` (exclusive) of a run, in order: the work of one
 * thread, or of one batch on a thread.
 *
 * @param run - the prepared run
 * @param from - first user index
 * @param to - one past the last user index
 * @param onUser - called after each user
 * @returns per-user results, user `from` first
 * @internal
 */
export function runUsers(
  run: PreparedRun,
  from: number,
  to: number,
  onUser?: () => void,
): UserResult[] {
  const results: UserResult[] = [];
  for (let index = from; index < to; index++) {
    results.push(simulateUser(run.spec, run.catalogue, run.policy, index));
    onUser?.();
  }
  return results;
}
