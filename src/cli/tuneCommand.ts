import { resolve } from 'node:path';
import { RebalanceError } from '../index.js';
import { describeValue } from '../errors/describe.js';
import { scenarios, tune } from '../simulate/index.js';
import type { CohortName, TuneLogOptions, TuneOptions } from '../simulate/index.js';
import { tunePartialAs } from '../simulate/shard/tunePartial.js';
import type { CliIo } from './io.js';
import { parseFlags, readInteger, type FlagTable } from './parseFlags.js';
import { PARTIAL_FILE, writePartial } from './partialFile.js';
import { readJsonFile } from './readJsonFile.js';
import { readShardFlag } from './shardFlag.js';
import { readWorldFlags, WORLD_FLAGS } from './simulateArgs.js';
import { withProgress } from './writeReport.js';
import { writeTuneResult } from './writeTuneResult.js';

const COMMAND = 'feed-rebalancer tune';

/** Usage of `feed-rebalancer tune`. @internal */
export const TUNE_USAGE = `Usage: feed-rebalancer tune --objective 'min|max COHORT.METRIC' [options]
       feed-rebalancer tune --log FILE [--labels FILE] [--k N] --objective ... [options]

Searches detector settings, caps and recovery cadence (per group too) for the policy with the best
objective that meets every constraint, by constrained Bayesian optimisation with Gaussian-process
surrogates. Every candidate runs on the same users and seed as off: simulated on a scenario, or
with --log replayed on logged sessions as feed-rebalancer replay does (in-sample on the logged
traffic; see "Tuning on your own logs" in docs/tuning.md). Prints the Pareto front; with
--out writes DIR/tune.json (every evaluation, the front, the chosen policy), DIR/policy.json (the
chosen policy, for check-policy and --policy) and DIR/report.html. See docs/tuning.md.

Options:
  --objective TEXT    'min COHORT.METRIC' or 'max COHORT.METRIC', e.g. 'min at-risk.harmfulShare'
  --constraint TEXT   'COHORT.METRIC>=NUMBER' or 'COHORT.METRIC<=NUMBER'; repeat for more (at most 8)
  --scenario NAME     rabbit-hole, control, mixed, relapse, evasive or noisy (default: mixed)
  --log FILE          tune on this replay log instead of a scenario (.jsonl, .jsonl.gz, .parquet)
  --labels FILE       with --log: a JSON object from user id to "at-risk" or "control" (default:
                      every user at-risk, so control.* targets need labels)
  --k N               with --log: items served per request, the top-k (default: 10)
  --budget N          candidate policies evaluated in all (default: 50)
  --restarts R        independent seeded restarts sharing the budget (default: 1)
  --seed N            integer seed in [0, 2^32) (default: 1)
  --users N           users per run (default: the scenario's; not with --log, nor are the world's)
  --steps N           feed requests per user (default: the scenario's)
  --resamples N       bootstrap resamples per candidate (default: 200)
  --days D, --recommender R, --page-size N, --candidates N, --response FILE
                      the world, as for feed-rebalancer simulate
  --workers N         worker threads per simulation (default: one per core from 200 users)
  --out DIR           write DIR/tune.json, DIR/policy.json and DIR/report.html
  --shard I/N         run only the restarts r with r mod N = I (numbered from 0: 0/4 … 3/4; N at
                      most --restarts) and write DIR/partial.json instead; then 'feed-rebalancer
                      merge' combines the N partials into exactly the result of one run (exit
                      code 0 for a shard whatever its evaluations); not with --log; see
                      docs/scaling.md
  --progress          draw progress on stderr even when it is not a terminal
  -h, --help          show this help

Exit codes: 0 a policy met every constraint, 1 none did (or the run failed), 2 bad arguments.

Example:
  feed-rebalancer tune --scenario mixed --objective 'min at-risk.harmfulShare' \\
    --constraint 'control.ndcgRetention>=0.99' --constraint 'control.falseAlarmsPer1000<=1' \\
    --budget 200 --seed 1 --out out/tune
  feed-rebalancer tune --objective 'min at-risk.harmfulShare' --budget 200 --restarts 8 \\
    --shard 3/8 --out parts/3
`;

