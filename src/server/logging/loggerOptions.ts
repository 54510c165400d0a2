import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/**
 * How the server logs: pino's JSON lines, one per answered request plus start-up, shutdown and
 * faults. No line carries a request body, a search query or a user id in clear (a keyed hash
 * stands for the user).
 *
 * @example
 * ```ts
 * import type { ServerLoggerOptions } from 'feed-rebalancer/server';
 * const logger: ServerLoggerOptions = { level: 'warn', userIdKey: process.env.LOG_KEY };
 * ```
 */
export interface ServerLoggerOptions {
  /**
   * The lowest level logged.
   * @defaultValue 'info'
   */
  readonly level?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * Where the JSON lines go.
   * @defaultValue standard output
   */
  readonly stream?: {
    /** Takes one JSON line, newline included. */
    write(line: string): unknown;
  };
  /**
   * The secret key of the hash that stands for a user id in log lines (HMAC-SHA-256, cut to 16
   * hex digits). Give every replica the same key to follow a user's requests across them.
   * @defaultValue a random key per process (hashes link the lines of one process only)
   */
  readonly userIdKey?: string | undefined;
}

/**
 * Fields that may hold personal data, censored should any log call pass them by mistake: the
 * request log never logs them, this is a second line of defence.
 */
const REDACTED = [
  'body',
  'userId',
  'user_id',
  'query',
  'req.body',
  'req.url',
  '*.body',
  '*.userId',
  '*.user_id',
  '*.query',
];

/**
 * Fastify's `logger` option for {@link ServerLoggerOptions}; `false` turns logging off.
 *
 * @internal
 */
export function loggerOptions(
  options: ServerLoggerOptions | false | undefined,
): NonNullable<FastifyServerOptions['logger']> {
  if (options === false) return false;
  const { level = 'info', stream } = options ?? {};
  return {
    level,
    ...(stream === undefined ? {} : { stream }),
    redact: { paths: REDACTED, censor: '[redacted]' },
    // Should Fastify log a request itself (its own errors), the route's pattern stands for the
    // URL, which may hold a user id (`DELETE /v1/users/:id`).
    serializers: {
      // A raw IncomingMessage has no routeOptions: it is read defensively.
      req: (request: FastifyRequest) => ({
        method: request.method,
        route:
          (request.routeOptions as FastifyRequest['routeOptions'] | undefined)?.url ?? '(no route)',
      }),
    },
  };
}
