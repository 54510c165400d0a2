import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRebalancer, presets, RebalanceError } from '../index.js';
import type { Rebalancer } from '../facade/types.js';
import type { PolicyInput } from '../policy/types.js';
import type { RebalanceTarget } from '../testing/types.js';
import type { CliIo } from './io.js';
import { describeGroups } from './describeGroups.js';

const USAGE = `Usage: feed-rebalancer check-policy <policy.json> [--runs N] [--seed S]

Validates a policy file, prints what it resolves to for each group of the default taxonomy
(policy.groups blocks included), and property-checks the engine under it against the eight
guarantees (no invention, nothing lost, no cost for the unaffected, caps, top slots first,
stability, recovery cadence, determinism).

  --runs N   generated requests to check (default 200)
  --seed S   seed of the generator, to replay a failure (default: a fresh one, printed)

Exit status: 0 the policy holds, 1 a guarantee fails (a counterexample is printed),
2 the file is not a valid policy or the arguments are wrong.
`;

/**
 * Options of {@link runCheckPolicy} beyond the command line.
 *
 * @internal
 */
export interface CheckPolicyOptions {
  /** What is checked under the policy; the engine itself by default. */
  readonly target?: (rebalancer: Rebalancer) => RebalanceTarget;
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`check-policy: ${message}\n\n${USAGE}`);
  return 2;
}

function readCount(io: CliIo, flag: string, raw: string | undefined, min: number): number | null {
  if (raw === undefined) return null;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min) {
    usageError(io, `--${flag} must be an integer >= ${min} (got ${JSON.stringify(raw)})`);
    return Number.NaN;
  }
  return n;
}

/**
 * The `check-policy` subcommand: reads a policy file, validates it (exit 2 with the JSON path
 * of the first bad field), prints the values it resolves to per group, then property-checks the
 * engine under that policy against every guarantee (exit 0 when all hold, 1 with a shrunk
 * counterexample when one does not).
 *
 * @param args - the arguments after `check-policy`
 * @param io - where to write, and the directory relative paths start from
 * @param options - what to check (the engine by default)
 * @returns the exit status: 0, 1 or 2
 *
 * @internal
 */
export async function runCheckPolicy(
  args: string[],
  io: CliIo,
  options: CheckPolicyOptions = {},
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        runs: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError(io, error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help === true) {
    io.stdout(USAGE);
    return 0;
  }
  if (parsed.positionals.length !== 1)
    return usageError(io, `expected one policy file (got ${parsed.positionals.length} arguments)`);
  const runs = readCount(io, 'runs', parsed.values.runs, 1);
  if (Number.isNaN(runs)) return 2;
  const seedArg = readCount(io, 'seed', parsed.values.seed, -2147483648);
  if (Number.isNaN(seedArg)) return 2;
  const file = resolve(io.cwd, parsed.positionals[0]!);

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.stderr(
      `check-policy: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    io.stderr(
      `check-policy: ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  let rebalancer: Rebalancer;
  try {
    rebalancer = createRebalancer({
      taxonomy: presets.taxonomies.default,
      policy: json as PolicyInput,
    });
  } catch (error) {
    if (!(error instanceof RebalanceError)) throw error;
    const at = error.path === undefined || error.path === '' ? '' : ` (at ${error.path})`;
    io.stderr(`check-policy: ${file} is not a valid policy${at}: ${error.message}\n`);
    return 2;
  }

  io.stdout(`${file}: per group, with the default taxonomy:\n${describeGroups(rebalancer)}`);
  // A seed is always chosen here, so that a passing run can be repeated exactly too.
  const seed = seedArg ?? (Date.now() ^ (process.pid << 10)) | 0;
  const numRuns = runs ?? 200;
  const target = options.target?.(rebalancer) ?? rebalancer;
  // Imported here: the property checks need fast-check, an optional peer dependency that the
  // other commands (serve among them) must not require. The bundled command line imports the
  // testing subpath of the installed package.
  let testing: typeof import('../testing/index.js');
  try {
    testing = await import('../testing/index.js');
  } catch (error) {
    throw new Error('check-policy needs the fast-check package (npm install fast-check)', {
      cause: error,
    });
  }
  const { checkRebalancer, formatCase } = testing;
  const result = checkRebalancer(target, { numRuns, seed });
  if (result.ok) {
    io.stdout(
      `${file}: valid policy; all eight guarantees hold over ${numRuns} generated requests (seed ${seed}).\n`,
    );
    return 0;
  }
  io.stdout(
    `${file}: ${result.message}\n\n` +
      `Smallest failing request (the state was reached by observing "impressions"):\n` +
      `${formatCase(result.counterexample)}\n\n` +
      `Replay: feed-rebalancer check-policy ${parsed.positionals[0]!} --runs ${numRuns} --seed ${result.seed}\n`,
  );
  return 1;
}
