import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheckPolicy } from '../../src/cli/checkPolicy.js';
import { runCli } from '../../src/cli/runCli.js';
import { tune, type TuneResult } from '../../src/simulate/index.js';
import { renderTuneReport, tuneSummary } from '../../src/simulate/report/tuneReport.js';
import { captureIo } from '../cli/captureIo.js';

const ARGS = [
  'tune',
  '--scenario',
  'mixed',
  '--objective',
  'min at-risk.harmfulShare',
  '--constraint',
  'control.ndcgRetention>=0.99',
  '--constraint',
  'control.falseAlarmsPer1000<=5',
  '--budget',
  '4',
  '--restarts',
  '2',
  '--seed',
  '1',
  '--users',
  '6',
  '--steps',
  '8',
  '--resamples',
  '20',
  '--workers',
  '1',
];

describe('feed-rebalancer tune', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feed-rebalancer-tune-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('tune --out DIR writes tune.json, report.html and a policy.json that check-policy accepts', async () => {
    const io = captureIo(dir);
    const code = await runCli([...ARGS, '--out', 'out', '--progress'], io);
    expect(io.err()).toContain('wrote out/tune.json, out/report.html, out/policy.json');
    expect(code).toBe(0);
    const expected = await tune({
      scenario: 'mixed',
      objective: 'min at-risk.harmfulShare',
      constraints: ['control.ndcgRetention>=0.99', 'control.falseAlarmsPer1000<=5'],
      budget: 4,
      restarts: 2,
      seed: 1,
      users: 6,
      steps: 8,
      resamples: 20,
      workers: 1,
    });
    const written = JSON.parse(readFileSync(join(dir, 'out', 'tune.json'), 'utf8')) as TuneResult;
    expect(written).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(io.out()).toBe(tuneSummary(expected));
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toBe(renderTuneReport(expected));
    expect(html).toContain('<svg');
    expect(html).toContain('Pareto front');
    const policy = JSON.parse(readFileSync(join(dir, 'out', 'policy.json'), 'utf8')) as unknown;
    expect(policy).toEqual(expected.chosen!.policy);

    const check = captureIo(dir);
    expect(await runCheckPolicy(['out/policy.json', '--runs', '20', '--seed', '1'], check)).toBe(0);
    expect(check.out()).toContain('valid policy; all eight guarantees hold');
  });

  it('tune exits 1 and writes no policy.json when no candidate meets the constraints', async () => {
    const io = captureIo(dir);
    const args = [...ARGS, '--constraint', 'control.ndcgRetention>=2', '--out', 'none'];
    expect(await runCli(args, io)).toBe(1);
    expect(io.err()).toContain('no candidate met every constraint');
    expect(() => readFileSync(join(dir, 'none', 'policy.json'))).toThrow();
    expect(readFileSync(join(dir, 'none', 'report.html'), 'utf8')).toContain(
      'No candidate met every constraint',
    );
  });

  it.each([
    [['tune'], '--objective is required'],
    [['tune', '--objective', 'min at-risk'], "objective must read 'min COHORT.METRIC'"],
    [
      ['tune', '--objective', 'min at-risk.harmfulShare', '--constraint', 'control.ndcg>=1'],
      'constraints[0] names an unknown metric "ndcg"',
    ],
    [['tune', '--objective', 'min at-risk.harmfulShare', '--budget', '0'], '--budget must be'],
    [
      [
        'tune',
        '--objective',
        'min at-risk.harmfulShare',
        '--log',
        'x.jsonl',
        '--scenario',
        'mixed',
      ],
      '--scenario cannot be given with --log',
    ],
    [['tune', '--objective', 'min at-risk.harmfulShare', '--k', '5'], '--k needs --log'],
  ])('tune %j exits 2 with %j', async (args, message) => {
    const io = captureIo(dir);
    expect(await runCli(args, io)).toBe(2);
    expect(io.err()).toContain(message);
  });

  it('tune --help prints the usage and the overview lists tune', async () => {
    const io = captureIo(dir);
    expect(await runCli(['tune', '--help'], io)).toBe(0);
    expect(io.out()).toContain("--objective TEXT    'min COHORT.METRIC'");
    const overview = captureIo(dir);
    await runCli(['--help'], overview);
    expect(overview.out()).toContain('  tune ');
  });
});
