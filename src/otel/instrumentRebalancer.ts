import { metrics, type Meter } from '@opentelemetry/api';
import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';
import type { Rebalancer } from '../index.js';
import { LibraryInstruments } from './libraryInstruments.js';
import { meterFactory } from './meterFactory.js';
import { meterRebalancer } from './meterRebalancer.js';

/**
 * Options of {@link instrumentRebalancer}.
 *
 * @example
 * ```ts
 * import { metrics } from '@opentelemetry/api';
 * import type { InstrumentOptions } from 'feed-rebalancer/otel';
 * const options: InstrumentOptions = { meter: metrics.getMeter('my-feed-service') };
 * ```
 */
export interface InstrumentOptions {
  /**
   * The meter the instruments are created with.
   *
   * @defaultValue `metrics.getMeter('feed-rebalancer')` of `@opentelemetry/api`: the global
   *   MeterProvider's, a no-op unless the host has registered one before this call
   */
  readonly meter?: Meter;
}

const API = 'instrumentRebalancer';

/**
 * Wraps a rebalancer so that it records the library's OpenTelemetry metrics
 * (`LIBRARY_INSTRUMENTS`, docs/metrics.md): per `rebalance` call its duration, the slots it
 * changed, the candidates it dropped by reason and the recovery items it served (all read from
 * the result's `decision`, so in shadow mode what the policy would have done, marked
 * `shadow: true`); the interventions `rebalance` and `assess` suggest; and the level
 * transitions and state restarts of the states `observe`, `reset` and `parseState` return,
 * against the state they were given. The wrapper returns exactly what `rb` returns.
 *
 * Through `@opentelemetry/api` only (an optional peer dependency): without a registered
 * MeterProvider every instrument is a no-op. Instruments are created once, here, so register
 * the provider first or pass `meter`.
 *
 * @param rb - the rebalancer to wrap
 * @param options - the meter
 * @returns a rebalancer with the same behaviour that records metrics
 * @throws RebalanceError with code `argument` when `rb` is not a rebalancer or `meter` not a meter
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { instrumentRebalancer } from 'feed-rebalancer/otel';
 * const rb = instrumentRebalancer(
 *   createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced }),
 * );
 * rb.rebalance({ candidates: [{ id: 'a' }], state: rb.emptyState(), at: 0 });
 * ```
 */
export function instrumentRebalancer(rb: Rebalancer, options: InstrumentOptions = {}): Rebalancer {
  if (
    typeof rb !== 'object' ||
    rb === null ||
    typeof rb.rebalance !== 'function' ||
    !Array.isArray(rb.groups)
  )
    throw new RebalanceError(
      'argument',
      `${API}: rb must be a rebalancer made by createRebalancer (got ${describeValue(rb)})`,
      'rb',
    );
  const meter = options.meter ?? metrics.getMeter('feed-rebalancer');
  if (typeof meter !== 'object' || meter === null || typeof meter.createCounter !== 'function')
    throw new RebalanceError(
      'argument',
      `${API}: options.meter must be an OpenTelemetry Meter (got ${describeValue(meter)})`,
      'meter',
    );
  const instruments = new LibraryInstruments(meterFactory(meter), rb);
  return meterRebalancer(rb, instruments, { interventions: true, states: true });
}
