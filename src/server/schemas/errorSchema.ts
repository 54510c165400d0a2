import type { RebalanceErrorCode } from '../../index.js';
import { object, type SharedSchema } from './jsonSchema.js';

/** Every `RebalanceError` code, in the order its documentation lists them. */
const LIBRARY_CODES: readonly RebalanceErrorCode[] = [
  'policy',
  'taxonomy',
  'resources',
  'item',
  'impression',
  'state',
  'request',
  'argument',
  'conflict',
  'store',
];

/**
 * The codes an error answer carries: the library's `RebalanceError` codes, `not-found` for an
 * unknown route, `unavailable` while the server shuts down, and `internal` for a fault of the
 * server itself.
 *
 * @internal
 */
export const ERROR_CODES: readonly string[] = [
  ...LIBRARY_CODES,
  'not-found',
  'unavailable',
  'internal',
];

/**
 * Every error answer, whatever the route and status: `{ error: { code, path, message } }`.
 *
 * @internal
 */
export const ERROR: SharedSchema = {
  $id: 'Error',
  ...object(
    {
      error: object(
        {
          code: {
            type: 'string',
            enum: ERROR_CODES,
            description:
              'A stable code: the library\u2019s RebalanceError code (request, item, impression, state, conflict, store, \u2026), not-found, unavailable (shutting down) or internal.',
          },
          path: {
            type: 'string',
            description:
              'JSON path of the offending field in dot/bracket form (candidates[2].id); empty when the error concerns no field.',
          },
          message: {
            type: 'string',
            description: 'Names the API, the rule and the value received.',
          },
        },
        ['code', 'path', 'message'],
      ),
    },
    ['error'],
    { description: 'An error.' },
  ),
};
