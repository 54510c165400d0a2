import { readItem, type ItemView } from '../../src/item/readItem.js';
import { RebalanceError } from '../../src/errors/RebalanceError.js';

/** Freezes a JSON-like value all the way down, so any write to it throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** The validated snapshot `classifyItem` reads, as the facade builds it. */
export function view(item: unknown): ItemView {
  return readItem(item, { api: 'classify', path: 'item', code: 'item' });
}

/** Runs `fn` and returns the RebalanceError it throws; fails the test when it throws nothing else. */
export function caught(fn: () => unknown): RebalanceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RebalanceError) return error;
    throw error;
  }
  throw new Error('expected a RebalanceError, but nothing was thrown');
}

/** Own property names of Object.prototype, to show that nothing was added to it. */
export function prototypeSnapshot(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}
