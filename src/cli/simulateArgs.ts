import { RebalanceError } from '../index.js';
import { describeValue } from '../errors/describe.js';
import { scenarios } from '../simulate/index.js';
import type { Shard } from '../simulate/index.js';
import type { NamedPolicy, WorldOptions } from '../simulate/types.js';
import type { CliIo } from './io.js';
import { loadPolicy } from './loadPolicy.js';
import { parseFlags, readInteger, type FlagTable } from './parseFlags.js';
import { readJsonFile } from './readJsonFile.js';
import { readShardFlag } from './shardFlag.js';

/** The command name that messages start with. @internal */
export const SIMULATE = 'feed-rebalancer simulate';

/**
 * The flags that describe the simulated world, read by {@link readWorldFlags}; every command
 * that runs the simulator takes them.
 *
 * @internal
 */
export const WORLD_FLAGS: FlagTable = {
  days: { type: 'string' },
  recommender: { type: 'string' },
  'page-size': { type: 'string' },
  candidates: { type: 'string' },
  response: { type: 'string' },
};

/** The options of `feed-rebalancer simulate`. @internal */
export const SIMULATE_FLAGS: FlagTable = {
  scenario: { type: 'string' },
  policy: { type: 'string' },
  compare: { type: 'string' },
  users: { type: 'string' },
  steps: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  resamples: { type: 'string' },
  ...WORLD_FLAGS,
  out: { type: 'string' },
  shard: { type: 'string' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** Defaults of the command line (the library's own defaults apply to the rest). @internal */
export const SIMULATE_DEFAULTS = { scenario: 'mixed', policy: 'balanced', seed: 1 } as const;

/**
 * A `simulate` command line, validated: either one policy or a comparison.
 *
 * @internal
 */
export interface SimulateArgs {
  readonly help: boolean;
  readonly scenario: string;
  readonly run:
    | { readonly kind: 'simulate'; readonly policy: string | NamedPolicy }
    | { readonly kind: 'compare'; readonly policies: readonly (string | NamedPolicy)[] };
  readonly seed: number;
  readonly users: number | undefined;
  readonly steps: number | undefined;
  readonly workers: number | undefined;
  readonly resamples: number | undefined;
  /** Directory for metrics.json and report.html (or partial.json with a shard); `null` writes no files. */
  readonly out: string | null;
  /** The shard to run (`--shard i/n`), or `null` for the whole run. */
  readonly shard: Shard | null;
  /** Draw progress even when stderr is not a terminal. */
  readonly progress: boolean;
  /** The world's parts given on the command line. */
  readonly world: WorldOptions;
}

/**
 * Reads the world options every simulation command shares: `--days`, `--recommender`,
 * `--page-size`, `--candidates` and `--response FILE` (a JSON object of response constants).
 * Values are checked here for form only; the simulator checks their ranges, with the same code.
 *
 * @throws RebalanceError with code `argument`
 * @internal
 */
export async function readWorldFlags(
  command: string,
  v: Record<string, string | boolean | undefined>,
  io: CliIo,
): Promise<WorldOptions> {
  const world: { -readonly [K in keyof WorldOptions]: WorldOptions[K] } = {};
  const days = v['days'];
  if (typeof days === 'string') {
    const value = /^\d{1,5}(\.\d{1,6})?$/.test(days) ? Number(days) : NaN;
    if (!(value > 0))
      throw new RebalanceError(
        'argument',
        `${command}: --days must be a positive number of days (got ${describeValue(days)})`,
        'days',
      );
    world.days = value;
  }
  const recommender = v['recommender'];
  if (typeof recommender === 'string') {
    if (recommender !== 'per-user' && recommender !== 'collaborative')
      throw new RebalanceError(
        'argument',
        `${command}: --recommender must be per-user or collaborative (got ${describeValue(recommender)})`,
        'recommender',
      );
    world.recommender = recommender;
  }
  const pageSize = readInteger(command, 'page-size', v['page-size'], undefined, 1, 100);
  if (pageSize !== undefined) world.pageSize = pageSize;
  const candidates = readInteger(command, 'candidates', v['candidates'], undefined, 1, 1000);
  if (candidates !== undefined) world.candidates = candidates;
  const response = v['response'];
  if (typeof response === 'string')
    world.response = (await readJsonFile(command, 'response', response, io)) as NonNullable<
      WorldOptions['response']
    >;
  return world;
}

/**
 * Parses and checks the arguments of `feed-rebalancer simulate`: known options only, whole
 * numbers where numbers are due, a known scenario, preset names or readable policy files, and
 * `--policy` and `--compare` not both. Sizes beyond the simulator's limits are left to the
 * simulator, which reports them with the same code.
 *
 * @throws RebalanceError with code `argument` (or `policy` for an invalid policy file)
 * @internal
 */
export async function parseSimulateArgs(args: readonly string[], io: CliIo): Promise<SimulateArgs> {
  const v = parseFlags(SIMULATE, args, SIMULATE_FLAGS);
  const scenario = typeof v['scenario'] === 'string' ? v['scenario'] : SIMULATE_DEFAULTS.scenario;
  const help = v['help'] === true;
  if (!help && !Object.hasOwn(scenarios, scenario)) {
    throw new RebalanceError(
      'argument',
      `${SIMULATE}: unknown scenario ${describeValue(scenario)} (expected one of ${Object.keys(scenarios).join(', ')})`,
      'scenario',
    );
  }
  const policy = v['policy'];
  const compare = v['compare'];
  if (typeof policy === 'string' && typeof compare === 'string') {
    throw new RebalanceError(
      'argument',
      `${SIMULATE}: --policy and --compare cannot be used together (got --policy ${describeValue(policy)} and --compare ${describeValue(compare)})`,
      'compare',
    );
  }
  const integer = (name: string, min: number, max: number): number | undefined =>
    readInteger(SIMULATE, name, v[name], undefined, min, max);
  const common = {
    help,
    scenario,
    seed: readInteger(SIMULATE, 'seed', v['seed'], SIMULATE_DEFAULTS.seed, 0, 2 ** 32 - 1)!,
    users: integer('users', 1, Number.MAX_SAFE_INTEGER),
    steps: integer('steps', 1, Number.MAX_SAFE_INTEGER),
    workers: integer('workers', 1, 1024),
    resamples: integer('resamples', 1, Number.MAX_SAFE_INTEGER),
    out: typeof v['out'] === 'string' ? v['out'] : null,
    shard: typeof v['shard'] === 'string' ? readShardFlag(SIMULATE, v['shard']) : null,
    progress: v['progress'] === true,
    world: help ? {} : await readWorldFlags(SIMULATE, v, io),
  };
  if (common.out === '') {
    throw new RebalanceError(
      'argument',
      `${SIMULATE}: --out must name a directory (got "")`,
      'out',
    );
  }
  if (help) return { ...common, run: { kind: 'simulate', policy: SIMULATE_DEFAULTS.policy } };
  if (common.shard !== null && common.out === null) {
    throw new RebalanceError(
      'argument',
      `${SIMULATE}: --shard needs --out DIR, where the shard's partial result is written (got --shard ${common.shard.index}/${common.shard.count} without --out)`,
      'out',
    );
  }
  if (common.resamples !== undefined && typeof compare !== 'string') {
    throw new RebalanceError(
      'argument',
      `${SIMULATE}: --resamples applies only to --compare (got --resamples ${common.resamples} without --compare)`,
      'resamples',
    );
  }
  if (typeof compare === 'string') {
    const names = compare.split(',').map((s) => s.trim());
    if (names.some((n) => n === '')) {
      throw new RebalanceError(
        'argument',
        `${SIMULATE}: --compare must be a comma-separated list of policies without empty entries (got ${describeValue(compare)})`,
        'compare',
      );
    }
    const policies: (string | NamedPolicy)[] = [];
    for (const name of names) policies.push(await loadPolicy(SIMULATE, name, io));
    return { ...common, run: { kind: 'compare', policies } };
  }
  const chosen = typeof policy === 'string' ? policy : SIMULATE_DEFAULTS.policy;
  return { ...common, run: { kind: 'simulate', policy: await loadPolicy(SIMULATE, chosen, io) } };
}
