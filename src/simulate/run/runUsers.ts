import { buildCatalogue } from '../world/buildCatalogue.js';
import { deriveSeed, STREAM } from '../random/deriveSeed.js';
import type { UserResult } from '../metrics/UserResult.js';
import type { FeedPolicy } from './servePage.js';
import type { RunSpec } from './RunSpec.js';
import { simulateUser } from './simulateUser.js';

/**
 * Simulates users `from` (inclusive) to `to` (exclusive) of a run, in order: the work of one
 * thread. The catalogue comes from the run's world seed, so every thread builds the same one.
 *
 * @param spec - the run
 * @param from - first user index
 * @param to - one past the last user index
 * @param policy - the policy to drive (built from `spec.policy` by `makeFeedPolicy`)
 * @param onUser - called after each user
 * @returns per-user results, user `from` first
 * @internal
 */
export function runUsers(
  spec: RunSpec,
  from: number,
  to: number,
  policy: FeedPolicy,
  onUser?: () => void,
): UserResult[] {
  const catalogue = buildCatalogue(deriveSeed(spec.seed, STREAM.world, 0), spec.scenario.labels);
  const results: UserResult[] = [];
  for (let index = from; index < to; index++) {
    results.push(simulateUser(spec, catalogue, policy, index));
    onUser?.();
  }
  return results;
}
