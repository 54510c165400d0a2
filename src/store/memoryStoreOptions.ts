import type { UserState } from '../exposure/types.js';
import { failInput } from '../validate/fail.js';
import { LIMITS } from '../validate/limits.js';
import { readFolder } from './appendEvents.js';
import { STORE_DEFAULTS, systemClock } from './defaults.js';
import type { EventFolder } from './types.js';
import { readWriteListener, type WriteListener } from './writeListener.js';

/** The options of a `MemoryStateStore`, checked, with their defaults. @internal */
export interface ResolvedMemoryStoreOptions {
  readonly maxUsers: number;
  readonly ttlMs: number;
  readonly now: () => number;
  readonly maxAppendEvents: number;
  readonly folder: EventFolder | undefined;
  readonly onWrite: WriteListener | undefined;
}

/**
 * Options of `MemoryStateStore`.
 *
 * @example
 * ```ts
 * import { MemoryStateStore, type MemoryStateStoreOptions } from 'feed-rebalancer';
 * const options: MemoryStateStoreOptions = { maxUsers: 50_000, ttlMs: 7 * 86_400_000 };
 * const store = new MemoryStateStore(options);
 * ```
 */
export interface MemoryStateStoreOptions {
  /**
   * Most users kept; storing one more evicts the least recently used (read or updated).
   * At most 16,777,216, the largest `Map` V8 can hold.
   * @defaultValue 100_000
   */
  readonly maxUsers?: number;
  /**
   * How long a state lives after its last update, in milliseconds (reads do not extend it).
   * @defaultValue 2_592_000_000 (30 days; see docs/privacy.md)
   */
  readonly ttlMs?: number;
  /**
   * The clock, in milliseconds; pass your own to keep the store deterministic in tests.
   * @defaultValue the system clock (`Date.now`)
   */
  readonly now?: () => number;
  /**
   * The rebalancer that folds appended events (its `observe` and `emptyState`); `append` needs
   * it.
   * @defaultValue undefined (`append` throws an `argument` error)
   */
  readonly rebalancer?: EventFolder;
  /**
   * Most events in one `append`.
   * @defaultValue 1_000
   */
  readonly maxAppendEvents?: number;
  /**
   * Called once after each write, with the state it replaced (`undefined` for a user without
   * one) and the state written (`undefined` when `delete` erased it): after every `update`,
   * `append` and `delete` that found a state. Not called by `get`, nor when a state expires or is
   * evicted. For counters and audits of level changes; it runs inside the call, so it must be
   * quick, and it must not throw (an exception is dropped: the write stands).
   * @defaultValue undefined (nothing is called)
   */
  readonly onWrite?: (before: UserState | undefined, after: UserState | undefined) => void;
}

const API = 'MemoryStateStore';

/**
 * Checks the options of a `MemoryStateStore` and fills in the defaults.
 *
 * @param options - the options the constructor received
 * @returns the options, resolved
 * @throws RebalanceError with code `argument` for an option out of range
 * @internal
 */
export function readMemoryStoreOptions(
  options: MemoryStateStoreOptions,
): ResolvedMemoryStoreOptions {
  const {
    maxUsers = STORE_DEFAULTS.maxUsers,
    ttlMs = STORE_DEFAULTS.ttlMs,
    now,
    maxAppendEvents = STORE_DEFAULTS.maxAppendEvents,
  } = options;
  if (!Number.isInteger(maxUsers) || maxUsers < 1 || maxUsers > LIMITS.storeUsers) {
    failInput(
      'argument',
      API,
      'maxUsers',
      `must be an integer from 1 to ${LIMITS.storeUsers}`,
      maxUsers,
    );
  }
  if (typeof ttlMs !== 'number' || !(ttlMs > 0) || !Number.isFinite(ttlMs)) {
    failInput('argument', API, 'ttlMs', 'must be a positive finite number of milliseconds', ttlMs);
  }
  if (now !== undefined && typeof now !== 'function') {
    failInput('argument', API, 'now', 'must be a function returning milliseconds', now);
  }
  const most = LIMITS.impressionsPerCall;
  if (!Number.isInteger(maxAppendEvents) || maxAppendEvents < 1 || maxAppendEvents > most) {
    failInput(
      'argument',
      API,
      'maxAppendEvents',
      `must be an integer from 1 to ${most}`,
      maxAppendEvents,
    );
  }
  return {
    maxUsers,
    ttlMs,
    now: now ?? systemClock,
    maxAppendEvents,
    folder: readFolder(API, options.rebalancer),
    onWrite: readWriteListener(API, options.onWrite),
  };
}
