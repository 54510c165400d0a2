import { createEvasiveMatcher, RebalanceError, type RebalancerOptions } from '../index.js';
import type { PrcRecoveryItem, ServerOptions } from '../server/index.js';
import type { CliIo } from './io.js';
import { connectRedis, type RedisBacking } from './redisStore.js';
import { envName, readServeArgs, type ServeArgs } from './serveArgs.js';

/** Usage of `feed-rebalancer serve`. @internal */
export const SERVE_USAGE = `Usage: feed-rebalancer serve [options]

Runs the feed-rebalancer HTTP server: the JSON API under /v1, the Prosocial Ranking
Challenge's POST /rank, /healthz, /readyz, /metrics and /openapi.json. Logs are JSON lines on
stdout; user ids are never logged in clear. SIGTERM or SIGINT stops it gracefully: it stops
accepting connections, finishes the requests in flight, closes the store and exits with 0.

Options (each also read from the environment variable shown; a flag wins):
  --port N              ${envName('port')}          port, 0 for any free one (default 3000)
  --host H              ${envName('host')}          address to listen on (default 127.0.0.1)
  --redis URL           ${envName('redis')}         keep states in Redis (redis:// or rediss://)
  --redis-cluster URLS  ${envName('redis-cluster')} keep states in a Redis cluster: node URLs, comma-separated
  --policy P            ${envName('policy')}        a preset (off, dispersion, balanced, protective,
                                                minor) or a JSON policy file (default: balanced)
  --taxonomy FILE       ${envName('taxonomy')}      a JSON taxonomy file (default: the default taxonomy)
  --matcher M           ${envName('matcher')}       exact or evasive (default: exact)
  --resources FILE      ${envName('resources')}     a JSON array of support resources
  --prc-recovery FILE   ${envName('prc-recovery')}  a JSON array of recovery items with URLs,
                                                inserted into POST /rank feeds as new_items
  --log-level L         ${envName('log-level')}     fatal, error, warn, info, debug, trace or
                                                silent (default: info)
  --body-limit BYTES    ${envName('body-limit')}    largest request body (default 4194304)
  --max-items N         ${envName('max-items')}     most candidates, recovery items, events or
                                                challenge items in one request (default 1000)
  -h, --help            show this help

${envName('log-key')} sets the secret key of the hash that stands for user ids in logs
(default: a random key per process). States are kept in memory unless a Redis URL is given.

Exit codes: 0 stopped by a signal, 1 the server failed, 2 bad arguments.
`;

