import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Rebalancer } from '../../index.js';
import { LibraryMetrics } from './libraryMetrics.js';

/**
 * Latency buckets in seconds: fine below 50 ms, where a healthy request lands, and around the
 * Prosocial Ranking Challenge's 500 ms p95 budget.
 */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * Options of the `/metrics` endpoint.
 *
 * @example
 * ```ts
 * import { Registry } from 'prom-client';
 * import type { MetricsOptions } from 'feed-rebalancer/server';
 * const metrics: MetricsOptions = { registry: new Registry(), processMetrics: false };
 * ```
 */
export interface MetricsOptions {
  /**
   * The prom-client registry the server's metrics are registered in (pass your own to expose
   * them beside others).
   * @defaultValue a new registry per server
   */
  readonly registry?: Registry;
  /**
   * Whether to add prom-client's process metrics (CPU, memory, event loop lag, garbage
   * collection) to the registry.
   * @defaultValue true
   */
  readonly processMetrics?: boolean;
}

/** The server's metrics: its registry, the request histogram and the library counters. @internal */
export interface ServerMetrics {
  readonly registry: Registry;
  readonly library: LibraryMetrics;
  /** Records one answered request. */
  request(method: string, route: string, status: number, seconds: number): void;
}

/**
 * Creates the metrics of one server: `feed_rebalancer_http_request_duration_seconds` by method,
 * route (the route's pattern, never the raw URL) and status, and the library counters.
 *
 * @internal
 */
export function createServerMetrics(rb: Rebalancer, options: MetricsOptions = {}): ServerMetrics {
  const registry = options.registry ?? new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const latency = new Histogram({
    name: 'feed_rebalancer_http_request_duration_seconds',
    help: 'Time from the start of a request to its answer, by method, route and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: BUCKETS,
    registers: [registry],
  });
  return {
    registry,
    library: new LibraryMetrics(registry, rb),
    request(method, route, status, seconds) {
      latency.observe({ method, route, status: String(status) }, seconds);
    },
  };
}
