/**
 * Worker processes for the multi-process store tests (test/store/worker.ts), bundled once with
 * esbuild so that each process starts in milliseconds rather than compiling TypeScript itself.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { WorkerJob, WorkerReport } from './worker.js';

const OUT = fileURLToPath(new URL('../../out/', import.meta.url));

/** Bundles `test/store/<name>.ts`; the path of the bundle (packages stay imports). */
export async function bundle(name: string): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const outfile = `${OUT}${name}-${randomUUID()}.mjs`;
  await build({
    entryPoints: [fileURLToPath(new URL(`./${name}.ts`, import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

/** Removes a bundle. */
export function removeBundle(path: string): void {
  rmSync(path, { force: true });
}

/** A running worker: send it jobs, then close it. */
export interface Worker {
  readonly child: ChildProcess;
  run(job: WorkerJob): Promise<WorkerReport>;
  close(): void;
}

/** Forks `count` workers of the bundle connected to `address`; resolves once all are ready. */
export function startWorkers(script: string, address: string, count: number): Promise<Worker[]> {
  return Promise.all(Array.from({ length: count }, () => startWorker(script, address)));
}

function startWorker(script: string, address: string): Promise<Worker> {
  const child = fork(script, [address], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let exited: Error | undefined;
  child.once('exit', (code) => {
    exited = new Error(`worker exited with code ${code}`);
  });
  const worker: Worker = {
    child,
    run(job) {
      return new Promise((resolve, reject) => {
        if (exited !== undefined) {
          reject(exited);
          return;
        }
        const onExit = () => {
          reject(exited ?? new Error('worker exited'));
        };
        child.once('exit', onExit);
        child.once('message', (report: WorkerReport) => {
          child.off('exit', onExit);
          resolve(report);
        });
        child.send(job);
      });
    },
    close() {
      if (exited === undefined) child.send({ exit: true });
    },
  };
  return new Promise((resolve, reject) => {
    child.once('message', () => {
      resolve(worker);
    });
    child.once('exit', (code) => {
      reject(new Error(`worker exited with code ${code} before it was ready`));
    });
  });
}
