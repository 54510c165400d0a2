import { inputError, unreadableError } from '../../validate/fail.js';
import { RebalanceError } from '../../errors/RebalanceError.js';

/**
 * The error a diversification building block throws for an argument it cannot use: code
 * `argument`, the JSON path of the offending argument, and a message naming the API, the rule
 * and the value received.
 *
 * @internal
 */
export function argumentError(
  api: string,
  path: string,
  rule: string,
  value: unknown,
): RebalanceError {
  return inputError('argument', api, path, rule, value);
}

/**
 * Reads the trailing options object: `undefined` means every default; anything else must be an
 * object. Returns the object, or `null` for `undefined`.
 *
 * @internal
 */
export function readOptionsObject(api: string, options: unknown): object | null {
  if (options === undefined) return null;
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw argumentError(api, 'options', 'must be an object of options or undefined', options);
  return options;
}

/**
 * Reads one option field once, so that a getter cannot answer differently later; a throwing
 * getter becomes an `argument` error.
 *
 * @internal
 */
export function readOption(api: string, options: object | null, key: string): unknown {
  if (options === null) return undefined;
  try {
    return (options as Record<string, unknown>)[key];
  } catch (cause) {
    throw unreadableError('argument', api, `options.${key}`, cause);
  }
}

/**
 * Checks that `value` is an integer ≥ `min` and returns it.
 *
 * @internal
 */
export function readInteger(api: string, path: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw argumentError(api, path, `must be an integer >= ${min}`, value);
  return value;
}
