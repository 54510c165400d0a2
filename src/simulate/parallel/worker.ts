/**
 * Entry of a simulation worker thread: takes a run (`run`), then simulates the batches of its
 * users it is handed (`users`) and posts the results back; it serves run after run for as long
 * as the pool keeps it. Built as its own file (`simulate-worker`) so that the published package
 * can start it; from source it runs under tsx.
 *
 * @internal
 * @packageDocumentation
 */
import { parentPort } from 'node:worker_threads';
import { prepareRun, runUsers, type PreparedRun } from '../run/runUsers.js';
import type { WorkerMessage, WorkerTask } from './workerTask.js';

const port = parentPort;
if (port !== null) {
  const progress: WorkerMessage = { kind: 'progress' };
  let run: PreparedRun | null = null;
  port.on('message', (task: WorkerTask) => {
    let reply: WorkerMessage;
    try {
      if (task.kind === 'run') {
        run = prepareRun(task.spec);
        return;
      }
      if (run === null) throw new Error('simulate: a worker was handed users before a run');
      const results = runUsers(run, task.from, task.to, () => {
        port.postMessage(progress);
      });
      reply = { kind: 'done', results };
    } catch (error) {
      reply = { kind: 'failed', error };
    }
    port.postMessage(reply);
  });
}
