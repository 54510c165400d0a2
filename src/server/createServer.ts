import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  createRebalancer,
  MemoryStateStore,
  presets,
  type Rebalancer,
  type RebalancerOptions,
  type StateStore,
  type UserState,
} from '../index.js';
import type { ServerContext } from './context.js';
import { installErrorHandling, type LoggedError } from './errors/installErrorHandling.js';
import { resolveLimits, type ServerLimits } from './limits.js';
import { installRequestLog } from './logging/installRequestLog.js';
import { loggerOptions, type ServerLoggerOptions } from './logging/loggerOptions.js';
import { userIdHasher } from './logging/userIdHasher.js';
import { createServerMetrics, type MetricsOptions } from './metrics/serverMetrics.js';
import { buildOpenApi } from './openapi/buildOpenApi.js';
import type { PrcOptions } from './prc/prcTypes.js';
import { readPrcPool } from './prc/readPrcPool.js';
import { keepMatcher, textTopics } from './prc/keptMatcher.js';
import { readTextMemo } from './prc/TextTopics.js';
import { operationsRoutes } from './routes/operationsRoutes.js';
import { rankRoute } from './routes/rankRoute.js';
import type { RouteSpec } from './routes/routeSpec.js';
import { v1ReadRoutes } from './routes/v1ReadRoutes.js';
import { v1WriteRoutes } from './routes/v1WriteRoutes.js';
import { AJV_OPTIONS } from './schemas/ajvOptions.js';
import { SHARED_SCHEMAS } from './schemas/sharedSchemas.js';
import { countWrites } from './store/countWrites.js';
import { meterRebalancer } from '../otel/meterRebalancer.js';
import { UserStates } from './store/userStates.js';

/**
 * Options of {@link createServer}. Every field is optional: `createServer()` serves the
 * `balanced` policy on the default taxonomy with states in memory.
 *
 * @example
 * ```ts
 * import { presets } from 'feed-rebalancer';
 * import type { ServerOptions } from 'feed-rebalancer/server';
 * const options: ServerOptions = {
 *   rebalancer: { taxonomy: presets.taxonomies.default, policy: presets.policies.protective },
 *   limits: { candidates: 500 },
 *   logger: { level: 'warn' },
 * };
 * ```
 */
export interface ServerOptions {
  /**
   * The taxonomy, policy, matcher and resources of the rebalancer the server runs.
   * @defaultValue `{ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced }`
   */
  readonly rebalancer?: RebalancerOptions;
  /**
   * Where users' states live: a function that builds the store from the options the server
   * needs every store to have — the rebalancer that folds appended events, and the `onWrite`
   * listener that counts level transitions and state restarts for `/metrics` (spread them into
   * the store's options) — or a store built elsewhere (its writes are then not counted). The
   * server never closes it.
   * @defaultValue `(options) => new MemoryStateStore(options)`
   */
  readonly store?: StateStore | ((options: ServerStoreOptions) => StateStore);
  /**
   * What `GET /readyz` waits for: resolves when the store answers, rejects when it does not
   * (for Redis, `() => client.ping()`).
   * @defaultValue a read of the state of a probe user id
   */
  readonly checkStore?: () => Promise<unknown>;
  /**
   * Logging; `false` turns it off.
   * @defaultValue `{ level: 'info' }` to standard output
   */
  readonly logger?: ServerLoggerOptions | false;
  /**
   * Size limits of requests.
   * @defaultValue see {@link ServerLimits}
   */
  readonly limits?: ServerLimits;
  /**
   * Options of the Prosocial Ranking Challenge's `POST /rank`.
   * @defaultValue `{}` (no recovery items to insert)
   */
  readonly prc?: PrcOptions;
  /**
   * Options of `GET /metrics`.
   * @defaultValue a registry of the server's own, with process metrics
   */
  readonly metrics?: MetricsOptions;
  /**
   * The clock for requests that give no time (ms since the epoch).
   * @defaultValue `Date.now`
   */
  readonly now?: () => number;
}

/**
 * What `createServer` gives a store factory (`store: (options) => …`): the options every store
 * of the server must be built with. Spread them into the store's own options, so that the store
 * folds appended events with the server's rebalancer and reports each write to the server's
 * counters.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { RedisStateStore } from 'feed-rebalancer/redis';
 * import { createServer, type ServerStoreOptions } from 'feed-rebalancer/server';
 * const client = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
 * const server = createServer({
 *   store: (options: ServerStoreOptions) => new RedisStateStore({ client, ...options }),
 *   checkStore: () => client.ping(),
 * });
 * ```
 */
export interface ServerStoreOptions {
  /** The server's rebalancer: the store folds appended events with its `observe`. */
  readonly rebalancer: Rebalancer;
  /**
   * Counts the level transitions and state restarts of each state the store writes, and the
   * levels an erasure ends, once per write (the stores' `onWrite` option).
   */
  readonly onWrite: (before: UserState | undefined, after: UserState | undefined) => void;
}

