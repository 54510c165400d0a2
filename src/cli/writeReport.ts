import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { renderReport, summaryTable } from '../simulate/index.js';
import type { CliIo } from './io.js';
import { ProgressBar } from './progressBar.js';

/** Anything `renderReport` and `summaryTable` take. */
type Report = Parameters<typeof renderReport>[0];

/**
 * Runs `work` with a progress bar on stderr (drawn on a terminal, or always with `--progress`),
 * then writes `DIR/metrics.json` (the report as returned, so it can be rendered again or diffed)
 * and `DIR/report.html` when `out` is given, and prints the summary table on stdout: what every
 * simulation command does with its result.
 *
 * @internal
 */
export async function runAndReport<R extends Report>(
  io: CliIo,
  options: { readonly out: string | null; readonly progress: boolean; readonly label: string },
  work: (onProgress: (done: number, total: number) => void) => Promise<R>,
): Promise<R> {
  const report = await withProgress(io, options, work);
  await writeReport(io, options.out, report);
  return report;
}

/**
 * Runs `work` with a progress bar on stderr, drawn on a terminal, or always with `--progress`.
 *
 * @internal
 */
export async function withProgress<R>(
  io: CliIo,
  options: { readonly progress: boolean; readonly label: string },
  work: (onProgress: (done: number, total: number) => void) => Promise<R>,
): Promise<R> {
  const bar = new ProgressBar(io, options.label, io.stderrIsTty);
  const showProgress = io.stderrIsTty || options.progress;
  try {
    return await work((done, total) => {
      if (showProgress) bar.update(done, total);
    });
  } finally {
    bar.finish();
  }
}

/**
 * Writes `DIR/metrics.json` (`JSON.stringify(report, null, 2)` and a newline) and
 * `DIR/report.html` when `out` is given, and prints the summary table on stdout.
 *
 * @internal
 */
export async function writeReport(io: CliIo, out: string | null, report: Report): Promise<void> {
  if (out !== null) {
    const dir = resolve(io.cwd, out);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'metrics.json'), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(join(dir, 'report.html'), renderReport(report));
    const shown = relative(io.cwd, dir) || '.';
    io.stderr(`wrote ${join(shown, 'metrics.json')} and ${join(shown, 'report.html')}\n`);
  }
  io.stdout(summaryTable(report));
}
