import { RebalanceError } from '../../index.js';

/**
 * A library error about a field the request names otherwise — the library calls the events given
 * to `observe` `impressions` where `POST /v1/impressions` calls them `events`; a store checks
 * `userId` where `POST /rank` has `session.user_id` — with the request's path, in `path` and in
 * the message, which then starts with the route. Any other error is returned as it is.
 *
 * @param error - what the library or the store threw
 * @param from - the library's name of the field (`impressions`)
 * @param to - the request's name of it (`events`)
 * @param api - the route, for the message (`POST /v1/impressions`)
 * @returns the error to answer
 * @internal
 */
export function renamePath(error: unknown, from: string, to: string, api: string): unknown {
  if (!(error instanceof RebalanceError) || error.path === undefined) return error;
  if (
    error.path !== from &&
    !error.path.startsWith(`${from}[`) &&
    !error.path.startsWith(`${from}.`)
  )
    return error;
  const path = to + error.path.slice(from.length);
  const colon = error.message.indexOf(': ');
  const rest = colon < 0 ? error.message : error.message.slice(colon + 2);
  return new RebalanceError(error.code, `${api}: ${rest.replace(error.path, path)}`, path, {
    cause: error,
  });
}
