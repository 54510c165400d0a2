import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeValue } from '../../errors/describe.js';
import type { RouteSpec } from '../routes/routeSpec.js';
import { HttpError, toErrorReply, type ErrorBody } from './errorReply.js';
import { validationError, type SchemaIssue } from './validationError.js';

/** What the request's log line says about its error: the code and the path, never the message. */
export interface LoggedError {
  readonly code: string;
  readonly path: string;
}

/**
 * Answers every error of `app` with the one envelope `{ error: { code, path, message } }`:
 * schema errors as the library's errors (code, JSON path, the value received), body and media
 * type errors as 413 and 415, unknown routes as 404 (405 with `Allow` for a known path and
 * another method), requests that arrive while the server closes as 503 `unavailable`, and library
 * errors with the status of `STATUS_BY_CODE`. Records each error's
 * code and path in `errors` for the request's log line, and logs the server's own faults with
 * their cause.
 *
 * @param app - the server
 * @param routes - its routes, to name the API in messages and to answer 405
 * @param errors - where each failed request's code and path are kept for its log line
 * @internal
 */
export function installErrorHandling(
  app: FastifyInstance,
  routes: readonly RouteSpec[],
  errors: WeakMap<FastifyRequest, LoggedError>,
): void {
  const send = (request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply => {
    const { status, body, severity } = toErrorReply(error);
    errors.set(request, { code: body.error.code, path: body.error.path });
    if (severity === 'error') request.log.error({ err: error }, 'request failed');
    else if (severity === 'warn')
      request.log.warn({ code: body.error.code, reason: body.error.message }, 'request failed');
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  };

  // Once the server is closing, a request that still arrives (pipelined, or on a keep-alive
  // connection busy with another request) is answered 503 with the envelope, and its connection
  // closed: Fastify's own answer would be in another format.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  // A callback hook rather than an async one: every request passes here, and an async hook
  // costs a promise and a turn of the microtask queue on each.
  app.addHook('onRequest', (request, reply, done) => {
    if (!closing) {
      done();
      return;
    }
    void reply.header('connection', 'close');
    const message = `${request.method} ${describeValue(request.url.split('?')[0] ?? '')}: the server is shutting down; send the request to another replica`;
    void send(request, reply, new HttpError(503, 'unavailable', message));
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const spec = (request.routeOptions.config as { spec?: RouteSpec }).spec;
    const api = spec === undefined ? request.method : `${spec.method} ${spec.url}`;
    if (error.validation !== undefined) {
      const root = error.validationContext === 'params' ? request.params : request.body;
      const issues = error.validation as unknown as readonly SchemaIssue[];
      return send(request, reply, validationError(issues, root, api, spec?.lists));
    }
    return send(request, reply, frameworkError(error, api, request) ?? error);
  });

  const patterns = routes.map((route) => ({
    route,
    pattern: new RegExp(`^${route.url.replace(/:\w+/g, '[^/]+')}$`),
  }));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = patterns.filter((p) => p.pattern.test(path)).map((p) => p.route.method);
    if (allowed.length > 0) {
      void reply.header('allow', allowed.join(', '));
      const body: ErrorBody = {
        error: {
          code: 'request',
          path: '',
          message: `${request.method} ${describeValue(path)}: the route accepts ${allowed.join(', ')} only`,
        },
      };
      errors.set(request, { code: 'request', path: '' });
      return reply.code(405).type('application/json; charset=utf-8').send(body);
    }
    return send(
      request,
      reply,
      new HttpError(404, 'not-found', `no route ${request.method} ${describeValue(path)}`),
    );
  });
}

/** The HTTP error for a failure of Fastify's body reading, or `null` for any other error. */
function frameworkError(
  error: FastifyError,
  api: string,
  request: FastifyRequest,
): HttpError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const declared = request.headers['content-length'];
      const got = declared === undefined ? '' : ` (got ${declared} bytes)`;
      return new HttpError(
        413,
        'request',
        `${api}: the body must be at most ${request.routeOptions.bodyLimit ?? 0} bytes${got}`,
      );
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(
        415,
        'request',
        `${api}: the body must be sent as application/json (got ${describeValue(request.headers['content-type'] ?? null)})`,
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError(
        400,
        'request',
        `${api}: the body must be a JSON value (got an empty body)`,
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HttpError(400, 'request', `${api}: the body must be valid JSON`);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpError(
        400,
        'request',
        `${api}: the body must be as long as its Content-Length`,
      );
    default:
      // Body-parser errors without a Fastify code (an aborted upload, proto poisoning).
      if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500)
        return new HttpError(error.statusCode, 'request', `${api}: ${error.message}`);
      return null;
  }
}
