import { RebalanceError } from '../../index.js';

/**
 * How a route names what a library or store call checks: the route, which messages start with,
 * and the request's name of each field the call may refuse, by the call's name of it.
 *
 * @internal
 */
export interface RequestNames {
  /** The route (`POST /v1/impressions`). */
  readonly api: string;
  /** The call's name of a field → the request's name of it (`userId` → `session.user_id`). */
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * A library or store error about a field of the request, addressed as the request addresses it:
 * the request's path in `path` and in the message, which starts with the route instead of the
 * call (`MemoryStateStore.append: events[0].at …` → `POST /v1/impressions: events[0].at …`;
 * `RedisStateStore.get: userId …` → `POST /rank: session.user_id …`). An error without a path,
 * or about a field the route does not name, is returned as it is.
 *
 * @param error - what the library or the store threw
 * @param names - the route, and its names of the fields
 * @returns the error to answer
 * @internal
 */
export function renamePath(error: unknown, names: RequestNames): unknown {
  if (!(error instanceof RebalanceError) || error.path === undefined) return error;
  for (const [from, to] of Object.entries(names.fields)) {
    if (
      error.path !== from &&
      !error.path.startsWith(`${from}[`) &&
      !error.path.startsWith(`${from}.`)
    )
      continue;
    const path = to + error.path.slice(from.length);
    const colon = error.message.indexOf(': ');
    const rest = colon < 0 ? error.message : error.message.slice(colon + 2);
    return new RebalanceError(error.code, `${names.api}: ${rest.replace(error.path, path)}`, path, {
      cause: error,
    });
  }
  return error;
}
