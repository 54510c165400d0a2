import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { CANDIDATES, post, prcItem, prcSession, send, testServer } from './support.js';

/** Fastify's routes, read from its route table: `METHOD /path` with `{param}` path parameters. */
async function fastifyRoutes(app: ReturnType<typeof testServer>['app']): Promise<string[]> {
  await app.ready();
  const routes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /(\/\S*) \(([A-Z, ]+)\)/.exec(line);
    if (match === null) continue;
    for (const method of match[2]!.split(', '))
      routes.push(`${method} ${match[1]!.replace(/:(\w+)/g, '{$1}')}`);
  }
  return routes.sort();
}

/** A copy of a schema with Fastify's references (`Item#`) written as the document writes them. */
function asDocumented(schema: unknown): unknown {
  return JSON.parse(
    JSON.stringify(schema).replace(/"\$ref":"(\w+)#"/g, '"$ref":"#/components/schemas/$1"'),
  );
}

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document (checked by @readme/openapi-parser)', async () => {
    const { app } = testServer();
    const { status, json, headers } = await send(app, 'GET', '/openapi.json');
    expect(status).toBe(200);
    expect(String(headers['content-type'])).toMatch(/^application\/json/);
    expect(json.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(json));
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    expect(result.warnings).toEqual([]);
  });

  it('lists every route Fastify registered, and nothing else', async () => {
    const { app } = testServer();
    const routes = await fastifyRoutes(app);
    const { json } = await send(app, 'GET', '/openapi.json');
    const documented = Object.entries(json.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`),
      )
      .sort();
    expect(routes.length).toBe(11);
    expect(documented).toEqual(routes);
  });

  it('documents the very schemas the routes validate with, and the limits in force', async () => {
    const { app } = testServer({ limits: { candidates: 77, rankItems: 33 } });
    const used = new Map<string, unknown>();
    app.addHook('preHandler', (request, _reply, done) => {
      used.set(`${request.method} ${request.routeOptions.url ?? ''}`, request.routeOptions.schema);
      done();
    });
    await post(app, '/v1/rebalance', { userId: 'u', candidates: CANDIDATES });
    await post(app, '/v1/impressions', { userId: 'u', events: [] });
    await post(app, '/rank', { session: prcSession(), items: [prcItem('p')] });
    await send(app, 'DELETE', '/v1/users/u');
    const { json } = await send(app, 'GET', '/openapi.json');
    const body = (path: string) =>
      json.paths[path].post.requestBody.content['application/json'].schema;
    for (const [route, path] of [
      ['POST /v1/rebalance', '/v1/rebalance'],
      ['POST /v1/impressions', '/v1/impressions'],
      ['POST /rank', '/rank'],
    ] as const) {
      const schema = used.get(route) as { body: unknown; response: Record<string, unknown> };
      expect(body(path)).toEqual(asDocumented(schema.body));
      expect(json.paths[path].post.responses['200'].content['application/json'].schema).toEqual(
        asDocumented(schema.response['200']),
      );
    }
    const params = (used.get('DELETE /v1/users/:id') as { params: { properties: { id: unknown } } })
      .params;
    expect(json.paths['/v1/users/{id}'].delete.parameters[0].schema).toEqual(
      asDocumented(params.properties.id),
    );
    expect(body('/v1/rebalance').properties.candidates.maxItems).toBe(77);
    expect(body('/rank').properties.items.maxItems).toBe(33);
  });

  it('documents every shared schema as a component, and every error answer with the Error schema', async () => {
    const { app } = testServer();
    const { json } = await send(app, 'GET', '/openapi.json');
    const text = JSON.stringify(json);
    for (const match of text.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g))
      expect(Object.keys(json.components.schemas)).toContain(match[1]);
    for (const operations of Object.values(json.paths as Record<string, Record<string, any>>))
      for (const operation of Object.values(operations))
        for (const [status, response] of Object.entries(operation.responses as Record<string, any>))
          if (status !== '200')
            expect(response.content['application/json'].schema).toEqual({
              $ref: '#/components/schemas/Error',
            });
  });
});
