import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LoggedError } from '../errors/installErrorHandling.js';
import type { ServerMetrics } from '../metrics/serverMetrics.js';
import type { UserIdHasher } from './userIdHasher.js';

/** The fields of a request's log line. */
interface RequestLine {
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly ms: number;
  user?: string;
  error?: LoggedError;
}

/** Routes polled by probes and scrapers: their lines are logged at `debug`, not `info`. */
const QUIET: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Adds one log line and one latency observation per answered request. The line holds the method,
 * the route's pattern (never the raw URL: `DELETE /v1/users/:id` would otherwise carry the user
 * id), the status, the time taken, the keyed hash of the user id when the route read one, and
 * the error's code and path when it failed. Bodies, queries, user ids and error messages (which
 * quote the values received) are never logged.
 *
 * @param app - the server
 * @param metrics - where latencies are recorded
 * @param users - each request's user id, as the routes noted it (hashed only when logged)
 * @param errors - each failed request's code and path
 * @param userIds - the keyed hash that stands for a user id in the log
 * @internal
 */
export function installRequestLog(
  app: FastifyInstance,
  metrics: Pick<ServerMetrics, 'request'>,
  users: WeakMap<FastifyRequest, string>,
  errors: WeakMap<FastifyRequest, LoggedError>,
  userIds: UserIdHasher,
): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? '(no route)';
    const status = reply.statusCode;
    const ms = reply.elapsedTime;
    metrics.request(request.method, route, status, ms / 1000);
    const level = status >= 500 ? 'error' : QUIET.has(route) ? 'debug' : 'info';
    const user = users.get(request);
    const error = errors.get(request);
    const line: RequestLine = {
      method: request.method,
      route,
      status,
      ms: Math.round(ms * 100) / 100,
    };
    if (user !== undefined) {
      line.user = userIds.hash(user);
      // `DELETE /v1/users/:id` erased the user: nothing of them stays in the process's memory.
      if (request.method === 'DELETE') userIds.forget(user);
    }
    if (error !== undefined) line.error = error;
    request.log[level](line, 'request');
    done();
  });
}
