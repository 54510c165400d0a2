import { compare, simulate } from '../simulate/index.js';
import type { ComparisonReport, SimulationReport } from '../simulate/types.js';
import type { CliIo } from './io.js';
import { runAndReport } from './writeReport.js';
import { parseSimulateArgs, type SimulateArgs } from './simulateArgs.js';

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
  --progress          draw progress on stderr even when it is not a terminal
  -h, --help          show this help

Exit codes: 0 success, 1 the simulation failed, 2 bad arguments.

Example:
  feed-rebalancer simulate --compare off,dispersion,balanced,protective --scenario mixed \\
    --users 1000 --steps 300 --seed 1 --out out
`;

/**
 * `feed-rebalancer simulate`: runs `simulate` (one policy) or `compare` (several), prints the
 * summary table on stdout, draws progress on stderr, and with `--out DIR` writes
 * `DIR/metrics.json` (the report as returned, so it can be rendered again or diffed) and
 * `DIR/report.html`.
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
  await runAndReport(
    io,
    { out: parsed.out, progress: parsed.progress, label: 'users' },
    (onProgress) => run(parsed, onProgress),
  );
  return 0;
}

async function run(
  parsed: SimulateArgs,
  onProgress: (done: number, total: number) => void,
): Promise<SimulationReport | ComparisonReport> {
  const sizes = {
    scenario: parsed.scenario,
    seed: parsed.seed,
    onProgress,
    ...(parsed.users === undefined ? {} : { users: parsed.users }),
    ...(parsed.steps === undefined ? {} : { steps: parsed.steps }),
    ...(parsed.workers === undefined ? {} : { workers: parsed.workers }),
    ...parsed.world,
  };
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
