import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presets, RebalanceError } from '../../src/index.js';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/runCli.js';
import { envName, readServeArgs, redact } from '../../src/cli/serveArgs.js';

let dir: string;
let io: CliIo;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serve-args-'));
  await writeFile(join(dir, 'strict.json'), JSON.stringify({ minConfidence: 0.6 }));
  await writeFile(join(dir, 'bad-policy.json'), JSON.stringify({ minConfidence: 2 }));
  await writeFile(join(dir, 'taxonomy.json'), JSON.stringify(presets.taxonomies.default));
  await writeFile(join(dir, 'not-json.json'), '{');
  io = {
    stdout: () => undefined,
    stderr: () => undefined,
    cwd: dir,
    stderrIsTty: false,
    now: () => 0,
  };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<RebalanceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RebalanceError) return error;
    throw error;
  }
  throw new Error('expected a RebalanceError');
}

describe('readServeArgs (flags, FEED_REBALANCER_* variables, defaults)', () => {
  it('defaults to port 3000 on 127.0.0.1, memory, the balanced preset, the default taxonomy, the exact matcher', async () => {
    const args = await readServeArgs([], {}, io);
    expect(args).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      store: { kind: 'memory' },
      policy: { label: 'balanced (preset)', value: presets.policies.balanced },
      taxonomy: { label: 'default', value: presets.taxonomies.default },
      matcher: 'exact',
      resources: null,
      logLevel: 'info',
    });
  });

  it('reads each option from its environment variable, and a flag wins over it', async () => {
    const env = {
      [envName('port')]: '8080',
      [envName('host')]: '0.0.0.0',
      [envName('policy')]: 'protective',
      [envName('redis')]: 'redis://cache:6379/0',
      [envName('matcher')]: 'evasive',
      [envName('max-items')]: '500',
      FEED_REBALANCER_LOG_KEY: 'k',
    };
    const fromEnv = await readServeArgs([], env, io);
    expect(fromEnv).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      policy: { label: 'protective (preset)' },
      store: { kind: 'redis', url: 'redis://cache:6379/0' },
      matcher: 'evasive',
      maxItems: 500,
      logKey: 'k',
    });
    const flagged = await readServeArgs(['--port', '9000', '--policy', 'strict.json'], env, io);
    expect(flagged.port).toBe(9000);
    expect(flagged.policy).toEqual({
      label: 'strict (file strict.json)',
      value: { minConfidence: 0.6 },
    });
    expect(envName('redis-cluster')).toBe('FEED_REBALANCER_REDIS_CLUSTER');
  });

  it('reads a cluster as comma-separated node URLs, and refuses both Redis options at once', async () => {
    const args = await readServeArgs(['--redis-cluster', 'redis://a:7000, redis://b:7001'], {}, io);
    expect(args.store).toEqual({ kind: 'cluster', urls: ['redis://a:7000', 'redis://b:7001'] });
    const both = await rejection(
      readServeArgs(['--redis', 'redis://a', '--redis-cluster', 'redis://b'], {}, io),
    );
    expect(both.code).toBe('argument');
  });

  it.each([
    [['--port', '70000'], 'port', /--port must be a whole number in \[0, 65535\]/],
    [['--policy', 'nope'], 'policy', /unknown policy "nope"/],
    [['--policy', 'bad-policy.json'], 'minConfidence', /minConfidence/],
    [['--taxonomy', 'missing.json'], 'taxonomy', /cannot read "missing.json" \(ENOENT\)/],
    [['--resources', 'not-json.json'], 'resources', /is not JSON/],
    [['--matcher', 'fuzzy'], 'matcher', /must be exact or evasive/],
    [['--redis', 'http://x'], 'redis', /must be a redis:\/\/ or rediss:\/\/ URL/],
    [['--log-level', 'loud'], 'log-level', /must be one of fatal, error/],
    [['--nope'], 'nope', /unknown option --nope/],
  ])('%j is refused, naming the option', async (argv, path, message) => {
    const error = await rejection(readServeArgs(argv, {}, io));
    expect(['argument', 'policy']).toContain(error.code);
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });

  it('never shows the credentials of a Redis URL', async () => {
    expect(redact('redis://user:s3cret@cache:6379/0')).toBe('redis://***@cache:6379/0');
    const error = await rejection(readServeArgs(['--redis', 'http://u:s3cret@x'], {}, io));
    expect(error.message).not.toContain('s3cret');
  });

  it('feed-rebalancer serve --help prints the usage with every variable, and bad arguments exit 2', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const capture: CliIo = { ...io, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
    expect(await runCli(['serve', '--help'], capture)).toBe(0);
    for (const flag of [
      'port',
      'host',
      'redis',
      'redis-cluster',
      'policy',
      'taxonomy',
      'resources',
    ])
      expect(out.join('')).toContain(envName(flag));
    expect(await runCli(['serve', '--port', 'x'], capture)).toBe(2);
    expect(err.join('')).toMatch(/--port must be a whole number/);
    expect(await runCli(['serve', '--taxonomy', 'not-json.json'], capture)).toBe(2);
  });
});
