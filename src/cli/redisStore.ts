import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { RebalanceError } from '../errors/RebalanceError.js';
import type { ServerStoreOptions } from '../server/createServer.js';
import type { StateStore } from '../store/types.js';
import { redact, type StoreChoice } from './serveArgs.js';

/** A Redis-backed store for `serve`, with what the server needs around it. @internal */
export interface RedisBacking {
  /** Builds the store with the options the server gives (its rebalancer and write counter). */
  readonly store: (options: ServerStoreOptions) => StateStore;
  /** Resolves when Redis answers a PING. */
  readonly ping: () => Promise<unknown>;
  /** Closes the connection: QUIT, or a hard disconnect when Redis does not answer. */
  readonly close: () => Promise<void>;
  /** How the start-up log names it, without credentials. */
  readonly label: string;
}

/** Bounds a hung server: a command without an answer in this time fails with a `store` error. */
const COMMAND_TIMEOUT_MS = 2_000;

/** Logs connection changes once each, not once per reconnection attempt. */
export interface ConnectionLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Connects to Redis (one server, or a cluster from its node URLs) for `serve`. The client is
 * created with `enableOfflineQueue: false` and `maxRetriesPerRequest: 0`: while Redis is down a
 * request fails at once with a `store` error (503) instead of waiting in ioredis's queues, and
 * ioredis reconnects in the background, so requests succeed again as soon as Redis is back. The
 * connection is not awaited: the server starts, and `/readyz` answers 503 until Redis answers.
 * `ioredis` is an optional peer dependency, loaded only here.
 *
 * @throws RebalanceError with code `argument` when ioredis is not installed
 * @internal
 */
export async function connectRedis(
  choice: Exclude<StoreChoice, { kind: 'memory' }>,
  log: ConnectionLog,
): Promise<RedisBacking> {
  let ioredis: typeof import('ioredis');
  let redisStore: typeof import('../store/redis/index.js');
  try {
    ioredis = await import('ioredis');
    redisStore = await import('../store/redis/index.js');
  } catch (error) {
    throw new RebalanceError(
      'argument',
      `serve: --${choice.kind === 'redis' ? 'redis' : 'redis-cluster'} needs the ioredis package (npm install ioredis)`,
      choice.kind === 'redis' ? 'redis' : 'redis-cluster',
      { cause: error },
    );
  }
  const failFast: RedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
  };
  let client: Redis | Cluster;
  let label: string;
  if (choice.kind === 'redis') {
    client = new ioredis.Redis(choice.url, failFast);
    label = `redis ${redact(choice.url)}`;
  } else {
    const first = new URL(choice.urls[0]!);
    const nodes = choice.urls.map((u) => {
      const url = new URL(u);
      return { host: url.hostname, port: url.port === '' ? 6379 : Number(url.port) };
    });
    // Fail fast both while the cluster is not ready and while one of its nodes reconnects.
    client = new ioredis.Cluster(nodes, {
      enableOfflineQueue: false,
      redisOptions: {
        ...failFast,
        ...(first.username === '' ? {} : { username: decodeURIComponent(first.username) }),
        ...(first.password === '' ? {} : { password: decodeURIComponent(first.password) }),
        ...(first.protocol === 'rediss:' ? { tls: {} } : {}),
      },
    });
    label = `redis cluster ${choice.urls.map(redact).join(',')}`;
  }
  // null until the first connection attempt settles: the first failure is reported too.
  let healthy: boolean | null = null;
  client.on('ready', () => {
    healthy = true;
    log.info(`${label}: connected`);
  });
  client.on('error', (error: Error) => {
    if (healthy === false) return;
    healthy = false;
    log.warn(`${label}: unreachable (${error.message}); reconnecting in the background`);
  });
  return {
    store: (options: ServerStoreOptions) => new redisStore.RedisStateStore({ client, ...options }),
    ping: () => client.ping(),
    close: async () => {
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
    label,
  };
}
