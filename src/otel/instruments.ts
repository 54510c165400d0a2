/**
 * One instrument of the library's metrics: its OpenTelemetry name, kind, unit, description and
 * attribute keys. The table {@link LIBRARY_INSTRUMENTS} is the single source of both the
 * OpenTelemetry instruments (`instrumentRebalancer`) and the server's Prometheus series.
 *
 * @example
 * ```ts
 * import { LIBRARY_INSTRUMENTS, type InstrumentDefinition } from 'feed-rebalancer/otel';
 * const all: InstrumentDefinition[] = Object.values(LIBRARY_INSTRUMENTS);
 * for (const i of all) console.log(i.name, i.unit, i.attributes.join(','));
 * ```
 */
export interface InstrumentDefinition {
  /** The OpenTelemetry instrument name. */
  readonly name: string;
  /** A monotonic counter, or a histogram. */
  readonly kind: 'counter' | 'histogram';
  /** UCUM unit; an annotation in braces (`{item}`) names what is counted. */
  readonly unit: string;
  readonly description: string;
  /** The attribute keys its data points may carry. */
  readonly attributes: readonly string[];
  /** Explicit bucket boundaries of a histogram, in its unit (advice to the SDK). */
  readonly buckets?: readonly number[];
}

/**
 * Bucket boundaries of the rebalance duration, in seconds: a request of 500 candidates takes
 * tens of microseconds, so the buckets start at 10 µs and reach the 0.5 s budget of a whole
 * ranking request (the Prosocial Ranking Challenge's p95).
 */
const DURATION_BUCKETS = [
  0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
  0.25, 0.5,
];

/**
 * The library's instruments. Attribute values come from closed sets — the taxonomy's group ids,
 * levels, reason kinds, intervention kinds — so no input can grow the number of series.
 * `shadow: true` marks what a request in shadow mode would have done; the attribute is absent
 * otherwise.
 *
 * @example
 * ```ts
 * import { LIBRARY_INSTRUMENTS } from 'feed-rebalancer/otel';
 * console.log(LIBRARY_INSTRUMENTS.rebalanceDuration.name); // 'feed_rebalancer.rebalance.duration'
 * ```
 */
export const LIBRARY_INSTRUMENTS = Object.freeze({
  levelTransitions: {
    name: 'feed_rebalancer.level_transitions',
    kind: 'counter',
    unit: '{transition}',
    description:
      'Changes of a group level in a user state, by group and levels, counted once per state written (or erased); users at a level = sum(to) - sum(from).',
    attributes: ['group', 'from', 'to'],
  },
  stateRestarts: {
    name: 'feed_rebalancer.state_restarts',
    kind: 'counter',
    unit: '{restart}',
    description:
      'Group statistics started afresh because the detector changed since the state was stored, by group.',
    attributes: ['group'],
  },
  slotsChanged: {
    name: 'feed_rebalancer.slots_changed',
    kind: 'counter',
    unit: '{slot}',
    description:
      "Slots of the served feed that differ from the host's order (Decision.changedSlots).",
    attributes: ['shadow'],
  },
  droppedItems: {
    name: 'feed_rebalancer.dropped_items',
    kind: 'counter',
    unit: '{item}',
    description:
      'Candidates not served, by reason kind (cap, seeLess, size, duplicate, invalid) and group.',
    attributes: ['reason', 'group', 'shadow'],
  },
  recoveryServed: {
    name: 'feed_rebalancer.recovery_items_served',
    kind: 'counter',
    unit: '{item}',
    description: 'Recovery items served, by the group they were served for.',
    attributes: ['group', 'shadow'],
  },
  interventions: {
    name: 'feed_rebalancer.interventions',
    kind: 'counter',
    unit: '{intervention}',
    description:
      'Interventions suggested to the host (nudge, resources, break), by kind and group.',
    attributes: ['kind', 'group'],
  },
  rebalanceDuration: {
    name: 'feed_rebalancer.rebalance.duration',
    kind: 'histogram',
    unit: 's',
    description: 'Time one rebalance call took.',
    attributes: ['shadow'],
    buckets: DURATION_BUCKETS,
  },
} as const satisfies Record<string, InstrumentDefinition>);

/**
 * The Prometheus name of an instrument, by OpenTelemetry's Prometheus compatibility rules:
 * characters other than letters, digits, `_` and `:` become `_`; the unit is appended as a word
 * (`s` → `_seconds`; annotations in braces add nothing); counters end in `_total`.
 *
 * @internal
 */
export function prometheusName(definition: InstrumentDefinition): string {
  let name = definition.name.replace(/[^a-zA-Z0-9_:]/g, '_');
  const unit = UNIT_WORDS[definition.unit];
  if (unit !== undefined && !name.endsWith(`_${unit}`)) name += `_${unit}`;
  return definition.kind === 'counter' ? `${name}_total` : name;
}

const UNIT_WORDS: Readonly<Record<string, string>> = { s: 'seconds', ms: 'milliseconds' };
