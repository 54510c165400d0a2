/**
 * What the shard tests share: partials carried as files carry them, a merge's refusal, and the
 * real command run in its own process.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { RebalanceError } from '../../src/index.js';
import type { PartialResult } from '../../src/simulate/index.js';

/** A partial as a file carries it: through JSON text. */
export const viaJson = (p: PartialResult): Record<string, unknown> =>
  JSON.parse(JSON.stringify(p)) as Record<string, unknown>;

/** The `argument` error `work` throws; the test fails if it throws another or none. */
export function refusal(work: () => unknown): RebalanceError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(RebalanceError);
    expect((error as RebalanceError).code).toBe('argument');
    return error as RebalanceError;
  }
  return expect.unreachable('merged bad partials');
}

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'src/cli/main.ts');

/** Runs the real command in its own Node process through tsx, as a cluster's job would. */
export function feedRebalancer(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.on('error', fail);
    child.on('close', (status) => {
      done({ status, stderr });
    });
  });
}
