import { RebalanceError } from '../../index.js';
import type { ServerContext } from '../context.js';
import { object } from '../schemas/jsonSchema.js';
import { errorResponses, type RouteSpec } from './routeSpec.js';

/** How long `/readyz` waits for the store before it answers 503. */
const READY_TIMEOUT_MS = 2_000;

/**
 * The routes for operators: liveness (`/healthz`), readiness (`/readyz`), Prometheus metrics
 * (`/metrics`) and the OpenAPI document (`/openapi.json`, served as `document()` returns it).
 *
 * @internal
 */
export function operationsRoutes(ctx: ServerContext, document: () => string): RouteSpec[] {
  return [
    {
      method: 'GET',
      url: '/healthz',
      operationId: 'health',
      summary: 'Liveness: the process is up',
      description:
        'Answers 200 while the process runs, whatever the state store does: a failing liveness probe restarts the process, which cannot fix the store.',
      tag: 'operations',
      responses: {
        200: {
          description: 'The process is up.',
          schema: object({ status: { type: 'string', const: 'ok' } }, ['status']),
        },
      },
      handler: () => Promise.resolve({ status: 'ok' }),
    },
    {
      method: 'GET',
      url: '/readyz',
      operationId: 'ready',
      summary: 'Readiness: the state store answers',
      description:
        'Answers 200 when the state store answers (PING for Redis) within two seconds, 503 with code store otherwise, and 503 once the server is shutting down: a load balancer should send requests only to ready replicas.',
      tag: 'operations',
      responses: {
        200: {
          description: 'The state store answers.',
          schema: object({ status: { type: 'string', const: 'ready' } }, ['status']),
        },
        ...errorResponses(503),
      },
      handler: async () => {
        try {
          await withTimeout(ctx.checkStore(), READY_TIMEOUT_MS);
        } catch (error) {
          ctx.metrics.library.storeFailed('ping', error);
          const reason = error instanceof Error ? error.message : String(error);
          throw new RebalanceError(
            'store',
            `GET /readyz: the state store does not answer (${reason})`,
            '',
            {
              cause: error,
            },
          );
        }
        return { status: 'ready' };
      },
    },
    {
      method: 'GET',
      url: '/metrics',
      operationId: 'metrics',
      summary: 'Prometheus metrics',
      description:
        'Request latency by route, level transitions per group, dropped items by reason, recovery items served, interventions, store errors and state restarts, in the Prometheus text format.',
      tag: 'operations',
      produces: ctx.metrics.registry.contentType,
      preserialized: true,
      responses: { 200: { description: 'The metrics.', schema: { type: 'string' } } },
      handler: async (_request, reply) => {
        void reply.type(ctx.metrics.registry.contentType);
        return ctx.metrics.registry.metrics();
      },
    },
    {
      method: 'GET',
      url: '/openapi.json',
      operationId: 'openapi',
      summary: 'This API\u2019s OpenAPI 3.1 document',
      description: 'Built from the schemas the routes validate requests with.',
      tag: 'operations',
      preserialized: true,
      responses: {
        200: { description: 'The OpenAPI document.', schema: { type: 'object' } },
      },
      handler: (_request, reply) => {
        void reply.type('application/json; charset=utf-8');
        return Promise.resolve(document());
      },
    },
  ];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}
