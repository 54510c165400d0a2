import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { rb } from './fixtures.js';
import { closeClient, keysMatching, TARGETS, uniquePrefix } from './redisClient.js';
import { bundle, removeBundle, startWorkers, type Worker } from './workers.js';

const PROCESSES = 8;
const PER_PROCESS = 500;
const USERS = 200;

let script: string;

beforeAll(async () => {
  script = await bundle('worker');
});

afterAll(() => {
  removeBundle(script);
});

describe.each(TARGETS)('RedisStateStore with default settings on a $name', (target) => {
  let client: Redis | Cluster;
  let workers: Worker[];

  beforeAll(async () => {
    client = await target.connect();
    workers = await startWorkers(script, target.address(), PROCESSES);
  });

  afterAll(async () => {
    for (const w of workers ?? []) w.close();
    await closeClient(client);
  });

  for (const mode of ['append', 'update'] as const) {
    it(`${mode} from ${PROCESSES} processes × ${PER_PROCESS} single-impression calls for one user counts exactly ${PROCESSES * PER_PROCESS} impressions with no error, and ${USERS} users written in parallel by every process each count ${PROCESSES}`, async () => {
      const prefix = uniquePrefix();
      const job = { prefix, mode, perProcess: PER_PROCESS, users: USERS };
      const reports = await Promise.all(workers.map((w) => w.run(job)));
      for (const r of reports) {
        expect(r).toEqual({ sameUser: PER_PROCESS, manyUsers: USERS, errors: [] });
      }
      const store = new RedisStateStore({ client, prefix, rebalancer: rb });
      expect((await store.get('shared-user'))?.impressions).toBe(PROCESSES * PER_PROCESS);
      const counts = await Promise.all(
        Array.from({ length: USERS }, async (_, u) => (await store.get(`user-${u}`))?.impressions),
      );
      expect(counts).toEqual(Array.from({ length: USERS }, () => PROCESSES));
      // Every lease was released and every queue emptied by the writers themselves.
      for (const suffix of ['lease', 'queue', 'seen']) {
        expect(await keysMatching(client, `${prefix}*:${suffix}`)).toEqual([]);
      }
    }, 180_000);
  }
});