/** A user id no one has: the default readiness check reads its state. */
const PROBE_USER = 'feed-rebalancer:readiness-probe';

/**
 * Creates the feed-rebalancer HTTP server (Fastify 5): the versioned JSON API under `/v1`, the
 * Prosocial Ranking Challenge's `POST /rank`, `/healthz`, `/readyz`, Prometheus `/metrics` and
 * the OpenAPI 3.1 document at `/openapi.json`. Every route validates its request with the JSON
 * Schema the document shows and answers errors as `{ error: { code, path, message } }`. The
 * server is returned ready to `listen`; `close()` stops accepting connections and waits for the
 * requests in flight.
 *
 * @param options - rebalancer, store, logging, limits; all optional
 * @returns the Fastify instance, not yet listening
 * @throws RebalanceError with code `policy`, `taxonomy` or `resources` for a bad rebalancer
 *   option, `item` for a bad challenge recovery item, `argument` for a bad limit
 *
 * @example
 * ```ts
 * import { createServer } from 'feed-rebalancer/server';
 * const server = createServer({ logger: false });
 * const base = await server.listen({ port: 0, host: '127.0.0.1' });
 * const response = await fetch(`${base}/v1/rebalance`, {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify({ userId: 'u1', candidates: [{ id: 'a' }, { id: 'b', hashtags: ['#thinspo'] }] }),
 * });
 * console.log((await response.json()).explanation);
 * await server.close();
 * ```
 */
export function createServer(options: ServerOptions = {}): FastifyInstance {
  const api = 'createServer';
  const matching = keepMatcher(
    options.rebalancer ?? {
      taxonomy: presets.taxonomies.default,
      policy: presets.policies.balanced,
    },
  );
  const rb = createRebalancer(matching.options);
  const limits = resolveLimits(options.limits, api);
  const metrics = createServerMetrics(rb, options.metrics);
  const storeOptions: ServerStoreOptions = {
    rebalancer: rb,
    onWrite: countWrites(metrics.library),
  };
  const store =
    typeof options.store === 'function'
      ? options.store(storeOptions)
      : (options.store ?? new MemoryStateStore(storeOptions));
  const prcPool = readPrcPool(options.prc, rb, api);
  const users = new WeakMap<FastifyRequest, string>();
  const errors = new WeakMap<FastifyRequest, LoggedError>();
  const ctx: ServerContext = {
    // Each rebalance call is counted (duration, slots changed, drops, recovery) as
    // instrumentRebalancer counts it; transitions and restarts are counted by the store's
    // onWrite, once per state written, and interventions by the routes that return them.
    rb: meterRebalancer(rb, metrics.library.instruments, { interventions: false, states: false }),
    states: new UserStates(store, rb, metrics.library),
    metrics,
    limits,
    now: options.now ?? Date.now,
    prcPool,
    textTopics: textTopics(matching.matcher(), readTextMemo(options.prc, api)),
    checkStore: options.checkStore ?? (() => store.get(PROBE_USER)),
    noteUser: (request, userId) => {
      users.set(request, userId);
    },
  };

  const app = Fastify({
    logger: loggerOptions(options.logger),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: limits.bodyBytes,
    exposeHeadRoutes: false,
    // Requests that arrive while closing get the error envelope (installErrorHandling).
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    // A user id of 1,024 characters, percent-encoded, fits in a path parameter.
    routerOptions: { maxParamLength: 12 * 1024 },
    ajv: { customOptions: AJV_OPTIONS },
  });
  // Every body is JSON: a text/plain body is refused with 415 rather than read as a string.
  app.removeContentTypeParser('text/plain');
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);

  let document = '';
  const routes: RouteSpec[] = [
    ...v1ReadRoutes(ctx),
    ...v1WriteRoutes(ctx),
    rankRoute(ctx),
    ...operationsRoutes(ctx, () => document),
  ];
  document = JSON.stringify(buildOpenApi(routes, SHARED_SCHEMAS));
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      schema: {
        ...(route.body === undefined ? {} : { body: route.body }),
        ...(route.params === undefined ? {} : { params: route.params }),
        response: responseSchemas(route),
      },
      config: { spec: route },
      handler: route.handler,
    });
  }
  installErrorHandling(app, routes, errors);
  installRequestLog(
    app,
    metrics,
    users,
    errors,
    userIdHasher(options.logger ? options.logger.userIdKey : undefined),
  );
  return app;
}

/** The schemas Fastify serialises answers with: all but a preserialised 200 body. */
function responseSchemas(route: RouteSpec): Record<number, unknown> {
  const schemas: Record<number, unknown> = {};
  for (const [status, response] of Object.entries(route.responses))
    if (status !== '200' || route.preserialized !== true) schemas[Number(status)] = response.schema;
  return schemas;
}
