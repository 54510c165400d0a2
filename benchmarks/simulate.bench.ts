/**
 * The simulator:
 *
 * - throughput: impressions simulated per second on one pooled worker thread and on two, the
 *   same run (mixed scenario, `balanced`) with the same thread configuration, reported as the
 *   two-worker speed-up (target ≥ 1.7× on two idle cores; the report is identical either way);
 *   the calling thread (where `workers: 1` runs) is measured in the same rounds for context;
 * - the collaborative recommender: the same run with `recommender: 'collaborative'` (rounds of
 *   one request per user, factors refitted on the calling thread between rounds), its
 *   throughput as a ratio to the per-user recommender's on one worker, and its own two-worker
 *   speed-up;
 * - harm against cost: the four presets on the same seeds (`compare`, mixed scenario), each
 *   figure relative to `off` measured in the same run: the at-risk harmful share and longest run
 *   as ratios to `off`, NDCG@10 retention (already a ratio to the recommender's own ranking),
 *   and false alarms per 1,000 impressions on control users.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { compare, simulate, type SimulationReport } from '../src/simulate/index.js';
import { resolveRun } from '../src/simulate/run/resolveRun.js';
import { runParallel } from '../src/simulate/parallel/runParallel.js';
import { runRoundsParallel } from '../src/simulate/parallel/runRoundsParallel.js';
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
const ROUNDS = 9;

type Recommender = 'per-user' | 'collaborative';

function median(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Impressions of a run (users who leave make fewer, so they are counted, not assumed). */
let impressionsOf: Record<Recommender, number> = { 'per-user': 0, collaborative: 0 };

/**
 * Milliseconds for the throughput run on `threads` pooled worker threads, or on this thread
 * (0), with the given recommender.
 */
async function timed(threads: number, recommender: Recommender = 'per-user'): Promise<number> {
  // Each round starts from a collected heap: otherwise the main thread collects the previous
  // run's garbage (a one-thread run leaves megabytes of it) on a core the next run needs.
  (globalThis as { gc?: () => void }).gc?.();
  const options = { ...THROUGHPUT, recommender };
  const t0 = performance.now();
  let report: SimulationReport;
  if (threads === 0) report = await simulate({ ...options, workers: 1 });
  else {
    // What simulate does with workers ≥ 2, for one thread as well.
    const { spec } = resolveRun('simulate', options, THROUGHPUT.policy, 'policy');
    const run = recommender === 'collaborative' ? runRoundsParallel : runParallel;
    report = buildReport(spec, await run(spec, threads, () => {}));
  }
  const ms = performance.now() - t0;
  impressionsOf = {
    ...impressionsOf,
    [recommender]:
      (report.cohorts['at-risk']?.impressions ?? 0) + (report.cohorts.control?.impressions ?? 0),
  };
  return ms;
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
    await timed(1, 'collaborative');
    // Every configuration runs once per round, in turn, so a shared machine's drifts hit all;
    // each figure is the median over the rounds, each ratio the median of per-round ratios.
    const one: number[] = [];
    const two: number[] = [];
    const caller: number[] = [];
    const cfOne: number[] = [];
    const cfTwo: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      one.push(await timed(1));
      two.push(await timed(2));
      caller.push(await timed(0));
      cfOne.push(await timed(1, 'collaborative'));
      cfTwo.push(await timed(2, 'collaborative'));
    }
    const ratio = (a: readonly number[], b: readonly number[]) =>
      median(a.map((ms, k) => ms / b[k]!));
    const perSecond = (ms: readonly number[], recommender: Recommender = 'per-user'): number =>
      (impressionsOf[recommender] / median(ms)) * 1000;
    const rows: BenchRow[] = [
      figure('impressions simulated per second, 1 worker', perSecond(one), '/s'),
      figure('impressions simulated per second, 2 workers', perSecond(two), '/s'),
      ratioAtLeast('speed-up of 2 workers over 1', ratio(one, two), '1 worker, same rounds', 1.7),
      figure(
        'impressions simulated per second on the calling thread (workers: 1)',
        perSecond(caller),
        '/s',
      ),
      figure(
        'collaborative: impressions simulated per second, 1 worker',
        perSecond(cfOne, 'collaborative'),
        '/s',
      ),
      figure(
        'collaborative: throughput against per-user, 1 worker',
        median(
          cfOne.map(
            (ms, k) => impressionsOf.collaborative / ms / (impressionsOf['per-user'] / one[k]!),
          ),
        ),
        '×',
        'per-user, same rounds',
      ),
      ratioAtLeast(
        'collaborative: speed-up of 2 workers over 1',
        ratio(cfOne, cfTwo),
        '1 worker, same rounds',
        1.7,
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