const FLAGS: FlagTable = {
  objective: { type: 'string' },
  constraint: { type: 'string', multiple: true },
  scenario: { type: 'string' },
  log: { type: 'string' },
  labels: { type: 'string' },
  k: { type: 'string' },
  budget: { type: 'string' },
  restarts: { type: 'string' },
  seed: { type: 'string' },
  users: { type: 'string' },
  steps: { type: 'string' },
  resamples: { type: 'string' },
  ...WORLD_FLAGS,
  workers: { type: 'string' },
  out: { type: 'string' },
  shard: { type: 'string' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/**
 * `feed-rebalancer tune`: runs `tune`, prints the Pareto front, and with `--out` writes the
 * result, the chosen policy and the report.
 *
 * @returns the exit code: 0 when a policy met every constraint, 1 when none did
 * @throws RebalanceError with code `argument` for bad arguments (exit code 2)
 * @internal
 */
export async function runTune(args: readonly string[], io: CliIo): Promise<number> {
  const v = parseFlags(COMMAND, args, FLAGS) as Record<
    string,
    string | boolean | string[] | undefined
  >;
  if (v['help'] === true) {
    io.stdout(TUNE_USAGE);
    return 0;
  }
  const logged = await readLogFlags(v, io);
  const scenario = typeof v['scenario'] === 'string' ? v['scenario'] : 'mixed';
  if (!Object.hasOwn(scenarios, scenario))
    throw new RebalanceError(
      'argument',
      `${COMMAND}: unknown scenario ${describeValue(scenario)} (expected one of ${Object.keys(scenarios).join(', ')})`,
      'scenario',
    );
  if (typeof v['objective'] !== 'string')
    throw new RebalanceError(
      'argument',
      `${COMMAND}: --objective is required, e.g. --objective 'min at-risk.harmfulShare'`,
      'objective',
    );
  const flat = v as Record<string, string | boolean | undefined>;
  const world = await readWorldFlags(COMMAND, flat, io);
  const options: { -readonly [K in keyof TuneOptions]: TuneOptions[K] } = {
    ...world,
    scenario,
    objective: v['objective'],
    constraints: Array.isArray(v['constraint']) ? v['constraint'] : [],
    seed: readInteger(COMMAND, 'seed', flat['seed'], 1, 0, 2 ** 32 - 1)!,
  };
  const whole = (name: string, max: number): number | undefined =>
    readInteger(COMMAND, name, flat[name], undefined, 1, max);
  const budget = whole('budget', 2000);
  if (budget !== undefined) options.budget = budget;
  const restarts = whole('restarts', 2000);
  if (restarts !== undefined) options.restarts = restarts;
  const users = whole('users', Number.MAX_SAFE_INTEGER);
  if (users !== undefined) options.users = users;
  const steps = whole('steps', Number.MAX_SAFE_INTEGER);
  if (steps !== undefined) options.steps = steps;
  const resamples = whole('resamples', 100_000);
  if (resamples !== undefined) options.resamples = resamples;
  const workers = whole('workers', 1024);
  if (workers !== undefined) options.workers = workers;
  const out = typeof v['out'] === 'string' ? v['out'] : null;
  if (out === '')
    throw new RebalanceError('argument', `${COMMAND}: --out must name a directory (got "")`, 'out');
  // With --log no world flag was taken, so the options less the scenario are the search's.
  const search: Omit<TuneOptions, 'scenario'> & { scenario?: unknown } = { ...options };
  delete search.scenario;
  const runOptions = logged === null ? options : { ...logged, ...search };
  const shard = typeof v['shard'] === 'string' ? readShardFlag(COMMAND, v['shard']) : null;
  const progress = { progress: v['progress'] === true, label: 'policies' };
  if (shard !== null) {
    if (out === null)
      throw new RebalanceError(
        'argument',
        `${COMMAND}: --shard needs --out DIR, where the shard writes DIR/${PARTIAL_FILE}`,
        'out',
      );
    if (logged !== null)
      throw new RebalanceError(
        'argument',
        `${COMMAND}: --shard splits a scenario's restarts; a tuning on a log runs in one process (--log cannot be given with --shard)`,
        'shard',
      );
    const partial = await withProgress(io, progress, (onProgress) =>
      tunePartialAs(COMMAND, { ...options, onProgress }, shard),
    );
    await writePartial(io, out, partial);
    return 0;
  }
  const result = await withProgress(io, progress, (onProgress) =>
    tune({ ...runOptions, onProgress }),
  );
  return writeTuneResult(io, COMMAND, out, result);
}

/** Flags that describe a simulated world, meaningless when the log is the world. */
const WORLD_ONLY = ['users', 'steps', ...Object.keys(WORLD_FLAGS), 'workers'];

/** `--log`, `--labels` and `--k` as the log's tuning options, or `null` without `--log`. */
async function readLogFlags(
  v: Record<string, string | boolean | string[] | undefined>,
  io: CliIo,
): Promise<Pick<TuneLogOptions, 'log' | 'labels' | 'k'> | null> {
  const log = v['log'];
  if (log === undefined) {
    for (const name of ['labels', 'k'])
      if (v[name] !== undefined)
        throw new RebalanceError('argument', `${COMMAND}: --${name} needs --log`, name);
    return null;
  }
  if (typeof log !== 'string' || log === '')
    throw new RebalanceError(
      'argument',
      `${COMMAND}: --log must name the log file (got ${describeValue(log)})`,
      'log',
    );
  for (const name of ['scenario', ...WORLD_ONLY])
    if (v[name] !== undefined)
      throw new RebalanceError(
        'argument',
        `${COMMAND}: --${name} cannot be given with --log (give a scenario or a log, not both)`,
        name,
      );
  const labels =
    typeof v['labels'] === 'string'
      ? ((await readJsonFile(COMMAND, 'labels', v['labels'], io)) as Record<string, CohortName>)
      : undefined;
  const k = readInteger(COMMAND, 'k', v['k'] as string | undefined, undefined, 1, 100);
  return {
    log: resolve(io.cwd, log),
    ...(labels === undefined ? {} : { labels }),
    ...(k === undefined ? {} : { k }),
  };
}
