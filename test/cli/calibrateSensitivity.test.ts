import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { calibrate, renderReport, sensitivity, summaryTable } from '../../src/simulate/index.js';
import { captureIo } from './captureIo.js';

describe('feed-rebalancer calibrate and sensitivity', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feed-rebalancer-cli-'));
    writeFileSync(join(dir, 'harsher.json'), JSON.stringify({ damage: 0.006 }));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('calibrate --seeds 3 --users 2 --response FILE --out DIR writes metrics.json with the calibration array, report.html, and prints the table', async () => {
    const io = captureIo(dir);
    const code = await runCli(
      [
        'calibrate',
        '--seeds',
        '3',
        '--users',
        '2',
        '--workers',
        '1',
        '--response',
        'harsher.json',
        '--out',
        'cal',
      ],
      io,
    );
    expect(io.err()).toContain('wrote cal/metrics.json and cal/report.html');
    expect(code).toBe(0);
    const expected = await calibrate({
      seeds: [3],
      usersPerSeed: 2,
      workers: 1,
      response: { damage: 0.006 },
    });
    const metrics = JSON.parse(
      readFileSync(join(dir, 'cal', 'metrics.json'), 'utf8'),
    ) as typeof expected;
    expect(metrics).toEqual(expected);
    for (const e of metrics.calibration)
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining(['source', 'measure', 'target', 'low', 'high', 'simulated']),
      );
    expect(readFileSync(join(dir, 'cal', 'report.html'), 'utf8')).toBe(renderReport(expected));
    expect(io.out()).toBe(summaryTable(expected));
  });

  it('sensitivity --constants damage --users 4 --steps 8 prints the orders and writes the tornado report', async () => {
    const io = captureIo(dir);
    const code = await runCli(
      [
        'sensitivity',
        '--constants',
        'damage',
        '--compare',
        'protective',
        '--users',
        '4',
        '--steps',
        '8',
        '--seed',
        '2',
        '--out',
        'sens',
      ],
      io,
    );
    expect(code).toBe(0);
    const expected = await sensitivity({
      scenario: 'mixed',
      policies: ['protective'],
      constants: ['damage'],
      users: 4,
      steps: 8,
      seed: 2,
    });
    expect(io.out()).toBe(summaryTable(expected));
    const html = readFileSync(join(dir, 'sens', 'report.html'), 'utf8');
    expect(html).toBe(renderReport(expected));
    expect(html).toContain('<section id="sensitivity">');
  });

  it.each([
    [['calibrate', '--seeds', '1,x'], /--seeds must be a comma-separated list of whole numbers/],
    [['calibrate', '--response', 'missing.json'], /cannot read --response file "missing.json"/],
    [['sensitivity', '--change', '1.5'], /--change must be a number in \(0, 1\)/],
    [
      ['sensitivity', '--constants', 'nope', '--users', '2', '--steps', '2'],
      /constants\[0\] must name a response constant/,
    ],
    [['sensitivity', '--scenario', 'nope'], /unknown scenario "nope"/],
  ])('feed-rebalancer %o exits 2 with the reason on stderr', async (argv, message) => {
    const io = captureIo(dir);
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.out()).toBe('');
  });

  it('calibrate --help and sensitivity --help print their usage and exit 0', async () => {
    for (const name of ['calibrate', 'sensitivity']) {
      const io = captureIo(dir);
      expect(await runCli([name, '--help'], io)).toBe(0);
      expect(io.out()).toMatch(new RegExp(`^Usage: feed-rebalancer ${name}`));
    }
  });
});
