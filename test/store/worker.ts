/**
 * A separate Node process for the multi-process store tests. It connects to Redis (one server
 * or a cluster), says it is ready, then runs each job the parent sends: `perProcess` writes to
 * one shared user, one after the other — `append` of one impression, or `update` observing one
 * impression — then one write to each of `users` users, all at the same time. The store has
 * DEFAULT settings. It reports how many calls succeeded and the codes of those that failed.
 * A message `{ exit: true }` ends it.
 *
 * argv: address (`single:PORT` or `cluster:host:port,…`).
 */
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { RedisStateStore } from '../../src/store/redis/index.js';
import { rb, seen } from './fixtures.js';
import { closeClient, connectAddress } from './redisClient.js';

/** A job from the parent. */
export interface WorkerJob {
  readonly prefix: string;
  readonly mode: 'append' | 'update';
  readonly perProcess: number;
  readonly users: number;
}

/** What the worker reports for a job. */
export interface WorkerReport {
  readonly sameUser: number;
  readonly manyUsers: number;
  readonly errors: readonly string[];
}

const client = await connectAddress(process.argv[2]!);

const codeOf = (error: unknown) =>
  error instanceof RebalanceError ? error.code : String(error).slice(0, 200);

async function run(job: WorkerJob): Promise<WorkerReport> {
  const store = new RedisStateStore({ client, prefix: job.prefix, rebalancer: rb });
  const write = (userId: string, i: number) =>
    job.mode === 'append'
      ? store.append(userId, { item: { id: `seen-${i}`, hashtags: ['#thinspo'] }, at: i })
      : store.update(userId, (s) => seen(s, i));
  const errors: string[] = [];
  let sameUser = 0;
  for (let i = 0; i < job.perProcess; i++) {
    try {
      await write('shared-user', i);
      sameUser++;
    } catch (error) {
      errors.push(codeOf(error));
    }
  }
  const results = await Promise.allSettled(
    Array.from({ length: job.users }, (_, u) => write(`user-${u}`, u)),
  );
  for (const r of results) if (r.status === 'rejected') errors.push(codeOf(r.reason));
  const manyUsers = results.filter((r) => r.status === 'fulfilled').length;
  return { sameUser, manyUsers, errors };
}

process.on('message', (message: WorkerJob | { exit: true }) => {
  if ('exit' in message) {
    void closeClient(client).then(() => {
      process.disconnect();
    });
    return;
  }
  void run(message).then((report) => process.send!(report));
});
process.send!({ ready: true });
