import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';
import type { UserState } from '../exposure/types.js';

/**
 * What a store's `onWrite` option is called with: the state a write replaced (`undefined` for a
 * user without one) and the state written (`undefined` when `delete` erased it).
 *
 * @internal
 */
export type WriteListener = (before: UserState | undefined, after: UserState | undefined) => void;

/**
 * Checks the `onWrite` option of a store: a function, or `undefined`.
 *
 * @param store - the store's name, for the message (`RedisStateStore`)
 * @param value - the value received
 * @returns the listener, or `undefined`
 * @throws RebalanceError with code `argument` and path `onWrite`
 * @internal
 */
export function readWriteListener(store: string, value: unknown): WriteListener | undefined {
  if (value === undefined || typeof value === 'function') return value as WriteListener | undefined;
  throw new RebalanceError(
    'argument',
    `${store}: onWrite must be a function of the state replaced and the state written (got ${describeValue(value)})`,
    'onWrite',
  );
}

/**
 * Tells the listener of a write that has happened. An exception from it is dropped: the write
 * is stored whatever the listener does, and failing the call would tell its caller otherwise
 * (a caller that retries an append after an error would store its events twice).
 *
 * @param listener - the store's `onWrite`, if any
 * @param before - the state replaced
 * @param after - the state written, or `undefined` for an erasure
 * @internal
 */
export function notifyWrite(
  listener: WriteListener | undefined,
  before: UserState | undefined,
  after: UserState | undefined,
): void {
  if (listener === undefined) return;
  try {
    listener(before, after);
  } catch {
    // Documented: a listener must not throw; the write stands either way.
  }
}
