import { RebalanceError } from '../index.js';
import { mergePartialsAs } from '../simulate/shard/mergePartials.js';
import { MAX_SHARDS } from '../simulate/shard/Shard.js';
import type { CliIo } from './io.js';
import { parseCommandLine, type FlagTable } from './parseFlags.js';
import { PARTIAL_FILE, readPartial } from './partialFile.js';
import { writeReport } from './writeReport.js';
import { writeTuneResult } from './writeTuneResult.js';

/** The command name that messages start with. @internal */
export const MERGE = 'feed-rebalancer merge';

/** Usage of `feed-rebalancer merge`. @internal */
export const MERGE_USAGE = `Usage: feed-rebalancer merge DIR... [options]

Combines the partial results of every shard of a sweep ('feed-rebalancer simulate, replay or
tune --shard I/N --out DIR') into exactly the output of one run, byte for byte: metrics.json and
report.html for simulate and replay, tune.json, policy.json and report.html for tune. Prints
the summary table (the Pareto front for tune) on stdout.

Arguments:
  DIR...              the shards' --out directories (each holding ${PARTIAL_FILE}), or the
                      partial files themselves, in any order; every shard exactly once

Options:
  --out DIR           write the run's files in DIR: metrics.json and report.html, or for tune
                      tune.json, policy.json and report.html
  -h, --help          show this help

Exit codes: 0 success, 1 the merge failed (or, for tune, no policy met every constraint), 2 bad
arguments or partials (a shard missing or given twice, partials of different runs, a malformed
or edited partial).

Example:
  feed-rebalancer merge parts/0 parts/1 parts/2 parts/3 --out out
  feed-rebalancer merge parts/* --out out
`;

const MERGE_FLAGS: FlagTable = {
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/**
 * `feed-rebalancer merge DIR... --out OUT`: reads every shard's partial result, merges them with
 * `mergePartials` (which checks them as untrusted input) and writes what the partials' command
 * writes with `--out`: the report as `simulate` and `replay` do, or a tuning's files as `tune` does.
 *
 * @returns the exit code: 0 on success; for a tuning, 1 when no candidate met every constraint
 * @throws RebalanceError with code `argument` for bad arguments or partials (exit code 2)
 * @internal
 */
export async function runMerge(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(MERGE, args, MERGE_FLAGS);
  if (values['help'] === true) {
    io.stdout(MERGE_USAGE);
    return 0;
  }
  const out = typeof values['out'] === 'string' ? values['out'] : null;
  if (out === '')
    throw new RebalanceError('argument', `${MERGE}: --out must name a directory (got "")`, 'out');
  if (positionals.length === 0 || positionals.length > MAX_SHARDS)
    throw new RebalanceError(
      'argument',
      `${MERGE}: give the shards' directories, 1 to ${MAX_SHARDS} of them (got ${positionals.length})`,
      'partials',
    );
  const partials: unknown[] = [];
  for (const name of positionals) partials.push(await readPartial(MERGE, name, io));
  const report = mergePartialsAs(MERGE, partials, positionals);
  if ('front' in report) return writeTuneResult(io, MERGE, out, report);
  await writeReport(io, out, report);
  return 0;
}
