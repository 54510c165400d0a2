import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { UserResult } from '../metrics/UserResult.js';
import type { RunSpec } from '../run/RunSpec.js';
import type { WorkerMessage, WorkerTask } from './workerTask.js';

/**
 * Simulates a run's users on `workers` threads: users are split into contiguous chunks, one per
 * thread, and the per-user results are concatenated in chunk order, so the caller sees exactly
 * the list a single thread would produce (each user's draws depend only on its own seeds).
 *
 * @param spec - the run
 * @param workers - threads to use (at most one per user)
 * @param onUser - called on the main thread as each user finishes
 * @returns per-user results in user order
 * @internal
 */
export async function runParallel(
  spec: RunSpec,
  workers: number,
  onUser: () => void,
): Promise<UserResult[]> {
  const threads = Math.max(1, Math.min(workers, spec.users));
  const entry = workerEntry();
  const started: Worker[] = [];
  const chunks: Promise<readonly UserResult[]>[] = [];
  for (let w = 0; w < threads; w++) {
    const from = Math.floor((w * spec.users) / threads);
    const to = Math.floor(((w + 1) * spec.users) / threads);
    chunks.push(runChunk(entry, { spec, from, to }, onUser, started));
  }
  try {
    return (await Promise.all(chunks)).flat();
  } catch (error) {
    // One failed chunk fails the run: stop the others instead of letting them run on.
    await Promise.all(started.map((worker) => worker.terminate()));
    throw error;
  }
}

/** How to start a worker: a script file, or (from source) a bootstrap evaluated as code. */
type WorkerEntry = { readonly file: URL } | { readonly code: string };

function runChunk(
  entry: WorkerEntry,
  task: WorkerTask,
  onUser: () => void,
  started: Worker[],
): Promise<readonly UserResult[]> {
  return new Promise((resolve, reject) => {
    const worker =
      'file' in entry
        ? new Worker(entry.file, { workerData: task })
        : new Worker(entry.code, { eval: true, workerData: task });
    started.push(worker);
    let results: readonly UserResult[] | null = null;
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') onUser();
      else results = message.results;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (results !== null) resolve(results);
      else reject(new Error(`simulate: a worker thread exited with code ${code} before finishing`));
    });
  });
}

/**
 * Where the worker entry is. From the published build it is the `simulate-worker` entry beside
 * the bundle, in the bundle's own module format. From source (this file is `.ts`, under tsx or
 * vitest) it is `worker.ts` beside this file, which plain Node cannot load: a small bootstrap
 * registers tsx's loader in the new thread first (a `--import` in a worker's `execArgv` does not
 * reach the worker's own entry on Node 20).
 */
function workerEntry(): WorkerEntry {
  const here = moduleUrl();
  if (!here.endsWith('.ts')) {
    const extension = here.endsWith('.cjs') ? 'cjs' : 'js';
    return { file: new URL(`./simulate-worker.${extension}`, here) };
  }
  const tsx = JSON.stringify(tsxApiUrl(here));
  const worker = JSON.stringify(new URL('./worker.ts', here).href);
  return { code: `import(${tsx}).then((tsx) => { tsx.register(); return import(${worker}); });` };
}

/** The ESM build of tsx's `esm/api`, found through tsx's own export map. */
function tsxApiUrl(from: string): string {
  const manifestPath = createRequire(from).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  return pathToFileURL(join(dirname(manifestPath), manifest.exports['./esm/api']!.import.default))
    .href;
}

function moduleUrl(): string {
  // The CommonJS build has no import.meta (its url is undefined there), but has __filename.
  const url = (import.meta as { url?: string }).url;
  return url ?? pathToFileURL(__filename).href;
}
