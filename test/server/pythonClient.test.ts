import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testServer } from './support.js';

const CLIENT = fileURLToPath(new URL('../../examples/clients/python/client.py', import.meta.url));

const { app } = testServer({ logger: false });
let base: string;
beforeAll(async () => {
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
});

function run(args: readonly string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [CLIENT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, out, err });
    });
  });
}

it('examples/clients/python/client.py (standard library only) passes its checks against the server', async () => {
  const { code, out, err } = await run(['--base-url', base]);
  expect(err).toBe('');
  expect(code).toBe(0);
  expect(out).toMatch(/^assess: 30 impressions, eating-disorder sustained$/m);
  expect(out).toMatch(/^rebalance: 10 slots; /m);
  expect(out).toMatch(/^bad request: 400 item at 'candidates\[0\]\.id'/m);
  expect(out).toContain('all checks passed');
});

it('the Python client exits with 1 and says why when the server cannot be reached', async () => {
  const { code, err } = await run(['--base-url', 'http://127.0.0.1:9']);
  expect(code).toBe(1);
  expect(err).toMatch(/^FAILED: /);
});
