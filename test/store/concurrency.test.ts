import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { connectRedis, redisPort, uniquePrefix } from './redisClient.js';

const PROCESSES = 8;
const PER_PROCESS = 500;
const USERS = 1_000;

let client: Redis;

beforeAll(async () => {
  client = await connectRedis(redisPort());
});

afterAll(async () => {
  await client?.quit();
});

interface Report {
  readonly sameUser: number;
  readonly manyUsers: number;
}

/** Forks a worker and resolves once it is connected and waiting for "go". */
function startWorker(prefix: string): Promise<{ child: ChildProcess; done: Promise<Report> }> {
  const script = fileURLToPath(new URL('./worker.ts', import.meta.url));
  const child = fork(script, [String(redisPort()), prefix, String(PER_PROCESS), String(USERS)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const done = new Promise<Report>((resolve, reject) => {
    child.on('message', (m: { ready?: boolean } & Partial<Report>) => {
      if (m.sameUser !== undefined) resolve(m as Report);
    });
    child.once('exit', (code) => {
      reject(new Error(`worker exited with code ${code}`));
    });
  });
  done.catch(() => undefined);
  return new Promise((resolve, reject) => {
    child.once('message', () => {
      resolve({ child, done });
    });
    child.once('exit', (code) => {
      reject(new Error(`worker exited with code ${code} before it was ready`));
    });
  });
}

it(`RedisStateStore.update from ${PROCESSES} processes × ${PER_PROCESS} single-impression updates of one user counts exactly ${PROCESSES * PER_PROCESS} impressions, and ${USERS} users updated in parallel by every process each count ${PROCESSES}`, async () => {
  const prefix = uniquePrefix();
  const workers = await Promise.all(Array.from({ length: PROCESSES }, () => startWorker(prefix)));
  for (const w of workers) w.child.send('go');
  const reports = await Promise.all(workers.map((w) => w.done));
  for (const r of reports) expect(r).toEqual({ sameUser: PER_PROCESS, manyUsers: USERS });

  const store = new RedisStateStore({ client, prefix });
  expect((await store.get('shared-user'))?.impressions).toBe(PROCESSES * PER_PROCESS);
  const counts = await Promise.all(
    Array.from({ length: USERS }, async (_, u) => (await store.get(`user-${u}`))?.impressions),
  );
  expect(counts).toEqual(Array.from({ length: USERS }, () => PROCESSES));
}, 120_000);
