/**
 * Helpers of the server tests: a server with captured log lines, JSON requests through Fastify's
 * `inject` (no socket), and builders of challenge requests.
 */
import type { FastifyInstance } from 'fastify';
import { createServer, type ServerOptions } from '../../src/server/index.js';
import type { Impression, Item } from '../../src/index.js';

export const T0 = Date.UTC(2026, 0, 1);

/** A server whose log lines are kept, parsed, in `logs`. */
export interface TestServer {
  readonly app: FastifyInstance;
  readonly logs: () => Record<string, unknown>[];
  /** The raw log text, to search for strings that must never appear. */
  readonly logText: () => string;
}

export function testServer(options: ServerOptions = {}): TestServer {
  const lines: string[] = [];
  const app = createServer({
    metrics: { processMetrics: false },
    ...options,
    logger:
      options.logger === false
        ? false
        : { level: 'debug', ...options.logger, stream: { write: (line) => lines.push(line) } },
  });
  return {
    app,
    logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    logText: () => lines.join(''),
  };
}

export interface JsonAnswer {
  readonly status: number;
  readonly json: any;
  readonly headers: Record<string, unknown>;
}

export async function post(app: FastifyInstance, url: string, body: unknown): Promise<JsonAnswer> {
  const response = await app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.statusCode, json: response.json(), headers: response.headers };
}

export async function send(
  app: FastifyInstance,
  method: 'GET' | 'DELETE',
  url: string,
): Promise<JsonAnswer> {
  const response = await app.inject({ method, url });
  const type = String(response.headers['content-type'] ?? '');
  return {
    status: response.statusCode,
    json: type.startsWith('application/json') ? response.json() : response.body,
    headers: response.headers,
  };
}

/** The value of one sample of Prometheus exposition text, 0 when absent. */
export function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

/** The series of `feed_rebalancer_level_transitions_total` for one group and two levels. */
export const transition = (group: string, from: string, to: string): string =>
  `feed_rebalancer_level_transitions_total{group="${group}",from="${from}",to="${to}"}`;

/** A run of thinspiration videos, watched for ten seconds each, 15 s apart. */
export function triggeringRun(n: number, from = 0): Impression[] {
  return Array.from({ length: n }, (_, i) => ({
    item: { id: `seen-${from + i}`, hashtags: ['#thinspo'] },
    at: T0 + (from + i) * 15_000,
    dwellMs: 10_000,
  }));
}

/** Twelve candidates, every other one triggering for eating-disorder. */
export const CANDIDATES: readonly Item[] = Array.from({ length: 12 }, (_, i) =>
  i % 2 === 0 ? { id: `c${i}`, hashtags: ['#thinspo'] } : { id: `c${i}`, topics: ['cooking'] },
);

export const RECOVERY: readonly Item[] = [
  { id: 'r1', topics: ['ed-recovery'] },
  { id: 'r2', topics: ['ed-recovery'] },
  { id: 'r3', topics: ['ed-recovery'] },
];

/** A challenge item with every required field, as the pydantic model requires them. */
export function prcItem(id: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    text: 'an ordinary post about cooking',
    author_name_hash: 'a1b2',
    type: 'post',
    created_at: '2024-01-20 18:00:00',
    embedded_urls: [],
    engagements: { upvote: 3, downvote: 1, comment: 2, award: 0 },
    ...fields,
  };
}

/** A challenge session with every required field. */
export function prcSession(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    session_id: '719f30a1-03bb-4d41-a654-138da5c43547',
    user_id: 'participant-1',
    user_name_hash: '6511c568',
    platform: 'reddit',
    url: 'https://reddit.com/r/PRCExample/1f4deg/example',
    current_time: '2024-01-20 18:41:20',
    ...fields,
  };
}
