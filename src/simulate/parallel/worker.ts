/**
 * Entry of a simulation worker thread: simulates the contiguous range of users it is given and
 * posts the results back. Built as its own file (`simulate-worker`) so that the published package
 * can start it; from source it runs under tsx.
 *
 * @internal
 * @packageDocumentation
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runUsers } from '../run/runUsers.js';
import { makeFeedPolicy } from '../run/makeFeedPolicy.js';
import type { WorkerMessage, WorkerTask } from './workerTask.js';

const port = parentPort;
if (port !== null) {
  const task = workerData as WorkerTask;
  const progress: WorkerMessage = { kind: 'progress' };
  const results = runUsers(task.spec, task.from, task.to, makeFeedPolicy(task.spec.policy), () => {
    port.postMessage(progress);
  });
  const done: WorkerMessage = { kind: 'done', results };
  port.postMessage(done);
}
