/**
 * OpenTelemetry metrics of the library: `feed-rebalancer/otel`. Wraps a rebalancer so that it
 * records its decisions, level transitions, state restarts and durations through
 * `@opentelemetry/api` (an optional peer dependency), a no-op unless the host registers a
 * MeterProvider. The core package never loads it.
 *
 * @packageDocumentation
 */
export { instrumentRebalancer } from './instrumentRebalancer.js';
export type { InstrumentOptions } from './instrumentRebalancer.js';
export { LIBRARY_INSTRUMENTS } from './instruments.js';
export type { InstrumentDefinition } from './instruments.js';
