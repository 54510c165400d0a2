import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';
import type { UserState } from '../exposure/types.js';
import type { StateUpdate } from './types.js';

/**
 * Checks that the update given to a store's `update` is a function.
 *
 * @param api - the calling API, for the message
 * @param fn - the value received
 * @throws RebalanceError with code `request` and path `fn`
 * @internal
 */
export function checkUpdateFn(api: string, fn: unknown): asserts fn is StateUpdate {
  if (typeof fn !== 'function') {
    throw new RebalanceError(
      'request',
      `${api}: fn must be a function from the stored state to the new state (got ${describeValue(fn)})`,
      'fn',
    );
  }
}

/**
 * Checks what an update returned before a store keeps it: a state object, returned
 * synchronously. A promise is refused because the update would no longer be atomic: another
 * update of the user could run while it is pending.
 *
 * @param api - the calling API, for the message
 * @param next - what the update returned
 * @throws RebalanceError with code `state`
 * @internal
 */
export function checkUpdateResult(api: string, next: unknown): asserts next is UserState {
  if (typeof next !== 'object' || next === null || Array.isArray(next)) {
    throw new RebalanceError(
      'state',
      `${api}: fn must return a state object (got ${describeValue(next)})`,
    );
  }
  if (typeof (next as { then?: unknown }).then === 'function') {
    throw new RebalanceError(
      'state',
      `${api}: fn must return the new state itself, not a promise (an update must be synchronous to be atomic)`,
    );
  }
}
