/**
 * The feed-rebalancer HTTP server: `feed-rebalancer/server`. A Fastify 5 service around the
 * library — the versioned JSON API, the Prosocial Ranking Challenge's `POST /rank`, health and
 * readiness, Prometheus metrics and an OpenAPI 3.1 document — for ranking stacks in any
 * language. The `feed-rebalancer serve` command runs it; the core package never loads it.
 *
 * @packageDocumentation
 */
export { createServer } from './createServer.js';
export type { ServerOptions, ServerStoreOptions } from './createServer.js';
export type { ServerLimits } from './limits.js';
export type { ServerLoggerOptions } from './logging/loggerOptions.js';
export type { MetricsOptions } from './metrics/serverMetrics.js';
export type { PrcOptions, PrcRecoveryItem } from './prc/prcTypes.js';
