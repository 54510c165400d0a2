/**
 * Runs every benchmark suite (`benchmarks/*.bench.ts`, or those named on the command line),
 * prints a table per suite and writes benchmarks/RESULTS.md. Each figure is a ratio against a
 * baseline measured in the same run.
 *
 *   npm run bench               # all suites
 *   npm run bench -- rebalance  # suites whose file name contains "rebalance"
 *
 * Each suite is bundled with esbuild first and run as plain JavaScript, as the published build
 * runs, rather than through a TypeScript loader whose hooks would be measured too.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow, BenchSuite } from './harness.js';

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
  const suite = ((await import(pathToFileURL(outfile).href)) as { default: BenchSuite }).default;
  process.stderr.write(`running ${suite.title} (${file})…\n`);
  const rows = await suite.run();
  const text = `## ${suite.title}\n\n_Source: \`benchmarks/${file}\`_\n\n${table(rows)}\n`;
  console.log(text);
  sections.push(text);
}

if (filters.length === 0) {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const header = [
    '# Benchmark results',
    '',
    'Produced by `npm run bench`. Every figure is a ratio against a baseline measured in the same run',
    '(absolute times on shared machines are noise); sizes and counts are plain figures.',
    '',
    `Last run: Node ${process.version}, ${cpus().length} × ${cpu}.`,
    '',
  ].join('\n');
  writeFileSync(join(here, 'RESULTS.md'), `${header}\n${sections.join('\n')}`);
  process.stderr.write('wrote benchmarks/RESULTS.md\n');
}
