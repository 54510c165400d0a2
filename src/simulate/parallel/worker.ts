/**
 * Entry of a simulation worker thread: simulates the users it is handed and posts the results
 * back, run after run for as long as the pool keeps it. Built as its own file
 * (`simulate-worker`) so that the published package can start it; from source it runs under
 * tsx.
 *
 * @internal
 * @packageDocumentation
 */
import { parentPort } from 'node:worker_threads';
import type { UserResult } from '../metrics/UserResult.js';
import { CollaborativeShard } from '../recommender/collaborative/CollaborativeShard.js';
import { prepareRun, type PreparedRun } from '../run/prepareRun.js';
import { NO_PARTS } from '../run/RunSpec.js';
import { runUsers, startUser, stepRound } from '../run/runUsers.js';
import type { UserRun } from '../run/UserRun.js';
import type { WorkerMessage, WorkerTask } from './workerTask.js';

/** The users a thread steps round by round under the collaborative recommender. */
interface RoundsState {
  readonly shard: CollaborativeShard;
  readonly users: readonly UserRun[];
  readonly results: UserResult[];
}

const port = parentPort;
if (port !== null) {
  const progress: WorkerMessage = { kind: 'progress' };
  const onUser = (): void => {
    port.postMessage(progress);
  };
  let run: PreparedRun | null = null;
  let rounds: RoundsState | null = null;
  // A run that failed to set up (a policy that breaks a rule) fails its first batch or round.
  let setupError: unknown = null;
  port.on('message', (task: WorkerTask) => {
    if (task.kind === 'run' || task.kind === 'rounds') {
      setupError = null;
      run = null;
      rounds = null;
    } else if (setupError !== null) {
      port.postMessage({ kind: 'failed', error: setupError } satisfies WorkerMessage);
      return;
    }
    try {
      switch (task.kind) {
        case 'run':
          run = prepareRun(task.spec);
          return;
        case 'users':
          if (run === null) throw new Error('simulate: a worker was handed users before a run');
          port.postMessage({
            kind: 'done',
            results: runUsers(run, task.from, task.to, onUser),
          } satisfies WorkerMessage);
          return;
        case 'rounds': {
          const shard = new CollaborativeShard(task.snapshot, task.spec.sampler);
          const prepared = prepareRun(task.spec, NO_PARTS, {
            name: 'collaborative',
            forUser: (context) => shard.forUser(context),
          });
          const users: UserRun[] = [];
          for (let index = task.from; index < task.to; index++)
            users.push(startUser(prepared, index));
          rounds = { shard, users, results: new Array<UserResult>(users.length) };
          return;
        }
        case 'round': {
          if (rounds === null)
            throw new Error('simulate: a worker was asked for a round before its users');
          if (task.snapshot !== null) rounds.shard.setSnapshot(task.snapshot);
          const left = stepRound(rounds.users, rounds.results, onUser);
          const contributions = rounds.shard.endRound();
          port.postMessage({ kind: 'round-done', contributions, left } satisfies WorkerMessage, [
            contributions.buffer as ArrayBuffer,
          ]);
          return;
        }
        case 'finish': {
          const results = rounds?.results ?? [];
          rounds = null;
          port.postMessage({ kind: 'done', results } satisfies WorkerMessage);
          return;
        }
      }
    } catch (error) {
      if (task.kind === 'run' || task.kind === 'rounds') setupError = error;
      else port.postMessage({ kind: 'failed', error } satisfies WorkerMessage);
    }
  });
}
