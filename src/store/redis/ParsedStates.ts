import { parseState } from '../../exposure/stateShape.js';
import type { UserState } from '../../exposure/types.js';

/**
 * A user's state as this replica last saw it in Redis: its version token, JSON and state, and
 * the pending log entries stored with it.
 */
export interface Snapshot {
  /** The version token stored with it (`''` when there was no state). */
  readonly token: string;
  /** Its JSON, or `null` when there was no state. */
  readonly json: string | null;
  /** The state validated from `json`. */
  readonly state: UserState | undefined;
  /** The pending log entries, oldest first, not folded into `state`. */
  readonly entries: readonly string[];
  /** `state` with `entries` folded in, once a read has folded them. */
  readonly folded?: UserState | undefined;
}

/** What the scripts answer for a stored state: token ('' for none), JSON or null, log entries. */
export type StoredReply = readonly [string, string | null, readonly string[]];

/**
 * The states this store recently read or wrote, by key, each with its version token and exact
 * JSON. Two uses:
 *
 * - an update starts from the remembered snapshot and sends only the check-and-set, which
 *   writes only if the token and the pending log are still the same; when they are not, the
 *   script answers with what is stored now, so a stale entry costs no extra round trip;
 * - when Redis returns exactly the remembered JSON, the state validated from it before is reused
 *   instead of parsing and validating it again (identical bytes validate to the identical state).
 *
 * - a read that finds the same state and a log that begins with the entries folded before
 *   folds only the entries appended since (see {@link ParsedStates.folding}).
 *
 * Redis stays the authority: nothing is written or answered from here without Redis confirming
 * the token or returning the same bytes. Bounded; least recently used first out.
 *
 * @internal
 */
export class ParsedStates {
  readonly #entries = new Map<string, Snapshot>();
  readonly #capacity: number;

  /** @param capacity - most entries kept; 0 keeps none */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The snapshot remembered under `key`. */
  snapshot(key: string): Snapshot | undefined {
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      // Most recently used last.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  /** The state validated from `json` under `key`, if it is the one remembered. */
  lookup(key: string, json: string): UserState | undefined {
    const entry = this.#entries.get(key);
    return entry !== undefined && entry.json === json ? entry.state : undefined;
  }

  /** Remembers what is stored under `key`. */
  remember(key: string, snapshot: Snapshot): void {
    if (this.#capacity === 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, snapshot);
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  /**
   * What Redis answered is stored under `key` — `[token, json, entries]` — as a validated
   * snapshot: the state parsed from `json`, or as parsed from the same JSON before. Remembers it.
   *
   * @throws RebalanceError with code `state` when the JSON is not a valid state
   */
  read(api: string, key: string, [token, json, entries]: StoredReply): Snapshot {
    const state = json === null ? undefined : (this.lookup(key, json) ?? parseState(json, api));
    const snapshot: Snapshot = { token, json, state, entries };
    this.remember(key, snapshot);
    return snapshot;
  }

  /**
   * Where to start folding `snapshot`'s entries: the state folded from a prefix of them before,
   * and that prefix's length; or the stored state and 0. A remembered fold is reused only when
   * the token and the JSON are the same and the log begins with the same entry: entries carry
   * unique ids and leave the log only from its head, with a new token, so the same token and the
   * same first entry mean the same first entries.
   */
  folding(
    previous: Snapshot | undefined,
    snapshot: Snapshot,
  ): { readonly state: UserState | undefined; readonly from: number } {
    const n = previous?.entries.length ?? 0;
    if (
      previous?.folded !== undefined &&
      n > 0 &&
      n <= snapshot.entries.length &&
      previous.token === snapshot.token &&
      previous.json === snapshot.json &&
      previous.entries[0] === snapshot.entries[0] &&
      previous.entries[n - 1] === snapshot.entries[n - 1]
    ) {
      return { state: previous.folded, from: n };
    }
    return { state: snapshot.state, from: 0 };
  }

  /** Forgets the state under `key` (after `delete`). */
  forget(key: string): void {
    this.#entries.delete(key);
  }
}
