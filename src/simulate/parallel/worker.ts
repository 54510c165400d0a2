/**
 * Entry of a simulation worker thread: waits for tasks (a contiguous range of users of a run),
 * simulates them and posts the results back; it serves task after task for as long as the pool
 * keeps it. Built as its own file (`simulate-worker`) so that the published package can start
 * it; from source it runs under tsx.
 *
 * @internal
 * @packageDocumentation
 */
import { parentPort } from 'node:worker_threads';
import { runUsers } from '../run/runUsers.js';
import { makeFeedPolicy } from '../run/makeFeedPolicy.js';
import type { WorkerMessage, WorkerTask } from './workerTask.js';

const port = parentPort;
if (port !== null) {
  const progress: WorkerMessage = { kind: 'progress' };
  port.on('message', (task: WorkerTask) => {
    let reply: WorkerMessage;
    try {
      const policy = makeFeedPolicy(task.spec.policy);
      const results = runUsers(task.spec, task.from, task.to, policy, () => {
        port.postMessage(progress);
      });
      reply = { kind: 'done', results };
    } catch (error) {
      reply = { kind: 'failed', error };
    }
    port.postMessage(reply);
  });
}
