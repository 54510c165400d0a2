import { RebalanceError, type RebalanceErrorCode } from '../errors/RebalanceError.js';

/**
 * Reads one property of an untrusted object; a throwing getter or proxy trap becomes a
 * `RebalanceError` with the given code and the property as path.
 *
 * @internal
 */
export function readField(
  value: object,
  key: string,
  code: RebalanceErrorCode,
  api: string,
): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch (cause) {
    throw new RebalanceError(code, `${api}: ${key} could not be read (its getter threw)`, key, {
      cause,
    });
  }
}
