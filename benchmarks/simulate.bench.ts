/**
 * The simulator:
 *
 * - throughput: impressions simulated per second on one pooled worker thread and on two, the
 *   same run (mixed scenario, `balanced`) with the same thread configuration, reported as the
 *   two-worker speed-up (target ≥ 1.7× on two idle cores; the report is identical either way);
 *   the calling thread (where `workers: 1` runs) is measured in the same rounds for context;
 * - harm against cost: the four presets on the same seeds (`compare`, mixed scenario), each
 *   figure relative to `off` measured in the same run: the at-risk harmful share and longest run
 *   as ratios to `off`, NDCG@10 retention (already a ratio to the recommender's own ranking),
 *   and false alarms per 1,000 impressions on control users.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { compare, simulate } from '../src/simulate/index.js';
import { resolveRun } from '../src/simulate/run/resolveRun.js';
import { runParallel } from '../src/simulate/parallel/runParallel.js';
import { buildReport } from '../src/simulate/metrics/buildReport.js';
import { figure, ratioAtLeast, type BenchRow, type BenchSuite } from './harness.js';

const THROUGHPUT = {
  scenario: 'mixed',
  policy: 'balanced',
  seed: 1,
  users: 400,
  steps: 100,
} as const;
const TABLE = { scenario: 'mixed', seed: 1, users: 200, steps: 200, resamples: 500 } as const;

// Odd, so the median is one round; enough that a neighbour's burst in a few rounds does not set it.
const ROUNDS = 11;

function median(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Milliseconds for the throughput run on `threads` pooled worker threads, or on this thread (0). */
async function timed(threads: number): Promise<number> {
  // Each round starts from a collected heap: otherwise the main thread collects the previous
  // run's garbage (a one-thread run leaves megabytes of it) on a core the next run needs.
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  if (threads === 0) await simulate({ ...THROUGHPUT, workers: 1 });
  else {
    // What simulate does with workers ≥ 2, for one thread as well.
    const spec = resolveRun('simulate', THROUGHPUT, THROUGHPUT.policy, 'policy');
    buildReport(spec, await runParallel(spec, threads, () => {}));
  }
  return performance.now() - t0;
}

/**
 * Run as a bundle (as `npm run bench` does), the simulator looks for its worker entry beside the
 * bundle, where the published package has `simulate-worker.js`: build it there the same way.
 * Run from source, the simulator starts `worker.ts` itself.
 */
async function buildWorkerBesideBundle(): Promise<void> {
  if (import.meta.url.endsWith('.ts')) return;
  await build({
    // `npm run bench` bundles this suite into out/bench/, two levels below the package root.
    entryPoints: [fileURLToPath(new URL('../../src/simulate/parallel/worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: fileURLToPath(new URL('./simulate-worker.js', import.meta.url)),
    logLevel: 'warning',
  });
}

const suite: BenchSuite = {
  title: 'simulate',
  async run() {
    await buildWorkerBesideBundle();
    // Warm-up: JIT and module loading on this thread, and the two pooled threads started (a
    // one-time cost per process, like loading the module).
    await simulate({ ...THROUGHPUT, users: 40, workers: 1 });
    await simulate({ ...THROUGHPUT, users: 40, workers: 2 });
    await timed(1);
    // One and two workers (and the calling thread) alternate, round by round, so a shared
    // machine's drifts hit all; each figure is the median over the rounds.
    const one: number[] = [];
    const two: number[] = [];
    const caller: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      one.push(await timed(1));
      two.push(await timed(2));
      caller.push(await timed(0));
    }
    const speedUp = median(one.map((ms, k) => ms / two[k]!));
    const impressions = THROUGHPUT.users * THROUGHPUT.steps * 10;
    const perSecond = (ms: readonly number[]): number => (impressions / median(ms)) * 1000;
    const rows: BenchRow[] = [
      figure('impressions simulated per second, 1 worker', perSecond(one), '/s'),
      figure('impressions simulated per second, 2 workers', perSecond(two), '/s'),
      ratioAtLeast('speed-up of 2 workers over 1', speedUp, '1 worker, same rounds', 1.7),
      figure(
        'impressions simulated per second on the calling thread (workers: 1)',
        perSecond(caller),
        '/s',
      ),
    ];
    const c = await compare({
      ...TABLE,
      policies: ['off', 'dispersion', 'balanced', 'protective'],
    });
    const off = c.reports[0]!.cohorts;
    for (const report of c.reports) {
      const atRisk = report.cohorts['at-risk']!;
      const control = report.cohorts.control!;
      const name = report.policy;
      rows.push(
        figure(
          `${name}: at-risk harmful share`,
          atRisk.harmfulShare / off['at-risk']!.harmfulShare,
          '×',
          'off',
        ),
        figure(
          `${name}: at-risk longest run`,
          atRisk.longestRun / off['at-risk']!.longestRun,
          '×',
          'off',
        ),
        figure(
          `${name}: at-risk NDCG@10 retention`,
          atRisk.ndcgRetention,
          '×',
          "recommender's top 10",
        ),
        figure(
          `${name}: control NDCG@10 retention`,
          control.ndcgRetention,
          '×',
          "recommender's top 10",
        ),
        figure(`${name}: control false alarms`, control.falseAlarmsPer1000 ?? 0, 'per 1,000'),
      );
    }
    return rows;
  },
};

export default suite;
