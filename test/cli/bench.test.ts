import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { captureIo } from './captureIo.js';

describe('feed-rebalancer bench', () => {
  let checkout: string;
  let elsewhere: string;

  beforeAll(() => {
    checkout = mkdtempSync(join(tmpdir(), 'feed-rebalancer-bench-'));
    elsewhere = mkdtempSync(join(tmpdir(), 'feed-rebalancer-nobench-'));
    // Test data: a checkout whose bench script echoes its arguments and fails with code 3.
    writeFileSync(
      join(checkout, 'package.json'),
      JSON.stringify({ name: 'fixture', scripts: { bench: 'node bench.mjs' } }),
    );
    writeFileSync(
      join(checkout, 'bench.mjs'),
      "console.log('suites:', process.argv.slice(2).join(',')); console.error('running'); process.exitCode = 3;\n",
    );
  });

  afterAll(() => {
    rmSync(checkout, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('feed-rebalancer bench runs the checkout bench script with the suite filters and returns its exit code', async () => {
    const io = captureIo(checkout);
    const code = await runCli(['bench', 'rebalance', 'simulate'], io);
    expect(code).toBe(3);
    expect(io.out()).toBe('suites: rebalance,simulate\n');
    expect(io.err()).toBe('running\n');
  });

  it('feed-rebalancer bench outside a checkout exits 2 and says where to run it', async () => {
    const io = captureIo(elsewhere);
    expect(await runCli(['bench'], io)).toBe(2);
    expect(io.err()).toMatch(
      /^feed-rebalancer bench: run it from the root of a feed-rebalancer source checkout \(no readable package\.json/,
    );
  });

  it('feed-rebalancer bench refuses a filter a shell would interpret', async () => {
    const io = captureIo(checkout);
    expect(await runCli(['bench', 'x;rm -rf ~'], io)).toBe(2);
    expect(io.err()).toMatch(/a suite filter must be letters, digits/);
    expect(io.out()).toBe('');
  });
});
