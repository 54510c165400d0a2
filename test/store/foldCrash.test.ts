import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { rb } from './fixtures.js';
import { closeClient, TARGETS, uniquePrefix } from './redisClient.js';
import { bundle, removeBundle } from './workers.js';

const BATCHES = 5;

let script: string;

beforeAll(async () => {
  script = await bundle('crashWorker');
});

afterAll(() => {
  removeBundle(script);
});

function logKey(prefix: string, userId: string): string {
  return `${prefix}{${createHash('sha256').update(userId, 'utf8').digest('base64url')}}:log`;
}

/** Runs the crash worker until it holds its write, then kills it with SIGKILL. */
function crashDuringWrite(address: string, prefix: string, mode: string, write: string) {
  return new Promise<void>((resolve, reject) => {
    const child = fork(script, [address, prefix, mode, write], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (m: { held?: boolean }) => {
      if (m.held === true) child.kill('SIGKILL');
      else reject(new Error('the worker finished its write instead of holding it'));
    });
    child.once('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the worker exited by itself (${signal})`));
    });
  });
}

describe.each(TARGETS)('RedisStateStore folds atomically on a $name', (target) => {
  let client: Redis | Cluster;

  beforeAll(async () => {
    client = await target.connect();
  });

  afterAll(async () => {
    await closeClient(client);
  });

  describe.each(['update', 'append'] as const)(
    'a writer killed (SIGKILL) during the fold of %s',
    (write) => {
      it.each(['before-write', 'reply-lost'] as const)(
        'after reading the log (%s) loses and repeats no pending event: every event is folded exactly once afterwards',
        async (mode) => {
          const prefix = uniquePrefix();
          const store = new RedisStateStore({ client, prefix, rebalancer: rb, foldEvery: 1_000 });
          for (let b = 0; b < BATCHES; b++) {
            await store.append('u', [
              { item: { id: `a${b}`, hashtags: ['#thinspo'] }, at: b * 10 },
              { item: { id: `b${b}` }, at: b * 10 + 1 },
            ]);
          }
          await crashDuringWrite(target.address(), prefix, mode, write);
          const entries = await client.llen(logKey(prefix, 'u'));
          if (mode === 'before-write') {
            // Nothing was written, so nothing left the log.
            expect(entries).toBe(BATCHES + (write === 'append' ? 1 : 0));
          } else {
            // The write landed: exactly the entries it folded left the log with it.
            expect(entries).toBe(0);
          }
          // The append's own event is stored before its fold; an update's impression only if its
          // write landed.
          const own = write === 'append' || mode === 'reply-lost' ? 1 : 0;
          const expected = 2 * BATCHES + own;
          expect((await store.get('u'))?.impressions).toBe(expected);
          // The next writer folds whatever is left, once.
          const after = await store.update('u', (s) => s!);
          expect(after.impressions).toBe(expected);
          expect(await client.llen(logKey(prefix, 'u'))).toBe(0);
          expect((await store.get('u'))?.impressions).toBe(expected);
        },
      );
    },
  );
});
