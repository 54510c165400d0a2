import { Counter, type Registry } from 'prom-client';
import {
  RebalanceError,
  type QueryInterception,
  type Rebalancer,
  type RebalanceResult,
  type UserState,
} from '../../index.js';

/**
 * Every library-level counter of the server, in one module, each computed from what the library
 * returned: rebalance results, the states before and after a fold, interceptions, store errors.
 * Label values come from closed sets — reason kinds, the taxonomy's group ids, levels — so a
 * hostile request cannot grow the number of series. (A later change mirrors these counters into
 * OpenTelemetry: it needs to touch only this file.)
 *
 * @internal
 */
export class LibraryMetrics {
  readonly #groups: ReadonlySet<string>;
  readonly #rb: Rebalancer;
  /** Target of a `seeLess:<target>` drop reason (a group or a triggering topic) → its group. */
  readonly #targetGroup = new Map<string, string>();
  readonly #transitions: Counter<'group' | 'from' | 'to'>;
  readonly #dropped: Counter<'reason' | 'group'>;
  readonly #recovery: Counter<'group'>;
  readonly #interventions: Counter<'kind' | 'group'>;
  readonly #interceptions: Counter<'kind' | 'group'>;
  readonly #storeErrors: Counter<'operation' | 'code'>;
  readonly #restarts: Counter<'group'>;

  constructor(registry: Registry, rb: Rebalancer) {
    this.#groups = new Set(rb.groups);
    this.#rb = rb;
    const registers = [registry];
    this.#transitions = new Counter({
      name: 'feed_rebalancer_level_transitions_total',
      help: 'Users whose stored level of a group changed, by group and levels, counted once per state written or erased; users at a level = sum(to) - sum(from).',
      labelNames: ['group', 'from', 'to'],
      registers,
    });
    this.#dropped = new Counter({
      name: 'feed_rebalancer_dropped_items_total',
      help: 'Candidates not served, by reason kind (cap, seeLess, size, duplicate, invalid) and group.',
      labelNames: ['reason', 'group'],
      registers,
    });
    this.#recovery = new Counter({
      name: 'feed_rebalancer_recovery_items_served_total',
      help: 'Recovery items served, by the group they were served for.',
      labelNames: ['group'],
      registers,
    });
    this.#interventions = new Counter({
      name: 'feed_rebalancer_interventions_total',
      help: 'Interventions suggested to the host (nudge, resources, break), by kind and group.',
      labelNames: ['kind', 'group'],
      registers,
    });
    this.#interceptions = new Counter({
      name: 'feed_rebalancer_query_interceptions_total',
      help: 'Search queries intercepted, by kind (resources, banner) and group.',
      labelNames: ['kind', 'group'],
      registers,
    });
    this.#storeErrors = new Counter({
      name: 'feed_rebalancer_store_errors_total',
      help: 'State store operations that failed, by operation and error code (store, conflict, state); input the store refused is not counted.',
      labelNames: ['operation', 'code'],
      registers,
    });
    this.#restarts = new Counter({
      name: 'feed_rebalancer_state_restarts_total',
      help: 'Group states started afresh because the policy changed since they were stored.',
      labelNames: ['group'],
      registers,
    });
    // Zero series for every group, so that rates exist before the first event.
    for (const group of rb.groups) {
      this.#recovery.inc({ group }, 0);
      this.#restarts.inc({ group }, 0);
    }
    for (const code of ['store', 'conflict', 'state'])
      for (const operation of ['get', 'update', 'append', 'delete', 'ping'])
        this.#storeErrors.inc({ operation, code }, 0);
  }

  /**
   * Counts what one rebalance did: dropped candidates by reason kind and group, recovery items
   * served by group, and (when `interventions`) the interventions its assessment suggests.
   */
  rebalanced(result: RebalanceResult, interventions: boolean): void {
    for (let i = 0; i < result.dropped.length; i++) {
      const { kind, group } = this.#reason(result.dropped[i]!.reason);
      this.#dropped.inc({ reason: kind, group });
    }
    for (let i = 0; i < result.slots.length; i++) {
      const slot = result.slots[i]!;
      if (slot.source !== 'recovery') continue;
      const reason = slot.reasons.find((r) => r.startsWith('recovery:'));
      this.#recovery.inc({ group: this.#group(reason?.slice(9)) });
    }
    if (interventions) this.suggested(result.assessment.interventions);
  }

  /** Counts interventions suggested to the host. */
  suggested(list: RebalanceResult['assessment']['interventions']): void {
    for (const i of list) this.#interventions.inc({ kind: i.kind, group: this.#group(i.group) });
  }

  /**
   * Counts the level transitions of one write of a user's state: `before` is the state it
   * replaced (`undefined` for a new user, whose groups are all at `none`), `after` the state
   * written (`undefined` for an erasure: every group back at `none`).
   */
  written(before: UserState | undefined, after: UserState | undefined): void {
    const was = new Map<string, string>();
    if (before !== undefined) for (const g of before.groups) was.set(g.id, g.level);
    const now = new Map<string, string>();
    if (after !== undefined) for (const g of after.groups) now.set(g.id, g.level);
    for (const group of this.#groups) {
      const from = was.get(group) ?? 'none';
      const to = now.get(group) ?? 'none';
      if (from !== to) this.#transitions.inc({ group, from, to });
    }
  }

  /** Counts a search interception. */
  intercepted(interception: QueryInterception | null): void {
    if (interception === null) return;
    const group =
      interception.kind === 'banner' ? 'mental-health' : this.#group(interception.group);
    this.#interceptions.inc({ kind: interception.kind, group });
  }

  /**
   * Counts a failed store operation, by the library's error code. A call the store refused for
   * the request's input (a malformed user id or event: codes `request`, `item`, `impression`) is
   * the client's error, not the store's, and is not counted; anything else that is not `conflict`
   * or `state` counts as `store`.
   */
  storeFailed(operation: 'get' | 'update' | 'append' | 'delete' | 'ping', error: unknown): void {
    if (error instanceof RebalanceError && INPUT_CODES.has(error.code)) return;
    const code =
      error instanceof RebalanceError && (error.code === 'conflict' || error.code === 'state')
        ? error.code
        : 'store';
    this.#storeErrors.inc({ operation, code });
  }

  /** Counts group states started afresh after a policy change. */
  restarted(groups: readonly string[]): void {
    for (const group of groups) this.#restarts.inc({ group: this.#group(group) });
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

  /** A group label: a group of the taxonomy, or `other` for anything else. */
  #group(group: string | null | undefined): string {
    if (group === null || group === undefined) return '';
    return this.#groups.has(group) ? group : 'other';
  }
}

/** Error codes of a request's own input: a store refusing it has not failed. */
const INPUT_CODES: ReadonlySet<string> = new Set(['request', 'item', 'impression']);

/** Drop reasons without a group. */
const KINDS: ReadonlySet<string> = new Set(['size', 'duplicate', 'invalid']);
