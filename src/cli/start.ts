/**
 * What `npm start` runs: the default comparison of the four preset policies on the `mixed`
 * scenario, at a size that finishes in well under a minute on two cores, written to `out/`
 * (`out/metrics.json`, `out/report.html`) with the summary table on stdout. The same command
 * at full size is `feed-rebalancer simulate --compare off,dispersion,balanced,protective
 * --scenario mixed --users 1000 --steps 300 --seed 1 --out out`.
 */
import { processIo } from './io.js';
import { runCli } from './runCli.js';

const START_ARGS = [
  'simulate',
  '--compare',
  'off,dispersion,balanced,protective',
  '--scenario',
  'mixed',
  '--users',
  '200',
  '--steps',
  '100',
  '--seed',
  '1',
  '--out',
  'out',
  ...process.argv.slice(2),
];

void runCli(START_ARGS, processIo()).then((code) => {
  process.exitCode = code;
});
