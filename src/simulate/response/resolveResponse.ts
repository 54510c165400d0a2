import { InputReader } from '../../validate/reader.js';
import { DEFAULT_RESPONSE } from './defaults.js';
import { RESPONSE_BOUNDS, RESPONSE_KEYS, type ResponseConstants } from './ResponseConstants.js';

/**
 * Checks a partial set of response constants and fills in the defaults: only known names, each
 * a finite number within its bounds. Returns a new, frozen object; never mutates the input.
 *
 * @param api - the API name for messages
 * @param input - the `response` option, or `undefined` for the defaults
 * @param base - the constants the omitted fields keep
 * @returns the complete constants
 * @throws RebalanceError with code `argument` and the path `response.<name>`
 * @internal
 */
export function resolveResponse(
  api: string,
  input: unknown,
  base: ResponseConstants = DEFAULT_RESPONSE,
): ResponseConstants {
  if (input === undefined) return base;
  const r = new InputReader(api, 'argument', '');
  const raw = r.object(input, 'response', RESPONSE_KEYS);
  const out = { ...base } as Record<keyof ResponseConstants, number>;
  for (const key of RESPONSE_KEYS) {
    const value = raw[key];
    if (value === undefined) continue;
    const [min, max] = RESPONSE_BOUNDS[key];
    out[key] = r.number(value, `response.${key}`, min, max);
  }
  return Object.freeze(out);
}
