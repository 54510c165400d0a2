import type { Meter } from '@opentelemetry/api';
import type { InstrumentFactory } from './libraryInstruments.js';

/**
 * Instruments created with an OpenTelemetry meter, with the definitions' names, units and
 * descriptions; a histogram passes its buckets as advice (`explicitBucketBoundaries`), which an
 * SDK applies unless a view says otherwise.
 *
 * @internal
 */
export function meterFactory(meter: Meter): InstrumentFactory {
  return {
    counter: (d) => meter.createCounter(d.name, { description: d.description, unit: d.unit }),
    histogram: (d) =>
      meter.createHistogram(d.name, {
        description: d.description,
        unit: d.unit,
        ...(d.buckets === undefined
          ? {}
          : { advice: { explicitBucketBoundaries: [...d.buckets] } }),
      }),
  };
}
