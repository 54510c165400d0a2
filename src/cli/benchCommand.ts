import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';
import type { CliIo } from './io.js';

const BENCH = 'feed-rebalancer bench';

/** Usage of `feed-rebalancer bench`. @internal */
export const BENCH_USAGE = `Usage: feed-rebalancer bench [SUITE...]

Runs the benchmark suites of a feed-rebalancer source checkout, from its root directory, through
the checkout's own \`bench\` script (the same as \`npm run bench -- SUITE...\`). Every figure is a
ratio against a baseline measured in the same run; a full run rewrites benchmarks/RESULTS.md.
The published package ships no benchmarks: clone the repository to run them.

Arguments:
  SUITE        run only the suites whose file name contains SUITE (letters, digits, . _ -)

Exit codes: the benchmark runner's own; 2 when this is not a checkout or a SUITE is malformed.
`;

/**
 * `feed-rebalancer bench`: runs the `bench` script of the package.json in the working directory
 * (a source checkout), passing suite filters through, with its output copied to the command's
 * stdout and stderr. Delegating to the script keeps one definition of how benchmarks run (the
 * Node flags they need live there).
 *
 * @returns the runner's exit code
 * @throws RebalanceError with code `argument` outside a checkout or for a malformed filter
 * @internal
 */
export async function runBench(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(BENCH_USAGE);
    return 0;
  }
  for (const arg of args) {
    // Filters reach a shell through the script, so only plain names are accepted.
    if (!/^[\w.-]+$/.test(arg) || arg.startsWith('-')) {
      throw new RebalanceError(
        'argument',
        `${BENCH}: a suite filter must be letters, digits, '.', '_' or '-' and not start with '-' (got ${describeValue(arg)})`,
        'suite',
      );
    }
  }
  const script = await benchScript(io.cwd);
  return new Promise<number>((resolvePromise, reject) => {
    const child = spawn([script, ...args].join(' '), {
      cwd: io.cwd,
      shell: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      io.stdout(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      io.stderr(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      // A runner killed by a signal has no exit code: report failure.
      resolvePromise(code ?? 1);
    });
  });
}

/** The `bench` script of the checkout in `cwd`. */
async function benchScript(cwd: string): Promise<string> {
  const notCheckout = (why: string): RebalanceError =>
    new RebalanceError(
      'argument',
      `${BENCH}: run it from the root of a feed-rebalancer source checkout (${why} in ${cwd})`,
      '',
    );
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(join(cwd, 'package.json'), 'utf8'));
  } catch {
    throw notCheckout('no readable package.json');
  }
  const scripts = (manifest as { scripts?: unknown }).scripts;
  const script =
    typeof scripts === 'object' && scripts !== null
      ? (scripts as Record<string, unknown>)['bench']
      : undefined;
  if (typeof script !== 'string' || script.trim() === '') {
    throw notCheckout('package.json has no bench script');
  }
  return script;
}
