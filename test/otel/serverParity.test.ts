/**
 * The server's `/metrics` exposes the library's instruments: the same scripted sequence, sent as
 * requests to the server and made as calls to `instrumentRebalancer` over an OpenTelemetry SDK,
 * gives the same series with the same values, under the Prometheus names of OpenTelemetry's
 * compatibility rules.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRebalancer, presets } from '../../src/index.js';
import { instrumentRebalancer, LIBRARY_INSTRUMENTS } from '../../src/otel/index.js';
import { prometheusName } from '../../src/otel/instruments.js';
import {
  CANDIDATES,
  post,
  RECOVERY,
  send,
  T0,
  testServer,
  triggeringRun,
} from '../server/support.js';
import { metricsProbe, type MetricsProbe } from './support.js';

/** One sample line of Prometheus text: name, labels and value. */
interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[pair[1]!] = pair[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

const key = (labels: Readonly<Record<string, unknown>>): string =>
  JSON.stringify(
    Object.keys(labels)
      .filter((k) => k !== 'le')
      .sort()
      .map((k) => [k, String(labels[k])]),
  );

let probe: MetricsProbe | null = null;
afterEach(async () => {
  await probe?.shutdown();
  probe = null;
});

describe('GET /metrics and instrumentRebalancer', () => {
  it('a scripted sequence of requests shows on /metrics the series and values the OpenTelemetry SDK records for the same calls', async () => {
    const at = T0 + 13 * 15_000;
    const rebalanceA = {
      candidates: [...CANDIDATES, { id: 'c1' }],
      recovery: RECOVERY,
      size: 6,
      at,
    };
    const rebalanceB = {
      candidates: CANDIDATES,
      recovery: RECOVERY,
      at,
      profiling: false as const,
    };

    // The server, with its default policy (balanced).
    const { app } = testServer({ logger: false });
    for (const event of triggeringRun(12))
      await post(app, '/v1/impressions', { userId: 'u', events: [event] });
    expect((await post(app, '/v1/rebalance', { userId: 'u', ...rebalanceA })).status).toBe(200);
    expect((await post(app, '/v1/rebalance', rebalanceB)).status).toBe(200);
    await post(app, '/v1/assess', { userId: 'u', at });
    await post(app, '/v1/reset', { userId: 'u' });
    const text = (await send(app, 'GET', '/metrics')).json as string;

    // The library, the same calls.
    probe = metricsProbe();
    const rb = instrumentRebalancer(
      createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced }),
      { meter: probe.meter },
    );
    let state = rb.emptyState();
    for (const event of triggeringRun(12)) state = rb.observe(state, [event]);
    rb.rebalance({ ...rebalanceA, state });
    rb.rebalance(rebalanceB);
    rb.assess(state, at);
    rb.reset(state);
    const points = await probe.read();

    const samples = parseSamples(text);
    let compared = 0;
    for (const definition of Object.values(LIBRARY_INSTRUMENTS)) {
      const name = prometheusName(definition);
      const otel = points.get(definition.name) ?? [];
      expect(otel.length).toBeGreaterThan(0);
      if (definition.kind === 'counter') {
        const prom = new Map(
          samples.filter((s) => s.name === name).map((s) => [key(s.labels), s.value]),
        );
        const recorded = new Map(otel.map((p) => [key(p.attributes), p.value as number]));
        expect(prom, name).toEqual(recorded);
        compared += prom.size;
      } else {
        const counts = new Map(
          samples.filter((s) => s.name === `${name}_count`).map((s) => [key(s.labels), s.value]),
        );
        const recorded = new Map(
          otel.map((p) => [key(p.attributes), (p.value as { count: number }).count]),
        );
        expect(counts, name).toEqual(recorded);
        const bounds = samples
          .filter((s) => s.name === `${name}_bucket` && s.labels.le !== '+Inf')
          .map((s) => Number(s.labels.le));
        expect(bounds.slice(0, definition.buckets.length)).toEqual(definition.buckets);
        compared += counts.size;
      }
    }
    // Transitions (3), restarts (3 zero series), slots changed, drops (3 kinds), recovery (3),
    // interventions and durations: every one compared, none empty.
    expect(compared).toBeGreaterThanOrEqual(14);
    expect(samples.find((s) => s.name === 'feed_rebalancer_slots_changed_total')?.value).toBe(
      points.get(LIBRARY_INSTRUMENTS.slotsChanged.name)![0]!.value as number,
    );
  });
});
