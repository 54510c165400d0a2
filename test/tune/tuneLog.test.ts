import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/index.js';
import { runCli } from '../../src/cli/runCli.js';
import {
  planTuning,
  replay,
  tune,
  type TuneLogOptions,
  type TuneResult,
} from '../../src/simulate/index.js';
import { captureIo } from '../cli/captureIo.js';
import { makeLog } from '../replay/makeLog.js';
import { writeJsonLines } from '../replay/writeLogs.js';

const SHAPE = { users: 6, requests: 10, candidates: 14, harmful: 0.45, seen: 5, k: 8, seed: 11 };
const LOG = makeLog(SHAPE);
/** Half the users control, so both cohorts have users. */
const LABELS = Object.fromEntries(
  Array.from({ length: SHAPE.users }, (_, u) => [`u${u}`, u % 2 === 0 ? 'at-risk' : 'control']),
) as Record<string, 'at-risk' | 'control'>;
const OPTIONS = {
  log: LOG,
  labels: LABELS,
  k: 8,
  seed: 3,
  resamples: 30,
  objective: 'min at-risk.harmfulShare',
  constraints: ['control.ndcgRetention>=0.9'],
  budget: 6,
  restarts: 2,
} as const;

/** The error a call rejects with, or fails the test. */
async function errorOf(run: () => Promise<unknown>): Promise<RebalanceError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(RebalanceError);
    return error as RebalanceError;
  }
  throw new Error('expected a RebalanceError');
}

describe('tune on a log', () => {
  let dir = '';
  let result: TuneResult;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'feed-rebalancer-tune-log-'));
    result = await tune(OPTIONS);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('tune({ log }) evaluates the budget, names the log and its sizes, and is deterministic', async () => {
    expect(result.records).toHaveLength(OPTIONS.budget);
    expect(result.scenario).toBe('replay of records');
    expect(result.users).toBe(SHAPE.users);
    expect(result.steps).toBe(SHAPE.requests);
    expect(result.chosen).not.toBeNull();
    expect(JSON.stringify(await tune(OPTIONS))).toBe(JSON.stringify(result));
  });

  it("tune({ log })'s every evaluation is what replay() reports for the candidate against off", async () => {
    // The chosen record and one other: each must be replay()'s report of [off, candidate].
    const picks = [result.chosen!.record, result.chosen!.record === 0 ? 1 : 0];
    for (const index of picks) {
      const record = result.records[index]!;
      const report = await replay({
        log: LOG,
        labels: LABELS,
        k: OPTIONS.k,
        seed: OPTIONS.seed,
        resamples: OPTIONS.resamples,
        policies: ['off', { name: 'candidate', policy: record.policy }],
      });
      const own = report.reports[1]!.cohorts;
      const differences = report.differences[0]!.cohorts;
      expect(record.objective.value).toBe(own['at-risk']!.harmfulShare);
      expect(record.objective.difference).toEqual(differences['at-risk']!.harmfulShare);
      expect(record.constraints[0]!.value).toBe(own.control!.ndcgRetention);
      expect(record.constraints[0]!.difference).toEqual(differences.control!.ndcgRetention);
    }
  });

  it('tune({ log }) refuses a constraint on control without labels: every user is at-risk then', async () => {
    const unlabelled: TuneLogOptions = { ...OPTIONS, labels: LABELS, budget: 2 };
    delete (unlabelled as { labels?: unknown }).labels;
    const error = await errorOf(() => tune(unlabelled));
    expect(error.code).toBe('argument');
    expect(error.path).toBe('constraints[0]');
    expect(error.message).toContain('names the control cohort, which has no users in the log');
    expect(error.message).toContain('without labels every logged user is in at-risk');
  });

  it('tune({ log }) refuses an objective on a cohort the labels put no logged user in', async () => {
    const control = Object.fromEntries(Object.keys(LABELS).map((u) => [u, 'control'] as const));
    const error = await errorOf(() => tune({ ...OPTIONS, labels: control, budget: 2 }));
    expect(error.path).toBe('objective');
    expect(error.message).toContain('the labels put none of the logged users in it');
  });

  it('planTuning refuses a scenario and a log together, and a log that is neither path nor array', () => {
    const both = { ...OPTIONS, scenario: 'mixed' } as unknown as typeof OPTIONS;
    expect(() => planTuning(both)).toThrow(/give a scenario or a log, not both/);
    const bad = { ...OPTIONS, log: 42 } as unknown as typeof OPTIONS;
    expect(() => planTuning(bad)).toThrow(
      expect.objectContaining({ code: 'argument', path: 'log' }) as Error,
    );
  });

  it('feed-rebalancer tune --log FILE --labels FILE writes what tune({ log: FILE }) gives', async () => {
    writeJsonLines(join(dir, 'log.jsonl'), LOG);
    writeFileSync(join(dir, 'labels.json'), JSON.stringify(LABELS));
    const io = captureIo(dir);
    const args = [
      'tune',
      '--log',
      'log.jsonl',
      '--labels',
      'labels.json',
      '--k',
      '8',
      '--seed',
      '3',
      '--resamples',
      '30',
      '--objective',
      OPTIONS.objective,
      '--constraint',
      OPTIONS.constraints[0],
      '--budget',
      '6',
      '--restarts',
      '2',
      '--out',
      'out',
    ];
    expect(await runCli(args, io)).toBe(0);
    expect(io.out()).toContain('Tuning replay of log.jsonl, seed 3');
    const written = JSON.parse(readFileSync(join(dir, 'out', 'tune.json'), 'utf8')) as TuneResult;
    expect(written.records).toEqual(JSON.parse(JSON.stringify(result.records)));
    expect(written.users).toBe(SHAPE.users);
  });

  it('feed-rebalancer tune --log without labels exits 2 naming the control constraint', async () => {
    writeJsonLines(join(dir, 'log.jsonl'), LOG);
    const io = captureIo(dir);
    const args = ['tune', '--log', 'log.jsonl', '--objective', OPTIONS.objective];
    expect(await runCli([...args, '--constraint', 'control.falseAlarmsPer1000<=1'], io)).toBe(2);
    expect(io.err()).toContain('constraints[0] names the control cohort');
  });

  it("feed-rebalancer tune --log refuses --shard: only a scenario's restarts are split", async () => {
    writeJsonLines(join(dir, 'log.jsonl'), LOG);
    const io = captureIo(dir);
    const args = ['tune', '--log', 'log.jsonl', '--objective', OPTIONS.objective];
    expect(await runCli([...args, '--shard', '0/2', '--out', 'part'], io)).toBe(2);
    expect(io.err()).toContain('--log cannot be given with --shard');
  });
});