/** Where the command learns it must stop: the process, or an emitter in tests. @internal */
export interface SignalSource {
  on(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  removeListener(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
}

/**
 * `feed-rebalancer serve`: starts the server and runs until SIGTERM or SIGINT, then stops
 * gracefully — no new connections, the requests in flight answered, the store's connection
 * closed — and returns 0. A second signal while stopping closes the remaining connections at
 * once and returns 1.
 *
 * @returns the exit code
 * @throws RebalanceError with code `argument` or `policy` for bad arguments or files (exit code 2)
 * @internal
 */
export async function runServe(
  args: readonly string[],
  io: CliIo,
  env: Readonly<Record<string, string | undefined>> = process.env,
  signals: SignalSource = process,
): Promise<number> {
  const parsed = await readServeArgs(args, env, io);
  if (parsed.help) {
    io.stdout(SERVE_USAGE);
    return 0;
  }
  const rebalancer: RebalancerOptions = {
    taxonomy: parsed.taxonomy.value,
    policy: parsed.policy.value,
    ...(parsed.matcher === 'evasive'
      ? { matcher: (entries) => createEvasiveMatcher(entries) }
      : {}),
    ...(parsed.resources === null ? {} : { resources: parsed.resources.value }),
  };
  let redis: RedisBacking | null = null;
  let logLine: (level: 'info' | 'warn', message: string) => void = () => undefined;
  if (parsed.store.kind !== 'memory') {
    redis = await connectRedis(parsed.store, {
      info: (message) => {
        logLine('info', message);
      },
      warn: (message) => {
        logLine('warn', message);
      },
    });
  }
  // Imported here, not at the top: the bundled command line loads the server subpath, and with
  // it Fastify, only for `serve`.
  const { createServer } = await import('../server/index.js');
  let app;
  try {
    app = createServer(serverOptions(parsed, rebalancer, redis));
  } catch (error) {
    await redis?.close();
    throw asArgumentError(error, parsed);
  }
  logLine = (level, message) => {
    app.log[level](message);
  };
  const stopped = waitForSignal(signals);
  try {
    await app.listen({ port: parsed.port, host: parsed.host });
  } catch (error) {
    await redis?.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : parsed.port;
  const host = parsed.host.includes(':') ? `[${parsed.host}]` : parsed.host;
  app.log.info(
    {
      url: `http://${host}:${port}`,
      policy: parsed.policy.label,
      taxonomy: parsed.taxonomy.label,
      matcher: parsed.matcher,
      resources: parsed.resources?.label ?? 'none',
      store: redis?.label ?? 'memory',
    },
    'feed-rebalancer serve: listening',
  );
  const signal = await stopped.first;
  app.log.info({ signal }, 'feed-rebalancer serve: shutting down');
  let forced = false;
  stopped.onAgain(() => {
    forced = true;
    app.log.warn('feed-rebalancer serve: second signal, closing the open connections');
    app.server.closeAllConnections();
  });
  await app.close();
  await redis?.close();
  stopped.dispose();
  app.log.info('feed-rebalancer serve: stopped');
  return forced ? 1 : 0;
}

function serverOptions(
  parsed: ServeArgs,
  rebalancer: RebalancerOptions,
  redis: RedisBacking | null,
): ServerOptions {
  const items = parsed.maxItems;
  return {
    rebalancer,
    logger: { level: parsed.logLevel, userIdKey: parsed.logKey },
    limits: {
      ...(parsed.bodyLimit === undefined ? {} : { bodyBytes: parsed.bodyLimit }),
      ...(items === undefined
        ? {}
        : { candidates: items, recovery: items, events: items, rankItems: items }),
    },
    ...(redis === null ? {} : { store: redis.store, checkStore: redis.ping }),
    ...(parsed.prcRecovery === null
      ? {}
      : {
          prc: {
            recovery: parsed.prcRecovery.value as readonly PrcRecoveryItem[],
          },
        }),
  };
}

/** A configuration file the library refuses is a bad argument: name the flag and the file. */
function asArgumentError(error: unknown, parsed: ServeArgs): unknown {
  if (!(error instanceof RebalanceError)) return error;
  const flag =
    error.code === 'taxonomy'
      ? `--taxonomy ${parsed.taxonomy.label}`
      : error.code === 'resources'
        ? `--resources ${parsed.resources?.label ?? ''}`
        : error.code === 'item'
          ? `--prc-recovery ${parsed.prcRecovery?.label ?? ''}`
          : null;
  if (flag === null) return error;
  return new RebalanceError('argument', `serve ${flag}: ${error.message}`, error.path, {
    cause: error,
  });
}

/**
 * The first of SIGTERM and SIGINT, and a hook for any later one. The listeners stay registered
 * until `dispose`: between two signals the process never falls back to the default action (being
 * killed), which a listener removed after the first signal would allow.
 */
function waitForSignal(signals: SignalSource): {
  first: Promise<string>;
  onAgain(listener: () => void): void;
  dispose(): void;
} {
  let received: string | null = null;
  let again: () => void = () => undefined;
  let resolveFirst: (name: string) => void = () => undefined;
  const first = new Promise<string>((resolve) => {
    resolveFirst = resolve;
  });
  const handlers = (['SIGTERM', 'SIGINT'] as const).map((name) => {
    const handler = (): void => {
      if (received === null) {
        received = name;
        resolveFirst(name);
      } else again();
    };
    signals.on(name, handler);
    return [name, handler] as const;
  });
  return {
    first,
    onAgain: (listener) => {
      again = listener;
    },
    dispose: () => {
      for (const [name, handler] of handlers) signals.removeListener(name, handler);
    },
  };
}
