import { RebalanceError } from '../index.js';
import { describeValue } from '../errors/describe.js';
import { calibrate } from '../simulate/index.js';
import type { CalibrateOptions } from '../simulate/index.js';
import type { CliIo } from './io.js';
import { parseFlags, readInteger, type FlagTable } from './parseFlags.js';
import { readJsonFile } from './readJsonFile.js';
import { runAndReport } from './writeReport.js';

const COMMAND = 'feed-rebalancer calibrate';

/** Usage of `feed-rebalancer calibrate`. @internal */
export const CALIBRATE_USAGE = `Usage: feed-rebalancer calibrate [options]

Runs the calibration protocols under the off baseline and prints the calibration table: each
published figure (CCDH 2022, Amnesty 2023 and 2025, Molly Rose Foundation 2025, Griffiths et al.
2024, Hosseinmardi et al. 2024, Tomlein et al. 2021), its band, the simulated value and the
residual. Targets outside their band are shown as such. The fit that chose the default constants
runs offline (scripts/calibrate.ts in a source checkout).

Options:
  --seeds S,S,...     seeds every arm runs (default: 1,2,3,4)
  --users N           accounts per arm and seed (default: 50)
  --response FILE     a JSON object of response constants to check instead of the defaults
  --workers N         worker threads (default: one per core); results do not depend on it
  --out DIR           write DIR/metrics.json (with its calibration array) and DIR/report.html
  --progress          draw progress on stderr even when it is not a terminal
  -h, --help          show this help

Exit codes: 0 success, 1 the run failed, 2 bad arguments.
`;

const FLAGS: FlagTable = {
  seeds: { type: 'string' },
  users: { type: 'string' },
  response: { type: 'string' },
  workers: { type: 'string' },
  out: { type: 'string' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/**
 * `feed-rebalancer calibrate`: runs `calibrate` and prints (and with `--out` writes) its table.
 *
 * @returns the exit code: 0 on success
 * @throws RebalanceError with code `argument` for bad arguments (exit code 2)
 * @internal
 */
export async function runCalibrate(args: readonly string[], io: CliIo): Promise<number> {
  const v = parseFlags(COMMAND, args, FLAGS);
  if (v['help'] === true) {
    io.stdout(CALIBRATE_USAGE);
    return 0;
  }
  const options: { -readonly [K in keyof CalibrateOptions]: CalibrateOptions[K] } = {};
  const seeds = v['seeds'];
  if (typeof seeds === 'string') {
    const list = seeds.split(',').map((s) => s.trim());
    if (list.some((s) => !/^\d{1,10}$/.test(s)))
      throw new RebalanceError(
        'argument',
        `${COMMAND}: --seeds must be a comma-separated list of whole numbers (got ${describeValue(seeds)})`,
        'seeds',
      );
    options.seeds = list.map(Number);
  }
  const users = readInteger(COMMAND, 'users', v['users'], undefined, 1, 100_000);
  if (users !== undefined) options.usersPerSeed = users;
  const workers = readInteger(COMMAND, 'workers', v['workers'], undefined, 1, 256);
  if (workers !== undefined) options.workers = workers;
  if (typeof v['response'] === 'string')
    options.response = (await readJsonFile(COMMAND, 'response', v['response'], io)) as NonNullable<
      CalibrateOptions['response']
    >;
  const out = typeof v['out'] === 'string' ? v['out'] : null;
  if (out === '')
    throw new RebalanceError('argument', `${COMMAND}: --out must name a directory (got "")`, 'out');
  await runAndReport(
    io,
    { out, progress: v['progress'] === true, label: 'accounts' },
    (onProgress) => calibrate({ ...options, onProgress }),
  );
  return 0;
}
