import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { explain, type Rebalancer, type RebalanceRequest } from '../../src/index.js';
import type { StateStore } from '../../src/index.js';
import { HttpError, toErrorResponse } from './httpError.js';
import { readJsonBody } from './readJsonBody.js';
import { readFeedRequest, readImpressionsRequest } from './requests.js';

/** What the service needs: where states live and how feeds are rebalanced. */
export interface ServiceOptions {
  /** The state store: `MemoryStateStore` in one process, `RedisStateStore` across replicas. */
  readonly store: StateStore;
  /** The configured rebalancer. */
  readonly rebalancer: Rebalancer;
  /** Largest request body in bytes (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** The clock used when a feed request gives no `at` (default `Date.now`). */
  readonly now?: () => number;
}

/**
 * A small feed service over `node:http`:
 *
 * - `POST /feed` `{ userId, candidates, recovery?, size?, at? }` reads the user's state and
 *   answers the rebalanced feed with its audit: `{ items, slots, dropped, rejectedRecovery,
 *   assessment, explain }`.
 * - `POST /impressions` `{ userId, impressions }` records what was shown, atomically, and answers
 *   `{ impressions, assessment }`.
 *
 * Errors are JSON `{ error: { code, message, path? } }`: 400 for a bad request (the library's
 * code and the JSON path of the offending field), 413 for a body over the limit, 415 for a body
 * that is not JSON, 409 when concurrent writers kept winning, 503 when the store is unreachable.
 * The returned server is not listening yet.
 */
export function createService(options: ServiceOptions): Server {
  const { store, rebalancer: rb, maxBodyBytes = 1_048_576, now = Date.now } = options;

  async function feed(body: unknown): Promise<unknown> {
    const request = readFeedRequest(body);
    const state = (await store.get(request.userId)) ?? rb.emptyState();
    const input: RebalanceRequest = {
      candidates: request.candidates,
      recovery: request.recovery,
      state,
      at: request.at ?? now(),
      ...(request.size === undefined ? {} : { size: request.size }),
    };
    const out = rb.rebalance(input);
    return {
      items: out.items,
      slots: out.slots,
      dropped: out.dropped,
      rejectedRecovery: out.rejectedRecovery,
      assessment: out.assessment,
      explain: explain(out),
    };
  }

  async function impressions(body: unknown): Promise<unknown> {
    const request = readImpressionsRequest(body);
    const state = await store.update(request.userId, (s) =>
      rb.observe(s ?? rb.emptyState(), request.impressions),
    );
    return { impressions: state.impressions, assessment: rb.assess(state) };
  }

  const routes: Readonly<Record<string, (body: unknown) => Promise<unknown>>> = {
    '/feed': feed,
    '/impressions': impressions,
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const route = Object.prototype.hasOwnProperty.call(routes, path) ? routes[path] : undefined;
    if (route === undefined) throw new HttpError(404, 'not-found', `no route ${path}`);
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      throw new HttpError(405, 'method', `${path} accepts POST only (got ${request.method ?? ''})`);
    }
    send(response, 200, await route(await readJsonBody(request, maxBodyBytes)));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const { status, body } = toErrorResponse(error);
      if (status === 500) console.error(error);
      // The rest of an oversized or refused body is not read: close the connection after the answer.
      if (!request.complete) response.setHeader('connection', 'close');
      send(response, status, body);
    });
  });
  // Bound how long a slow client may hold a connection while sending a request.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  return server;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
