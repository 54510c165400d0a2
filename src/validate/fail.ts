import { RebalanceError, type RebalanceErrorCode } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';

// The one message format of bad input, used by every reader of the library:
//
//   <api>: <path> <rule> (got <value>)
//
// `<path>` is the JSON path as the caller knows the value (`policy.levels.sustained.cap.count`,
// `state.groups[0].level`); the error's `path` is the same path relative to the argument, which
// may leave out a prefix the message shows (`state.`, `policy.`). `<value>` is a short, bounded
// description that never calls user code.

/**
 * The `RebalanceError` for a value that breaks a rule.
 *
 * @param code - the stable error code
 * @param api - the public API the caller called, which starts the message
 * @param path - the JSON path of the value, relative to the argument (the error's `path`);
 *   `undefined` for an error about no field in particular
 * @param rule - what the value must be (`must be an integer >= 2`)
 * @param value - the value received
 * @param shown - the path as the message shows it; `path` unless a prefix is added
 * @internal
 */
export function inputError(
  code: RebalanceErrorCode,
  api: string,
  path: string | undefined,
  rule: string,
  value: unknown,
  shown: string = path ?? '',
): RebalanceError {
  const where = shown === '' ? '' : `${shown} `;
  return new RebalanceError(code, `${api}: ${where}${rule} (got ${describeValue(value)})`, path);
}

/**
 * Throws {@link inputError}.
 *
 * @internal
 */
export function failInput(
  code: RebalanceErrorCode,
  api: string,
  path: string | undefined,
  rule: string,
  value: unknown,
  shown: string = path ?? '',
): never {
  throw inputError(code, api, path, rule, value, shown);
}

/**
 * The `RebalanceError` for a value whose fields could not be read because a getter or proxy trap
 * threw; `cause` is what it threw.
 *
 * @internal
 */
export function unreadableError(
  code: RebalanceErrorCode,
  api: string,
  path: string | undefined,
  cause: unknown,
  shown: string = path ?? '',
): RebalanceError {
  return new RebalanceError(code, `${api}: ${shown} could not be read (a getter threw)`, path, {
    cause,
  });
}
