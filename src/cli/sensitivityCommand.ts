import { RebalanceError } from '../index.js';
import { describeValue } from '../errors/describe.js';
import { scenarios, sensitivity } from '../simulate/index.js';
import type { NamedPolicy, SensitivityOptions } from '../simulate/index.js';
import type { CliIo } from './io.js';
import { loadPolicy } from './loadPolicy.js';
import { parseFlags, readInteger, type FlagTable } from './parseFlags.js';
import { readWorldFlags, WORLD_FLAGS } from './simulateArgs.js';
import { runAndReport } from './writeReport.js';

const COMMAND = 'feed-rebalancer sensitivity';

/** Usage of `feed-rebalancer sensitivity`. @internal */
export const SENSITIVITY_USAGE = `Usage: feed-rebalancer sensitivity [options]

Moves each response constant down and up (by 50% unless --change says) on its own, runs the
policies again on the same seed, and reports whether the order of the policies on harmful share
and on NDCG@10 retention changes; the report draws tornado charts.

Options:
  --scenario NAME     rabbit-hole, control, mixed, relapse, evasive or noisy (default: mixed)
  --compare P,P,...   the policies to order (default: off,dispersion,balanced,protective)
  --constants C,C,... the constants to vary (default: all of them)
  --change X          relative change, in (0, 1) (default: 0.5)
  --cohort C          at-risk or control (default: at-risk)
  --users N           users per run (default: the scenario's)
  --steps N           feed requests per user (default: the scenario's)
  --seed N            integer seed in [0, 2^32) (default: 1)
  --days D, --recommender R, --page-size N, --candidates N, --response FILE
                      the world, as for feed-rebalancer simulate
  --workers N         worker threads (default: one per core from 200 users)
  --out DIR           write DIR/metrics.json and DIR/report.html
  --progress          draw progress on stderr even when it is not a terminal
  -h, --help          show this help

Exit codes: 0 success, 1 the run failed, 2 bad arguments.

Example:
  feed-rebalancer sensitivity --scenario mixed --users 200 --steps 100 --seed 1 --out out/sensitivity
`;

const FLAGS: FlagTable = {
  scenario: { type: 'string' },
  compare: { type: 'string' },
  constants: { type: 'string' },
  change: { type: 'string' },
  cohort: { type: 'string' },
  users: { type: 'string' },
  steps: { type: 'string' },
  seed: { type: 'string' },
  ...WORLD_FLAGS,
  workers: { type: 'string' },
  out: { type: 'string' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/**
 * `feed-rebalancer sensitivity`: runs `sensitivity` and prints (and with `--out` writes) its
 * result.
 *
 * @returns the exit code: 0 on success
 * @throws RebalanceError with code `argument` or `policy` for bad arguments (exit code 2)
 * @internal
 */
export async function runSensitivity(args: readonly string[], io: CliIo): Promise<number> {
  const v = parseFlags(COMMAND, args, FLAGS);
  if (v['help'] === true) {
    io.stdout(SENSITIVITY_USAGE);
    return 0;
  }
  const scenario = typeof v['scenario'] === 'string' ? v['scenario'] : 'mixed';
  if (!Object.hasOwn(scenarios, scenario))
    throw new RebalanceError(
      'argument',
      `${COMMAND}: unknown scenario ${describeValue(scenario)} (expected one of ${Object.keys(scenarios).join(', ')})`,
      'scenario',
    );
  const list = (name: string): string[] | undefined => {
    const text = v[name];
    if (typeof text !== 'string') return undefined;
    const items = text.split(',').map((s) => s.trim());
    if (items.some((s) => s === ''))
      throw new RebalanceError(
        'argument',
        `${COMMAND}: --${name} must be a comma-separated list without empty entries (got ${describeValue(text)})`,
        name,
      );
    return items;
  };
  const world = await readWorldFlags(COMMAND, v, io);
  const options: { -readonly [K in keyof SensitivityOptions]: SensitivityOptions[K] } = {
    scenario,
    seed: readInteger(COMMAND, 'seed', v['seed'], 1, 0, 2 ** 32 - 1)!,
    ...world,
    recommender: world.recommender === 'collaborative' ? 'collaborative' : 'per-user',
  };
  const names = list('compare');
  if (names !== undefined) {
    const policies: (string | NamedPolicy)[] = [];
    for (const name of names) policies.push(await loadPolicy(COMMAND, name, io));
    options.policies = policies;
  }
  const constants = list('constants');
  if (constants !== undefined)
    options.constants = constants as NonNullable<SensitivityOptions['constants']>;
  if (typeof v['change'] === 'string') {
    const change = /^0?\.\d{1,6}$/.test(v['change']) ? Number(v['change']) : NaN;
    if (!(change > 0 && change < 1))
      throw new RebalanceError(
        'argument',
        `${COMMAND}: --change must be a number in (0, 1) (got ${describeValue(v['change'])})`,
        'change',
      );
    options.change = change;
  }
  if (typeof v['cohort'] === 'string')
    options.cohort = v['cohort'] as NonNullable<SensitivityOptions['cohort']>;
  const users = readInteger(COMMAND, 'users', v['users'], undefined, 1, Number.MAX_SAFE_INTEGER);
  if (users !== undefined) options.users = users;
  const steps = readInteger(COMMAND, 'steps', v['steps'], undefined, 1, Number.MAX_SAFE_INTEGER);
  if (steps !== undefined) options.steps = steps;
  const workers = readInteger(COMMAND, 'workers', v['workers'], undefined, 1, 1024);
  if (workers !== undefined) options.workers = workers;
  const out = typeof v['out'] === 'string' ? v['out'] : null;
  if (out === '')
    throw new RebalanceError('argument', `${COMMAND}: --out must name a directory (got "")`, 'out');
  await runAndReport(io, { out, progress: v['progress'] === true, label: 'users' }, (onProgress) =>
    sensitivity({ ...options, onProgress }),
  );
  return 0;
}
