import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { TuneResult } from '../simulate/index.js';
import { renderTuneReport, tuneSummary } from '../simulate/report/tuneReport.js';
import type { CliIo } from './io.js';

/**
 * Writes a tuning's result as `feed-rebalancer tune` does — `DIR/tune.json`, `DIR/report.html`
 * and, when a policy was chosen, `DIR/policy.json` when `out` is given — and prints the Pareto
 * front on stdout.
 *
 * @param command - the command, for the message when no policy was chosen
 * @returns the exit code: 0 when a policy met every constraint, 1 when none did
 * @internal
 */
export async function writeTuneResult(
  io: CliIo,
  command: string,
  out: string | null,
  result: TuneResult,
): Promise<number> {
  if (out !== null) {
    const dir = resolve(io.cwd, out);
    await mkdir(dir, { recursive: true });
    const shown = relative(io.cwd, dir) || '.';
    const written = [join(shown, 'tune.json'), join(shown, 'report.html')];
    await writeFile(join(dir, 'tune.json'), `${JSON.stringify(result, null, 2)}\n`);
    await writeFile(join(dir, 'report.html'), renderTuneReport(result));
    if (result.chosen !== null) {
      await writeFile(
        join(dir, 'policy.json'),
        `${JSON.stringify(result.chosen.policy, null, 2)}\n`,
      );
      written.push(join(shown, 'policy.json'));
    }
    io.stderr(`wrote ${written.join(', ')}\n`);
  }
  io.stdout(tuneSummary(result));
  if (result.chosen === null) {
    io.stderr(`${command}: no candidate met every constraint; no policy.json was written\n`);
    return 1;
  }
  return 0;
}
