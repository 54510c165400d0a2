import { Counter, type Registry } from 'prom-client';
import {
  RebalanceError,
  type QueryInterception,
  type Rebalancer,
  type UserState,
} from '../../index.js';
import type { DecisionIntervention } from '../../rerank/decision/types.js';
import { LibraryInstruments } from '../../otel/libraryInstruments.js';
import { promFactory } from './promFactory.js';

/**
 * Every library-level metric of the server, in one module, each computed from what the library
 * returned: decision records, the states before and after a write, interceptions, store errors.
 * The library's own instruments (`LIBRARY_INSTRUMENTS` of `feed-rebalancer/otel`) are counted by
 * the same code as with `instrumentRebalancer`, into prom-client series of the same names; the
 * interceptions and store errors are the server's own. Label values come from closed sets —
 * reason kinds, the taxonomy's group ids, levels — so a hostile request cannot grow the number
 * of series.
 *
 * @internal
 */
export class LibraryMetrics {
  readonly #groups: ReadonlySet<string>;
  /** The library's instruments over the server's registry. */
  readonly instruments: LibraryInstruments;
  readonly #interceptions: Counter<'kind' | 'group'>;
  readonly #storeErrors: Counter<'operation' | 'code'>;

  constructor(registry: Registry, rb: Rebalancer) {
    this.#groups = new Set(rb.groups);
    this.instruments = new LibraryInstruments(promFactory(registry), rb);
    const registers = [registry];
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
    for (const code of ['store', 'conflict', 'state'])
      for (const operation of ['get', 'update', 'append', 'delete', 'ping'])
        this.#storeErrors.inc({ operation, code }, 0);
  }

  /** Counts interventions suggested to the host. */
  suggested(list: readonly DecisionIntervention[]): void {
    this.instruments.suggested(list);
  }

  /**
   * Counts the level transitions and state restarts of one write of a user's state: `before` is
   * the state it replaced (`undefined` for a new user, whose groups are all at `none`), `after`
   * the state written (`undefined` for an erasure: every group back at `none`).
   */
  written(before: UserState | undefined, after: UserState | undefined): void {
    this.instruments.written(before, after);
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

  /** A group label: a group of the taxonomy, or `other` for anything else. */
  #group(group: string | null | undefined): string {
    if (group === null || group === undefined) return '';
    return this.#groups.has(group) ? group : 'other';
  }
}

/** Error codes of a request's own input: a store refusing it has not failed. */
const INPUT_CODES: ReadonlySet<string> = new Set(['request', 'item', 'impression']);
