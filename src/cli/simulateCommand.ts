import { compare, simulate, type PartialResult, type Shard } from '../simulate/index.js';
import { comparePartialAs, simulatePartialAs } from '../simulate/shard/runPartial.js';
import type { ComparisonReport, SimulationReport } from '../simulate/types.js';
import type { CliIo } from './io.js';
import { writePartial } from './partialFile.js';
import { runAndReport, withProgress } from './writeReport.js';
import { parseSimulateArgs, SIMULATE, type SimulateArgs } from './simulateArgs.js';

/** Usage of `feed-rebalancer simulate`. @internal */
export const SIMULATE_USAGE = `Usage: feed-rebalancer simulate [options]

Runs a seeded benchmark simulation and prints a summary table on stdout.

Options:
  --scenario NAME     rabbit-hole, control, mixed, relapse, evasive or noisy (default: mixed)
  --policy P          a preset (off, dispersion, balanced, protective, minor) or a path to a
                      JSON policy file (default: balanced)
  --compare P,P,...   run several policies on the same seeds and compare each with off
                      (off is added first when missing); cannot be used with --policy
  --users N           number of simulated users (default: the scenario's)
  --steps N           feed requests per user (default: the scenario's)
  --seed N            integer seed in [0, 2^32) (default: 1); the same seed gives the same report
  --workers N         worker threads (default: one per core from 200 users); results do not depend on it
  --resamples N       bootstrap resamples for --compare (default: 1000)
  --days D            calendar horizon in days: users stop when it ends, after --steps requests,
                      or when they leave (default: none, the horizon is --steps)
  --recommender R     per-user or collaborative (default: per-user)
  --page-size N       items per feed request (default: 10)
  --candidates N      candidates the recommender ranks per request (default: 30)
  --response FILE     a JSON object of response constants to change (see DEFAULT_RESPONSE)
  --out DIR           write DIR/metrics.json (the report) and DIR/report.html
  --shard I/N         run only shard I of N (numbered from 0: 0/4 … 3/4), a contiguous block
                      of the users, and write DIR/partial.json instead of the report; then
                      'feed-rebalancer merge' combines the N partials into exactly the report
                      of one run (not with --recommender collaborative); see docs/scaling.md
  --progress          draw progress on stderr even when it is not a terminal
  -h, --help          show this help

Exit codes: 0 success, 1 the simulation failed, 2 bad arguments.

Example:
  feed-rebalancer simulate --compare off,dispersion,balanced,protective --scenario mixed \\
    --users 1000 --steps 300 --seed 1 --out out
  feed-rebalancer simulate --compare off,protective --users 100000 --shard 2/8 --out parts/2
`;

/**
 * `feed-rebalancer simulate`: runs `simulate` (one policy) or `compare` (several), prints the
 * summary table on stdout, draws progress on stderr, and with `--out DIR` writes
 * `DIR/metrics.json` (the report as returned, so it can be rendered again or diffed) and
 * `DIR/report.html`. With `--shard i/n` it runs only that shard's users and writes
 * `DIR/partial.json` instead, for `feed-rebalancer merge`.
 *
 * @returns the exit code: 0 on success
 * @throws RebalanceError with code `argument` or `policy` for bad arguments (exit code 2)
 * @internal
 */
export async function runSimulate(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = await parseSimulateArgs(args, io);
  if (parsed.help) {
    io.stdout(SIMULATE_USAGE);
    return 0;
  }
  const shard = parsed.shard;
  if (shard !== null) {
    const partial = await withProgress(io, { progress: parsed.progress, label: 'users' }, (p) =>
      runShard(parsed, shard, p),
    );
    await writePartial(io, parsed.out!, partial);
    return 0;
  }
  await runAndReport(
    io,
    { out: parsed.out, progress: parsed.progress, label: 'users' },
    (onProgress) => run(parsed, onProgress),
  );
  return 0;
}

/** The options the command line gives `simulate` and `compare`, but the policies. */
function sizesOf(parsed: SimulateArgs, onProgress: (done: number, total: number) => void) {
  return {
    scenario: parsed.scenario,
    seed: parsed.seed,
    onProgress,
    ...(parsed.users === undefined ? {} : { users: parsed.users }),
    ...(parsed.steps === undefined ? {} : { steps: parsed.steps }),
    ...(parsed.workers === undefined ? {} : { workers: parsed.workers }),
    ...parsed.world,
  };
}

/**
 * One shard of the run. A policy file goes in as a named policy, so the merged report carries
 * the file's name as the whole run's does.
 */
function runShard(
  parsed: SimulateArgs,
  shard: Shard,
  onProgress: (done: number, total: number) => void,
): Promise<PartialResult> {
  const sizes = sizesOf(parsed, onProgress);
  if (parsed.run.kind === 'compare')
    return comparePartialAs(
      SIMULATE,
      {
        ...sizes,
        policies: parsed.run.policies,
        ...(parsed.resamples === undefined ? {} : { resamples: parsed.resamples }),
      },
      shard,
    );
  return simulatePartialAs(SIMULATE, { ...sizes, policy: parsed.run.policy }, shard);
}

async function run(
  parsed: SimulateArgs,
  onProgress: (done: number, total: number) => void,
): Promise<SimulationReport | ComparisonReport> {
  const sizes = sizesOf(parsed, onProgress);
  if (parsed.run.kind === 'compare') {
    return compare({
      ...sizes,
      policies: parsed.run.policies,
      ...(parsed.resamples === undefined ? {} : { resamples: parsed.resamples }),
    });
  }
  const policy = parsed.run.policy;
  if (typeof policy === 'string') return simulate({ ...sizes, policy });
  // simulate names a policy object `custom`; the report carries the file's name instead.
  const report = await simulate({ ...sizes, policy: policy.policy });
  return { ...report, policy: policy.name };
}
