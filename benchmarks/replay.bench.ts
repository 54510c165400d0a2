/**
 * Replay of logs: impressions served per second by `replay` — reading and parsing a JSON Lines
 * file, serving every logged request under `off` and `balanced`, feeding each policy's state and
 * building the report — as a ratio to the simulator's impressions per second under `balanced`
 * on the same number of users and requests (one thread each, the calling one). The log has the
 * simulator's shape: 30 candidates a request, a page of 10, 60 % of each page logged as seen.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replay, simulate, type ComparisonReport } from '../src/simulate/index.js';
import { makeLog } from '../test/replay/makeLog.js';
import { figure, ratioAtLeast, type BenchSuite } from './harness.js';

const USERS = 100;
const REQUESTS = 60;
const ROUNDS = 3;

function median(values: readonly number[]): number {
  return values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function impressionsOf(report: ComparisonReport): number {
  let n = 0;
  for (const r of report.reports)
    n += (r.cohorts['at-risk']?.impressions ?? 0) + (r.cohorts.control?.impressions ?? 0);
  return n;
}

const suite: BenchSuite = {
  title: 'Replay of logs',
  async run() {
    const dir = join(dirname(fileURLToPath(import.meta.url)), 'replay');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'log.jsonl');
    const log = makeLog({
      users: USERS,
      requests: REQUESTS,
      candidates: 30,
      harmful: 0.3,
      seen: 6,
      k: 10,
      seed: 1,
    });
    writeFileSync(path, log.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const replayRates: number[] = [];
    const simulateRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      (globalThis as { gc?: () => void }).gc?.();
      let t0 = performance.now();
      const replayed = await replay({ log: path, policies: ['off', 'balanced'], resamples: 1 });
      replayRates.push(impressionsOf(replayed) / ((performance.now() - t0) / 1000));
      (globalThis as { gc?: () => void }).gc?.();
      t0 = performance.now();
      const simulated = await simulate({
        scenario: 'mixed',
        policy: 'balanced',
        seed: 1,
        users: USERS,
        steps: REQUESTS,
        workers: 1,
      });
      const n =
        (simulated.cohorts['at-risk']?.impressions ?? 0) +
        (simulated.cohorts.control?.impressions ?? 0);
      simulateRates.push(n / ((performance.now() - t0) / 1000));
    }
    const replayRate = median(replayRates);
    const simulateRate = median(simulateRates);
    return [
      ratioAtLeast(
        `replay throughput (${USERS} users × ${REQUESTS} requests, off + balanced, JSON Lines read and parsed)`,
        replayRate / simulateRate,
        'simulate, balanced, same users and requests, one thread',
        0.5,
      ),
      figure('replay impressions per second', replayRate, 'impr./s'),
      figure('simulate impressions per second', simulateRate, 'impr./s'),
    ];
  },
};

export default suite;
