/**
 * What `npm start` runs: the default comparison of the four preset policies on the `mixed`
 * scenario (see `DEFAULT_COMPARISON`), written to `out/` (`out/metrics.json`, `out/report.html`)
 * with the summary table on stdout. The same command at full size is `feed-rebalancer simulate
 * --compare off,dispersion,balanced,protective --scenario mixed --users 1000 --steps 300 --seed 1
 * --out out`.
 */
import { defaultComparisonArgs } from './defaultComparison.js';
import { processIo } from './io.js';
import { runCli } from './runCli.js';

void runCli([...defaultComparisonArgs('out'), ...process.argv.slice(2)], processIo()).then(
  (code) => {
    process.exitCode = code;
  },
);
