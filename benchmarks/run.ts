/**
 * Runs every benchmark suite (`benchmarks/*.bench.ts`, or those named on the command line),
 * prints a table per suite and writes benchmarks/RESULTS.md. Each figure is a ratio against a
 * baseline measured in the same run.
 *
 *   npm run bench               # all suites
 *   npm run bench -- rebalance  # suites whose file name contains "rebalance"; their sections of
 *                               # RESULTS.md are replaced, the others kept
 *
 * Each suite is bundled with esbuild first and run as plain JavaScript, as the published build
 * runs, rather than through a TypeScript loader whose hooks would be measured too, and in a
 * process of its own — in several, when the suite asks for it (`BenchSuite.processes`), each
 * row then being the median run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(3);
}

function table(rows: readonly BenchRow[]): string {
  const lines = [
    '| measure | figure | baseline | target | met |',
    '| --- | ---: | --- | --- | :---: |',
  ];
  for (const r of rows) {
    const met = r.ok === null ? '—' : r.ok ? 'yes' : '**no**';
    lines.push(
      `| ${r.name} | ${format(r.value)} ${r.unit} | ${r.baseline} | ${r.target} | ${met} |`,
    );
  }
  return lines.join('\n');
}

const outDir = join(here, '..', 'out', 'bench');
mkdirSync(outDir, { recursive: true });
const sections: string[] = [];
for (const file of files) {
  const outfile = join(outDir, file.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(here, file)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  process.stderr.write(`running ${file}…\n`);
  const first = runInOwnProcess(outfile);
  const runs = [first.rows];
  for (let k = 1; k < first.processes; k++) {
    process.stderr.write(`running ${file} again (${k + 1} of ${first.processes})…\n`);
    runs.push(runInOwnProcess(outfile).rows);
  }
  const rows = medianRows(runs);
  const source =
    runs.length === 1
      ? `_Source: \`benchmarks/${file}\`_`
      : `_Source: \`benchmarks/${file}\`; each row is the median of ${runs.length} runs, each in a process of its own_`;
  const text = `## ${first.title}\n\n${source}\n\n${table(rows)}\n`;
  console.log(text);
  sections.push(text);
}

/**
 * Runs one bundled suite in a fresh Node process and returns its rows. A suite run after others
 * in the same process would inherit their heap — a large old generation, marking in progress —
 * and measure it: figures that depend on allocation (the growth ratios) came out up to 20%
 * higher than in a process of their own.
 */
function runInOwnProcess(outfile: string): { title: string; rows: BenchRow[]; processes: number } {
  // A file rather than `--eval`: worker threads a suite starts inherit the process's flags, and
  // `--input-type` would break their own entry files.
  const runner = join(outDir, 'run-suite.mjs');
  writeFileSync(
    runner,
    `const suite = (await import(process.argv[2])).default;
const rows = await suite.run();
process.stdout.write(JSON.stringify({ title: suite.title, rows, processes: suite.processes ?? 1 }));
`,
  );
  const child = spawnSync(process.execPath, ['--expose-gc', runner, pathToFileURL(outfile).href], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${outfile} failed (exit code ${child.status})`);
  const result = JSON.parse(child.stdout) as { title: string; rows: BenchRow[]; processes: number };
  if (!Number.isInteger(result.processes) || result.processes < 1 || result.processes % 2 === 0)
    throw new Error(`${outfile}: processes must be an odd count, not ${result.processes}`);
  return result;
}

/**
 * Row by row, the run whose figure is the median of the runs' figures (an odd number of runs of
 * one suite, with the same rows in the same order): its figure and whether it met the target
 * are reported together.
 */
function medianRows(runs: readonly (readonly BenchRow[])[]): BenchRow[] {
  return runs[0]!.map((row, i) => {
    const same = runs.map((rows) => rows[i]!);
    if (same.some((r) => r.name !== row.name))
      throw new Error(`the runs of "${row.name}" do not list the same rows`);
    return same.sort((a, b) => a.value - b.value)[(same.length - 1) / 2]!;
  });
}

const resultsPath = join(here, 'RESULTS.md');
if (filters.length === 0 || !existsSync(resultsPath)) {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const header = [
    '# Benchmark results',
    '',
    'Produced by `npm run bench`. Every figure is a ratio against a baseline measured in the same run',
    '(absolute times on shared machines are noise); sizes and counts are plain figures. A run of',
    'some suites (`npm run bench -- rebalance`) replaces only their sections.',
    '',
    `Last full run: Node ${process.version}, ${cpus().length} × ${cpu}.`,
    '',
  ].join('\n');
  writeFileSync(resultsPath, `${header}\n${sections.join('\n')}`);
} else {
  // Replace the sections of the suites just run, keep the others as they were.
  let text = readFileSync(resultsPath, 'utf8');
  for (const section of sections) {
    const title = section.slice(0, section.indexOf('\n'));
    const start = text.indexOf(`${title}\n`);
    if (start === -1) {
      text = `${text.trimEnd()}\n\n${section}`;
      continue;
    }
    const next = text.indexOf('\n## ', start + title.length);
    text = `${text.slice(0, start)}${section}${next === -1 ? '' : text.slice(next)}`;
  }
  writeFileSync(resultsPath, text);
}
process.stderr.write('wrote benchmarks/RESULTS.md\n');
