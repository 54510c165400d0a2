import type { UserResult } from '../metrics/UserResult.js';
import type { RecommenderContext } from '../recommender/types.js';
import type { PreparedRun } from './prepareRun.js';
import { cohortOf } from './RunSpec.js';
import { UserRun } from './UserRun.js';

/**
 * Simulates users `from` (inclusive) to `to` (exclusive) of a run whose recommender learns per
 * user, each to the end before the next: the work of one thread, or of one batch on a thread.
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
    const user = startUser(run, index);
    while (!user.done) user.next();
    results.push(user.result());
    onUser?.();
  }
  return results;
}

/**
 * Simulates users `from` to `to` in rounds — every user still active makes one feed request,
 * then the recommender's `endRound` — so that a population recommender learns from everyone's
 * watches between two requests of a user.
 *
 * @internal
 */
export function runRounds(
  run: PreparedRun,
  from: number,
  to: number,
  onUser?: () => void,
): UserResult[] {
  const users: UserRun[] = [];
  for (let index = from; index < to; index++) users.push(startUser(run, index));
  const results = new Array<UserResult>(users.length);
  let left = users.length;
  for (let round = 0; left > 0; round++) {
    left = stepRound(users, results, onUser);
    run.recommender.endRound?.(round);
  }
  return results;
}

/**
 * One round over a thread's users: each active user makes one request; a user who finishes
 * gives their result. Returns how many are still active.
 *
 * @internal
 */
export function stepRound(
  users: readonly UserRun[],
  results: UserResult[],
  onUser?: () => void,
): number {
  let left = 0;
  for (let k = 0; k < users.length; k++) {
    const user = users[k]!;
    if (user.done) continue;
    user.next();
    if (user.done) {
      results[k] = user.result();
      onUser?.();
    } else left++;
  }
  return left;
}

/**
 * A user of the run with the recommender's model of them.
 *
 * @internal
 */
export function startUser(run: PreparedRun, index: number): UserRun {
  const { spec, catalogue } = run;
  const context: RecommenderContext = {
    catalogue,
    user: index,
    recoveryHistory: spec.scenario.cohorts[cohortOf(spec.scenario, index)]!.recoveryHistory,
    candidates: spec.candidates,
  };
  return new UserRun(run, run.recommender.forUser(context), index);
}
