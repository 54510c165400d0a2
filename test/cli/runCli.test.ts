import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { captureIo } from './captureIo.js';

describe('feed-rebalancer argument errors', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feed-rebalancer-cli-args-'));
    writeFileSync(join(dir, 'broken.json'), '{ "levels": ');
    writeFileSync(
      join(dir, 'bad-cadence.json'),
      JSON.stringify({ levels: { sustained: { recoveryEvery: 1 } } }),
    );
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the command line; returns exit code, stdout and stderr. */
  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const io = captureIo(dir);
    const code = await runCli(argv, io);
    return { code, out: io.out(), err: io.err() };
  }

  const cases: [string, string[], RegExp][] = [
    [
      'an unknown flag',
      ['simulate', '--colour', 'red'],
      /^feed-rebalancer simulate: unknown option --colour \(known options: --scenario, --policy, --compare/,
    ],
    [
      'a word for a number',
      ['simulate', '--users', 'many'],
      /^feed-rebalancer simulate: --users must be a whole number in \[1, \d+\] \(got "many"\)/,
    ],
    [
      'zero users',
      ['simulate', '--users', '0'],
      /--users must be a whole number in \[1, \d+\] \(got "0"\)/,
    ],
    [
      'a fraction of a step',
      ['simulate', '--steps', '2.5'],
      /--steps must be a whole number .*\(got "2\.5"\)/,
    ],
    [
      'a negative seed',
      ['simulate', '--seed=-1'],
      /--seed must be a whole number in \[0, 4294967295\] \(got "-1"\)/,
    ],
    [
      'a seed beyond 2^32',
      ['simulate', '--seed', '4294967296'],
      /--seed must be a whole number in \[0, 4294967295\]/,
    ],
    [
      'scientific notation',
      ['simulate', '--users', '1e3'],
      /--users must be a whole number .*\(got "1e3"\)/,
    ],
    [
      'a missing value',
      ['simulate', '--users'],
      /^feed-rebalancer simulate: --users needs a value/,
    ],
    [
      'a value swallowed by the next flag',
      ['simulate', '--scenario', '--users', '3'],
      /--scenario needs a value/,
    ],
    [
      'an unknown scenario',
      ['simulate', '--scenario', 'doomscroll'],
      /^feed-rebalancer simulate: unknown scenario "doomscroll" \(expected one of rabbit-hole, control, mixed, relapse, evasive, noisy\)/,
    ],
    [
      'an unknown policy',
      ['simulate', '--policy', 'strictest'],
      /^feed-rebalancer simulate: unknown policy "strictest" \(expected a preset: off, dispersion, balanced, protective, minor; or a path to a JSON policy file\)/,
    ],
    [
      'an unknown policy in a comparison',
      ['simulate', '--compare', 'off,nope'],
      /unknown policy "nope"/,
    ],
    [
      'an empty comparison entry',
      ['simulate', '--compare', 'off,,balanced'],
      /--compare must be a comma-separated list of policies without empty entries/,
    ],
    [
      '--policy with --compare',
      ['simulate', '--policy', 'off', '--compare', 'off,balanced'],
      /--policy and --compare cannot be used together/,
    ],
    [
      '--resamples without --compare',
      ['simulate', '--resamples', '100'],
      /--resamples applies only to --compare/,
    ],
    [
      'a missing policy file',
      ['simulate', '--policy', 'missing.json'],
      /cannot read policy file "missing\.json" \(ENOENT\)/,
    ],
    [
      'a policy file that is not JSON',
      ['simulate', '--policy', 'broken.json'],
      /policy file "broken\.json" is not JSON/,
    ],
    [
      'a policy file that breaks a rule',
      ['simulate', '--policy', './bad-cadence.json'],
      /levels\.sustained\.recoveryEvery/,
    ],
    [
      'a switch given a value',
      ['simulate', '--progress=yes'],
      /--progress is a switch and takes no value/,
    ],
    ['a positional argument', ['simulate', 'mixed'], /unexpected argument "mixed"/],
    [
      'an unknown command',
      ['simulat'],
      /^feed-rebalancer: unknown command "simulat" \(expected one of simulate, replay, merge, sensitivity, tune, calibrate, check-policy, bench, serve\)/,
    ],
  ];

  for (const [what, argv, message] of cases) {
    it(`feed-rebalancer ${argv.join(' ')} exits 2 for ${what}, with the message on stderr and nothing on stdout`, async () => {
      const { code, out, err } = await cli(...argv);
      expect(code).toBe(2);
      expect(err).toMatch(message);
      expect(out).toBe('');
    });
  }

  it('feed-rebalancer with no command prints the overview on stderr and exits 2', async () => {
    const { code, out, err } = await cli();
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('Usage: feed-rebalancer <command> [options]');
  });

  it('feed-rebalancer --help lists every command on stdout and exits 0', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    for (const name of [
      'simulate',
      'merge',
      'sensitivity',
      'tune',
      'calibrate',
      'check-policy',
      'bench',
    ])
      expect(out).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('feed-rebalancer simulate --help prints the options without running anything', async () => {
    const { code, out, err } = await cli('simulate', '--help');
    expect(code).toBe(0);
    expect(err).toBe('');
    for (const flag of [
      '--scenario',
      '--policy',
      '--compare',
      '--users',
      '--steps',
      '--seed',
      '--out',
      '--progress',
    ]) {
      expect(out).toContain(flag);
    }
  });

  it('feed-rebalancer check-policy is dispatched to the policy checker (exit 2 for an invalid file)', async () => {
    const { code, err } = await cli('check-policy', 'bad-cadence.json');
    expect(code).toBe(2);
    expect(err).toContain('levels.sustained.recoveryEvery');
  });
});
