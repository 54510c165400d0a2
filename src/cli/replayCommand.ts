import { RebalanceError } from '../index.js';
import { resolve } from 'node:path';
import { describeValue } from '../errors/describe.js';
import { replay } from '../simulate/index.js';
import type { CohortName, NamedPolicy, ReplayReport } from '../simulate/index.js';
import { replayPartialAs } from '../simulate/shard/replayPartial.js';
import type { CliIo } from './io.js';
import { loadPolicy } from './loadPolicy.js';
import { parseFlags, readInteger, type FlagTable } from './parseFlags.js';
import { PARTIAL_FILE, writePartial } from './partialFile.js';
import { readJsonFile } from './readJsonFile.js';
import { readShardFlag } from './shardFlag.js';
import { runAndReport, withProgress } from './writeReport.js';

/** The command name that messages start with. */
const REPLAY = 'feed-rebalancer replay';

const REPLAY_FLAGS: FlagTable = {
  log: { type: 'string' },
  compare: { type: 'string' },
  labels: { type: 'string' },
  k: { type: 'string' },
  seed: { type: 'string' },
  resamples: { type: 'string' },
  out: { type: 'string' },
  shard: { type: 'string' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** Usage of `feed-rebalancer replay`. @internal */
export const REPLAY_USAGE = `Usage: feed-rebalancer replay --log FILE [options]

Replays logged sessions under each policy and prints a summary table on stdout: every logged
request is served again by each policy, whose state is fed by what it would have served. The log
is JSON Lines (optionally gzipped) or Parquet, grouped by user in time order (docs/replay.md).

Options:
  --log FILE          the log: .jsonl, .jsonl.gz or .parquet (told apart by their first bytes)
  --compare P,P,...   presets (off, dispersion, balanced, protective, minor) or JSON policy files;
                      off is added first when missing (default: off,balanced,protective)
  --labels FILE       a JSON object from user id to "at-risk" or "control"; users it does not
                      name are left out (default: every user in the at-risk cohort)
  --k N               items served per request, the top-k (default: 10)
  --seed N            seed of the bootstrap resamples, in [0, 2^32) (default: 1)
  --resamples N       bootstrap resamples (default: 1000)
  --out DIR           write DIR/metrics.json (the report) and DIR/report.html
  --shard I/N         replay only shard I of N (numbered from 0: 0/4 … 3/4): the users whose
                      order of first appearance k has k mod N = I; every shard still reads the
                      whole log. Writes DIR/partial.json instead of the report; then
                      'feed-rebalancer merge' combines the N partials into exactly the report
                      of one run; see docs/scaling.md
  --progress          draw progress (bytes of the log read) on stderr even when it is not a terminal
  -h, --help          show this help

Exit codes: 0 success, 1 the replay failed, 2 bad arguments or a bad log record.

Example:
  feed-rebalancer replay --log sessions.jsonl.gz --compare off,balanced,protective \\
    --labels cohort.json --k 10 --out out
  feed-rebalancer replay --log sessions.jsonl.gz --labels cohort.json --shard 1/4 --out parts/1
`;

/**
 * `feed-rebalancer replay`: runs `replay` on a log file, prints the summary table on stdout,
 * draws progress by bytes read on stderr, and with `--out DIR` writes `DIR/metrics.json` and
 * `DIR/report.html` — the simulator's report.
 *
 * @returns the exit code: 0 on success
 * @throws RebalanceError with code `argument` or `policy` for bad arguments or a bad record
 *   (exit code 2)
 * @internal
 */
export async function runReplay(args: readonly string[], io: CliIo): Promise<number> {
  const v = parseFlags(REPLAY, args, REPLAY_FLAGS);
  if (v['help'] === true) {
    io.stdout(REPLAY_USAGE);
    return 0;
  }
  const log = v['log'];
  if (typeof log !== 'string' || log === '')
    throw new RebalanceError(
      'argument',
      `${REPLAY}: --log must name the log file (got ${describeValue(log)})`,
      'log',
    );
  const out = typeof v['out'] === 'string' ? v['out'] : null;
  if (out === '')
    throw new RebalanceError('argument', `${REPLAY}: --out must name a directory (got "")`, 'out');
  const policies = await readPolicies(v['compare'], io);
  const labels =
    typeof v['labels'] === 'string'
      ? ((await readJsonFile(REPLAY, 'labels', v['labels'], io)) as Record<string, CohortName>)
      : undefined;
  const k = readInteger(REPLAY, 'k', v['k'], undefined, 1, 100);
  const seed = readInteger(REPLAY, 'seed', v['seed'], undefined, 0, 2 ** 32 - 1);
  const resamples = readInteger(REPLAY, 'resamples', v['resamples'], undefined, 1, 100_000);
  const options = {
    log: resolve(io.cwd, log),
    ...(policies === undefined ? {} : { policies }),
    ...(labels === undefined ? {} : { labels }),
    ...(k === undefined ? {} : { k }),
    ...(seed === undefined ? {} : { seed }),
    ...(resamples === undefined ? {} : { resamples }),
  };
  const progress = { out, progress: v['progress'] === true, label: 'bytes' };
  const shard = typeof v['shard'] === 'string' ? readShardFlag(REPLAY, v['shard']) : null;
  if (shard !== null) {
    if (out === null)
      throw new RebalanceError(
        'argument',
        `${REPLAY}: --shard needs --out DIR, where the shard writes DIR/${PARTIAL_FILE}`,
        'out',
      );
    const partial = await withProgress(io, progress, (onProgress) =>
      replayPartialAs(REPLAY, { ...options, onProgress }, shard),
    );
    await writePartial(io, out, partial);
    return 0;
  }
  await runAndReport<ReplayReport>(io, progress, (onProgress) =>
    replay({ ...options, onProgress }),
  );
  return 0;
}

async function readPolicies(
  compare: string | boolean | undefined,
  io: CliIo,
): Promise<(string | NamedPolicy)[] | undefined> {
  if (typeof compare !== 'string') return undefined;
  const names = compare.split(',').map((s) => s.trim());
  if (names.some((n) => n === ''))
    throw new RebalanceError(
      'argument',
      `${REPLAY}: --compare must be a comma-separated list of policies without empty entries (got ${describeValue(compare)})`,
      'compare',
    );
  const policies: (string | NamedPolicy)[] = [];
  for (const name of names) policies.push(await loadPolicy(REPLAY, name, io));
  return policies;
}
