import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';
import { runBench } from './benchCommand.js';
import { runCalibrate } from './calibrateCommand.js';
import { runCheckPolicy } from './checkPolicy.js';
import type { CliIo } from './io.js';
import { runReplay } from './replayCommand.js';
import { runMerge } from './mergeCommand.js';
import { runSensitivity } from './sensitivityCommand.js';
import { runSimulate } from './simulateCommand.js';
import { runTune } from './tuneCommand.js';

/**
 * One subcommand: a line for the overview and the function that runs it. A subcommand returns
 * its exit code, and throws `RebalanceError` with code `argument` or `policy` for bad arguments.
 *
 * @internal
 */
export interface CliCommand {
  readonly summary: string;
  readonly run: (args: readonly string[], io: CliIo) => Promise<number>;
}

/**
 * The subcommands, by name. Adding one is one entry here.
 *
 * @internal
 */
export const COMMANDS: ReadonlyMap<string, CliCommand> = new Map<string, CliCommand>([
  [
    'simulate',
    {
      summary: 'run a seeded benchmark simulation or compare policies; write metrics and a report',
      run: runSimulate,
    },
  ],
  [
    'replay',
    {
      summary: 'replay logged sessions under each policy; write the same metrics and report',
      run: runReplay,
    },
  ],
  [
    'merge',
    {
      summary: 'combine the partial results of a sharded simulate run into its report',
      run: runMerge,
    },
  ],
  [
    'sensitivity',
    {
      summary: 'move each response constant ±50% and report whether the policies change order',
      run: runSensitivity,
    },
  ],
  [
    'tune',
    {
      summary:
        'search detector settings, caps and recovery cadence for the best policy under constraints',
      run: runTune,
    },
  ],
  [
    'calibrate',
    {
      summary: 'compare the off baseline with published audits under their protocols',
      run: runCalibrate,
    },
  ],
  [
    'check-policy',
    {
      summary: 'validate a JSON policy file and property-check the guarantees under it',
      run: (args, io) => runCheckPolicy([...args], io),
    },
  ],
  [
    'bench',
    {
      summary: 'run the benchmark suites of a source checkout (same as npm run bench)',
      run: runBench,
    },
  ],
  [
    'serve',
    {
      summary: "run the HTTP server: JSON API, the ranking challenge's /rank, health, metrics",
      // Loaded on demand: the other commands do not load the server and its dependencies.
      run: async (args, io) => (await import('./serveCommand.js')).runServe(args, io),
    },
  ],
]);

/** Exit code for bad arguments, as most Unix tools use it. */
const EXIT_USAGE = 2;
/** Exit code for a run that failed for another reason. */
const EXIT_FAILURE = 1;

/** The overview printed by `feed-rebalancer --help`. @internal */
export function overview(): string {
  const width = Math.max(...[...COMMANDS.keys()].map((name) => name.length));
  const lines = [...COMMANDS].map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: feed-rebalancer <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'feed-rebalancer <command> --help' for a command's options.",
    '',
  ].join('\n');
}

/**
 * Runs the `feed-rebalancer` command line: looks the subcommand up in {@link COMMANDS} and runs
 * it. Bad arguments print one clear message on stderr and give exit code 2; any other failure
 * prints its message and gives 1. Never throws, never calls `process.exit`, so that it runs
 * in-process under test.
 *
 * @param argv - the arguments after the program name
 * @param io - where to write, and the working directory
 * @returns the exit code
 * @internal
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(overview());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0] === undefined ? undefined : COMMANDS.get(rest[0]);
    if (topic !== undefined) return topic.run(['--help'], io);
    io.stdout(overview());
    return 0;
  }
  const command = COMMANDS.get(name);
  if (command === undefined) {
    io.stderr(
      `feed-rebalancer: unknown command ${describeValue(name)} (expected one of ${[...COMMANDS.keys()].join(', ')})\n\n${overview()}`,
    );
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof RebalanceError && (error.code === 'argument' || error.code === 'policy')) {
      io.stderr(`${error.message}\nRun 'feed-rebalancer ${name} --help' for usage.\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`feed-rebalancer ${name}: ${message}\n`);
    return EXIT_FAILURE;
  }
}
