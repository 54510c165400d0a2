import type { Worker } from 'node:worker_threads';
import type { WorkerMessage, WorkerTask } from './workerTask.js';

/**
 * Posts a task to a pooled thread and resolves with its answer (progress messages are passed to
 * `onUser` on the way); rejects when the thread fails the task, errs or exits. The thread
 * outlives the task, so exactly these listeners are removed when it settles.
 *
 * @internal
 */
export function askWorker(
  worker: Worker,
  task: WorkerTask,
  onUser: () => void,
): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const settle = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (message: WorkerMessage): void => {
      if (message.kind === 'progress') {
        onUser();
        return;
      }
      settle();
      if (message.kind === 'failed')
        reject(message.error instanceof Error ? message.error : new Error(String(message.error)));
      else resolve(message);
    };
    const onError = (error: Error): void => {
      settle();
      reject(error);
    };
    const onExit = (code: number): void => {
      settle();
      reject(new Error(`simulate: a worker thread exited with code ${code} before finishing`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(task);
  });
}
