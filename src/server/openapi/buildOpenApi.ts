import type { RouteSpec } from '../routes/routeSpec.js';
import type { JsonSchema, SharedSchema } from '../schemas/jsonSchema.js';

/** The version of the HTTP API the document describes (its paths start with `/v1`). */
const API_VERSION = '1.0.0';

const TAGS = [
  { name: 'v1', description: 'The versioned JSON API of feed-rebalancer.' },
  {
    name: 'challenge',
    description: 'The Prosocial Ranking Challenge\u2019s ranker API (POST /rank).',
  },
  { name: 'operations', description: 'Health, readiness, metrics and this document.' },
];

/**
 * Builds the OpenAPI 3.1 document of a server from the very route specs and shared schemas
 * Fastify registered, so that what the document says is what the server validates: each route's
 * body, path parameters and answers, and the shared schemas under `components.schemas`, with
 * Fastify's references (`Item#`) rewritten to component references.
 *
 * @param routes - the server's routes
 * @param shared - the schemas registered with `addSchema`
 * @returns the document, as a plain JSON value
 * @internal
 */
export function buildOpenApi(
  routes: readonly RouteSpec[],
  shared: readonly SharedSchema[],
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      description: route.description,
      tags: [route.tag],
    };
    if (route.params !== undefined) operation.parameters = parameters(route.params);
    if (route.body !== undefined) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: rewrite(route.body) } },
      };
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      const type = status === '200' ? (route.produces ?? 'application/json') : 'application/json';
      responses[status] = {
        description: response.description,
        content: { [type]: { schema: rewrite(response.schema) } },
      };
    }
    operation.responses = responses;
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  const schemas: Record<string, unknown> = {};
  for (const schema of shared) {
    const { $id, ...rest } = schema;
    schemas[$id] = rewrite(rest);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'feed-rebalancer',
      version: API_VERSION,
      description:
        'Rebalances ranked feeds against harmful runs of eating-disorder, self-harm and suicide content: per-user exposure state, detection of sustained runs, caps and recovery interleaving under a declarative policy. Every error answer is { error: { code, path, message } }.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: TAGS,
    paths,
    components: { schemas },
  };
}

/** Path parameters from an object schema of them: each required one is in the path. */
function parameters(params: JsonSchema): unknown[] {
  const properties = params.properties as Readonly<Record<string, JsonSchema>>;
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    schema: rewrite(schema),
  }));
}

/** A deep copy of a schema with each `{ $ref: 'Name#' }` pointed at `#/components/schemas/Name`. */
function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof inner === 'string' && inner.endsWith('#')
        ? `#/components/schemas/${inner.slice(0, -1)}`
        : rewrite(inner);
  }
  return out;
}
