import { Counter, Histogram, type Registry } from 'prom-client';
import { prometheusName } from '../../otel/instruments.js';
import type { InstrumentFactory, MetricAttributes } from '../../otel/libraryInstruments.js';

/**
 * The library's instruments as prom-client series in the server's registry, named by
 * OpenTelemetry's Prometheus compatibility rules (`feed_rebalancer.dropped_items` →
 * `feed_rebalancer_dropped_items_total`, `feed_rebalancer.rebalance.duration` in `s` →
 * `feed_rebalancer_rebalance_duration_seconds`), so that `/metrics` shows what an OpenTelemetry
 * Prometheus exporter would show for `instrumentRebalancer`. A bridge rather than an OpenTelemetry
 * SDK with its Prometheus exporter in the server: one registry keeps serving `/metrics` (process
 * metrics, request latency, the library), a host's own `MetricsOptions.registry` receives the
 * library series too, and the server adds no dependency.
 *
 * @internal
 */
export function promFactory(registry: Registry): InstrumentFactory {
  const registers = [registry];
  return {
    counter(d) {
      const counter = new Counter({
        name: prometheusName(d),
        help: d.description,
        labelNames: [...d.attributes],
        registers,
      });
      return {
        add: (value, attributes) => {
          counter.inc(labels(attributes), value);
        },
      };
    },
    histogram(d) {
      const histogram = new Histogram({
        name: prometheusName(d),
        help: d.description,
        labelNames: [...d.attributes],
        buckets: [...(d.buckets ?? [])],
        registers,
      });
      return {
        record: (value, attributes) => {
          histogram.observe(labels(attributes), value);
        },
      };
    },
  };
}

/** Prometheus label values are strings: `true` is written as OpenTelemetry's exporter writes it. */
function labels(attributes: MetricAttributes): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in attributes) out[key] = String(attributes[key]);
  return out;
}
