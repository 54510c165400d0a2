import type { Decision, DecisionIntervention, Rebalancer, UserState } from '../index.js';
import { LIBRARY_INSTRUMENTS, type InstrumentDefinition } from './instruments.js';
import { restartedGroups } from './restartedGroups.js';

/** Attributes of one data point. @internal */
export type MetricAttributes = Readonly<Record<string, string | boolean>>;

/** What the library needs of a counter: OpenTelemetry's `Counter` has this shape. @internal */
export interface CounterLike {
  add(value: number, attributes: MetricAttributes): void;
}

/** What the library needs of a histogram: OpenTelemetry's `Histogram` has this shape. @internal */
export interface HistogramLike {
  record(value: number, attributes: MetricAttributes): void;
}

/**
 * Makes instruments from their definitions: over an OpenTelemetry `Meter`, or over the server's
 * prom-client registry. Either way the same definitions and the same counting code are used.
 *
 * @internal
 */
export interface InstrumentFactory {
  counter(definition: InstrumentDefinition): CounterLike;
  histogram(definition: InstrumentDefinition): HistogramLike;
}

const LIVE: MetricAttributes = Object.freeze({});
const SHADOW: MetricAttributes = Object.freeze({ shadow: true });
const LEVELS: ReadonlySet<string> = new Set(['none', 'elevated', 'sustained']);
/** Drop reasons without a group. */
const KINDS: ReadonlySet<string> = new Set(['size', 'duplicate', 'invalid']);

/**
 * The library's instruments and what counts into them, computed from what the library returned:
 * decision records, interventions, and the states before and after a write. Label values come
 * from closed sets (the taxonomy's group ids, levels, reason and intervention kinds), so a
 * hostile request cannot grow the number of series.
 *
 * @internal
 */
export class LibraryInstruments {
  readonly #rb: Rebalancer;
  readonly #groups: ReadonlySet<string>;
  /** Target of a `seeLess:<target>` drop reason (a group or a triggering topic) → its group. */
  readonly #targetGroup = new Map<string, string>();
  readonly #transitions: CounterLike;
  readonly #restarts: CounterLike;
  readonly #changed: CounterLike;
  readonly #dropped: CounterLike;
  readonly #recovery: CounterLike;
  readonly #interventions: CounterLike;
  readonly #duration: HistogramLike;

  constructor(factory: InstrumentFactory, rb: Rebalancer) {
    this.#rb = rb;
    this.#groups = new Set(rb.groups);
    const i = LIBRARY_INSTRUMENTS;
    this.#transitions = factory.counter(i.levelTransitions);
    this.#restarts = factory.counter(i.stateRestarts);
    this.#changed = factory.counter(i.slotsChanged);
    this.#dropped = factory.counter(i.droppedItems);
    this.#recovery = factory.counter(i.recoveryServed);
    this.#interventions = factory.counter(i.interventions);
    this.#duration = factory.histogram(i.rebalanceDuration);
    // Zero series for every group, so that rates exist before the first event.
    for (const group of rb.groups) {
      this.#recovery.add(0, { group });
      this.#restarts.add(0, { group });
    }
  }

  /**
   * Counts one rebalance from its decision record: slots changed, dropped candidates by reason
   * kind and group, recovery items by group, its duration, and (when `interventions`) the
   * interventions it suggested.
   */
  rebalanced(decision: Decision, seconds: number, interventions: boolean): void {
    const shadow = decision.shadow;
    const base = shadow ? SHADOW : LIVE;
    this.#duration.record(seconds, base);
    this.#changed.add(decision.changedSlots, base);
    for (const reason in decision.drops) {
      const { kind, group } = this.#reason(reason);
      this.#dropped.add(
        decision.drops[reason]!,
        shadow ? { reason: kind, group, shadow } : { reason: kind, group },
      );
    }
    for (const served in decision.recovery) {
      const group = this.#group(served);
      this.#recovery.add(decision.recovery[served]!, shadow ? { group, shadow } : { group });
    }
    if (interventions) this.suggested(decision.interventions);
  }

  /** Counts interventions suggested to the host. */
  suggested(list: readonly DecisionIntervention[]): void {
    for (const i of list) this.#interventions.add(1, { kind: i.kind, group: this.#group(i.group) });
  }

  /**
   * Counts the level transitions and state restarts of one write of a user's state: `before`
   * is the state it replaced (`undefined` for a new user, whose groups are all at `none`),
   * `after` the state written (`undefined` for an erasure: every group back at `none`).
   */
  written(before: UserState | undefined, after: UserState | undefined): void {
    const was = levelsOf(before);
    const now = levelsOf(after);
    for (const group of this.#groups) {
      const from = was.get(group) ?? 'none';
      const to = now.get(group) ?? 'none';
      if (from !== to) this.#transitions.add(1, { group, from, to });
    }
    if (after === undefined) return;
    for (const group of restartedGroups(before, after))
      this.#restarts.add(1, { group: this.#group(group) });
  }

  /** A drop reason split into its kind and group (`cap:self-harm` → `cap`, `self-harm`). */
  #reason(reason: string): { kind: string; group: string } {
    const colon = reason.indexOf(':');
    if (colon < 0) return { kind: KINDS.has(reason) ? reason : 'other', group: '' };
    const kind = reason.slice(0, colon);
    const target = reason.slice(colon + 1);
    if (kind === 'cap') return { kind, group: this.#group(target) };
    if (kind === 'seeLess') return { kind, group: this.#targetGroupOf(target) };
    return { kind: 'other', group: '' };
  }

  /**
   * The group of a "see less" target: the target itself when it is a group, else the group an
   * item tagged with the topic alone is triggering for. Targets come from the library, which
   * accepts only the taxonomy's groups and triggering topics, so the cache stays that small.
   */
  #targetGroupOf(target: string): string {
    let group = this.#targetGroup.get(target);
    if (group === undefined) {
      if (this.#groups.has(target)) group = target;
      else {
        const triggering = this.#rb.classify({ id: 'target', topics: [target] }).triggering;
        group = this.#group(Object.keys(triggering)[0]);
      }
      if (this.#targetGroup.size < 4_096) this.#targetGroup.set(target, group);
    }
    return group;
  }

  /** A group attribute: a group of the taxonomy, `other` for anything else, `''` for none. */
  #group(group: string | null | undefined): string {
    if (group === null || group === undefined) return '';
    return this.#groups.has(group) ? group : 'other';
  }
}

/** The stored level of each group of a state (none for a missing state or a malformed one). */
function levelsOf(state: UserState | undefined): Map<string, string> {
  const levels = new Map<string, string>();
  const groups = state?.groups;
  if (!Array.isArray(groups)) return levels;
  for (const g of groups as readonly unknown[])
    if (typeof g === 'object' && g !== null) {
      const { id, level } = g as { id?: unknown; level?: unknown };
      if (typeof id === 'string' && typeof level === 'string' && LEVELS.has(level))
        levels.set(id, level);
    }
  return levels;
}
