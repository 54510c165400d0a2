import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type DataPoint,
  type Histogram,
} from '@opentelemetry/sdk-metrics';
import type { Meter } from '@opentelemetry/api';

/** One exported data point: its attributes and its value (a number, or a histogram). */
export interface Point {
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly value: number | Histogram;
}

/** A meter of an OpenTelemetry SDK whose metrics are read back through the in-memory exporter. */
export interface MetricsProbe {
  readonly meter: Meter;
  /** Exports now and returns every data point by instrument name. */
  read(): Promise<Map<string, Point[]>>;
  /** The value of a counter's data point with exactly these attributes (0 when absent). */
  counter(points: Map<string, Point[]>, name: string, attributes: Record<string, unknown>): number;
  /** The histogram data point with exactly these attributes. */
  histogram(
    points: Map<string, Point[]>,
    name: string,
    attributes: Record<string, unknown>,
  ): Histogram | undefined;
  shutdown(): Promise<void>;
}

const same = (a: Readonly<Record<string, unknown>>, b: Record<string, unknown>): boolean =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.keys(b).every((key) => a[key] === b[key]);

export function metricsProbe(): MetricsProbe {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // A long interval: the test exports by forceFlush, never on a timer.
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  return {
    meter: provider.getMeter('test'),
    async read() {
      exporter.reset();
      await reader.forceFlush();
      const points = new Map<string, Point[]>();
      for (const resource of exporter.getMetrics())
        for (const scope of resource.scopeMetrics)
          for (const metric of scope.metrics)
            points.set(
              metric.descriptor.name,
              (metric.dataPoints as DataPoint<number | Histogram>[]).map((p) => ({
                attributes: p.attributes,
                value: p.value,
              })),
            );
      return points;
    },
    counter(points, name, attributes) {
      const point = points.get(name)?.find((p) => same(p.attributes, attributes));
      return point === undefined ? 0 : (point.value as number);
    },
    histogram(points, name, attributes) {
      const point = points.get(name)?.find((p) => same(p.attributes, attributes));
      return point?.value as Histogram | undefined;
    },
    shutdown: () => provider.shutdown(),
  };
}
