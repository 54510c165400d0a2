import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Idle simulation threads, kept for the next run: starting a thread (and, from source, compiling
 * the library inside it) costs far more than a small run, and `compare` runs one population per
 * policy. Idle threads are unreferenced, so they never keep the process alive.
 */
const idle: Worker[] = [];

/**
 * A simulation allocates a new small state per impression: with the small young generation a
 * worker thread gets by default, scavenges ran so often that two threads were barely faster
 * than one (measured on two cores); 64 MB makes a thread as fast as the main thread.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 64 } as const;

/**
 * Takes `count` threads from the pool, starting new ones when too few are idle.
 *
 * @internal
 */
export function acquireWorkers(count: number): Worker[] {
  const taken: Worker[] = [];
  while (taken.length < count) {
    const worker = idle.pop() ?? startWorker();
    worker.ref();
    taken.push(worker);
  }
  return taken;
}

/**
 * Returns a thread that finished its task cleanly to the pool.
 *
 * @internal
 */
export function releaseWorker(worker: Worker): void {
  worker.unref();
  idle.push(worker);
}

/**
 * Stops a thread whose task failed or was abandoned; it is not reused.
 *
 * @internal
 */
export async function discardWorker(worker: Worker): Promise<void> {
  await worker.terminate();
}

function startWorker(): Worker {
  const here = moduleUrl();
  if (!here.endsWith('.ts')) {
    // The published build: the `simulate-worker` entry beside the bundle, in its own format.
    const extension = here.endsWith('.cjs') ? 'cjs' : 'js';
    return new Worker(new URL(`./simulate-worker.${extension}`, here), {
      resourceLimits: RESOURCE_LIMITS,
    });
  }
  // From source (under tsx or vitest) the entry is `worker.ts` beside this file, which plain
  // Node cannot load: a bootstrap registers tsx's loader inside the new thread first (a
  // `--import` in a worker's `execArgv` does not reach the worker's own entry on Node 20).
  const tsx = JSON.stringify(tsxApiUrl(here));
  const entry = JSON.stringify(new URL('./worker.ts', here).href);
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${entry}); });`, {
    eval: true,
    resourceLimits: RESOURCE_LIMITS,
  });
}

/** The ESM build of tsx's `esm/api`, found through tsx's own export map. */
function tsxApiUrl(from: string): string {
  const manifestPath = createRequire(from).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const target = manifest.exports['./esm/api']!.import.default;
  return pathToFileURL(join(dirname(manifestPath), target)).href;
}

function moduleUrl(): string {
  // The CommonJS build has no import.meta (its url is undefined there), but has __filename.
  const url = (import.meta as { url?: string }).url;
  return url ?? pathToFileURL(__filename).href;
}
