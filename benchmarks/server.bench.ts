/**
 * The HTTP server under load, on loopback. autocannon sends the same JSON body with 64
 * connections to the feed-rebalancer server and to a bare Fastify route in the same process that
 * parses the body and echoes it back — the cost of HTTP, JSON parsing and serialising in Fastify,
 * which any service answering that request pays. Each pair runs in alternating rounds (subject,
 * baseline, subject, …) and reports medians: p50 and p99 latency, requests per second, the p50
 * and p99 as ratios to the bare route's, and the spread of the rounds' p99 ratios.
 *
 * - `POST /v1/rebalance`: 100 candidates, a third triggering, for a user at level `sustained`
 *   (caps and recovery at work), states in memory.
 * - `POST /rank`: a Prosocial Ranking Challenge request of 100 items — 70 posts and 30 comments
 *   in threads — whose served items are recorded as impressions. Sent again and again, its texts
 *   are in the server's memo of recent texts (`prc.textMemo`), as a refreshed feed's are.
 *
 * The servers run on this process's main thread, as deployed; the load generator runs in a
 * process of its own, as on a separate machine. With autocannon on the servers' process (a
 * worker thread beside them), its own collections paused the measurement for up to 16 ms at a
 * time and it could not drive the bare route faster than about 3,800 requests a second: the
 * baseline measured the load generator, and the ratio came out lower than the servers' own.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { createServer } from '../src/server/index.js';
import { figure, ratioAtMost, type BenchRow, type BenchSuite } from './harness.js';
import { candidates, recoveryPool } from './fixtures/feeds.js';

const CONNECTIONS = 64;
const ROUND_SECONDS = 2;
const ROUNDS = 9;
const T0 = Date.UTC(2026, 0, 1);

interface Ports {
  readonly server: number;
  readonly echo: number;
}

/** The feed-rebalancer server and the bare echo route, listening on loopback. */
async function startServers(): Promise<{ ports: Ports; close(): Promise<void> }> {
  // Logging as deployed (a line per request at info), written nowhere, so that only the cost of
  // building the lines is measured, not a terminal's.
  const server = createServer({
    logger: { level: 'info', stream: { write: () => true } },
    metrics: { processMetrics: false },
    limits: { bodyBytes: 8 * 1024 * 1024 },
  });
  const echo = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024 });
  echo.post('/echo', (request) => Promise.resolve(request.body));
  await server.listen({ port: 0, host: '127.0.0.1' });
  await echo.listen({ port: 0, host: '127.0.0.1' });
  const port = (app: { server: { address(): unknown } }): number =>
    (app.server.address() as { port: number }).port;
  return {
    ports: { server: port(server), echo: port(echo) },
    close: async () => {
      await server.close();
      await echo.close();
    },
  };
}

/** The figures of one autocannon round. */
interface Round {
  readonly p50: number;
  readonly p99: number;
  readonly rps: number;
}

/** What the load generator is asked to do: one autocannon round. */
interface RoundRequest {
  readonly url: string;
  readonly body: string;
  readonly seconds: number;
}

/** In the load generator's process: one autocannon round per message, answered with its figures. */
function serveRounds(): void {
  process.on('message', (request: RoundRequest) => {
    void autocannon({
      url: request.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: request.body,
      connections: CONNECTIONS,
      duration: request.seconds,
    }).then(
      (result) => {
        if (result.non2xx > 0 || result.errors > 0)
          process.send!({
            error: `${request.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`,
          });
        else
          process.send!({
            p50: result.latency.p50,
            p99: result.latency.p99,
            rps: result.requests.average,
          });
      },
      (error: unknown) => {
        process.send!({ error: `${request.url}: ${String(error)}` });
      },
    );
  });
}

const LOAD_ROLE = 'FEED_REBALANCER_BENCH_LOAD';
if (process.env[LOAD_ROLE] === '1') serveRounds();

/** One round run by the load generator's process. */
async function round(
  load: ChildProcess,
  url: string,
  body: string,
  seconds = ROUND_SECONDS,
): Promise<Round> {
  const answer = await new Promise<Round | { error: string }>((resolve, reject) => {
    // A load generator that dies mid-round fails the suite rather than leaving it waiting.
    const failed = (error: Error) => {
      settle();
      reject(error);
    };
    const exited = (code: number | null) => {
      failed(new Error(`the load generator exited (code ${code}) during a round`));
    };
    const answered = (message: Round | { error: string }) => {
      settle();
      resolve(message);
    };
    const settle = () => {
      load.off('error', failed);
      load.off('exit', exited);
      load.off('message', answered);
    };
    load.on('error', failed);
    load.on('exit', exited);
    load.on('message', answered);
    load.send({ url, body, seconds } satisfies RoundRequest);
  });
  if ('error' in answer) throw new Error(answer.error);
  return answer;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Subject and baseline in alternating rounds after a warm-up of each. Latencies and rates are the
 * medians of each side's rounds; the p99 ratio is the median of the ratios of adjacent rounds, so
 * that a slow spell of a shared machine weighs on both sides of a ratio alike.
 */
async function compare(
  load: ChildProcess,
  name: string,
  subject: string,
  echo: string,
  body: string,
): Promise<BenchRow[]> {
  await round(load, subject, body, 2);
  await round(load, echo, body, 2);
  const s: Round[] = [];
  const b: Round[] = [];
  const ratios: number[] = [];
  const p50Ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    s.push(await round(load, subject, body));
    b.push(await round(load, echo, body));
    ratios.push(s[r]!.p99 / b[r]!.p99);
    p50Ratios.push(s[r]!.p50 / b[r]!.p50);
  }
  const spread = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
  const of = (rounds: Round[], key: keyof Round): number => median(rounds.map((x) => x[key]));
  const kb = (Buffer.byteLength(body) / 1024).toFixed(1);
  return [
    figure(`${name}: p50 latency`, of(s, 'p50'), 'ms', `echo ${of(b, 'p50')} ms`),
    figure(`${name}: p99 latency`, of(s, 'p99'), 'ms', `echo ${of(b, 'p99')} ms`),
    figure(
      `${name}: requests per second`,
      of(s, 'rps'),
      'req/s',
      `echo ${Math.round(of(b, 'rps'))} req/s`,
    ),
    figure(
      `${name}: p50 latency, ${CONNECTIONS} connections, ${kb} KB body`,
      median(p50Ratios),
      '×',
      'bare Fastify route echoing the same body',
    ),
    ratioAtMost(
      `${name}: p99 latency, ${CONNECTIONS} connections, ${kb} KB body`,
      median(ratios),
      1,
      `bare Fastify route echoing the same body (rounds: ${spread})`,
      1.5,
    ),
  ];
}

/** A challenge request of 100 items: 70 posts, 30 comments in threads under three posts. */
function rankBody(): string {
  const engagements = { score: 3, comment: 2, award: 0 };
  const item = (id: string, text: string, fields: Record<string, unknown> = {}) => ({
    id,
    text,
    author_name_hash: `author-${id.length}`,
    type: 'post',
    created_at: '2024-01-20 18:00:00',
    embedded_urls: [],
    engagements,
    ...fields,
  });
  const items: unknown[] = [];
  for (let i = 0; i < 70; i++)
    items.push(
      item(
        `post-${i}`,
        i % 3 === 0 ? 'what I ate today #thinspo #fyp' : 'a walk by the river at dusk',
        {
          title: `Post ${i}`,
        },
      ),
    );
  for (let i = 0; i < 30; i++) {
    const post = `post-${i % 3}`;
    const parent = i < 3 ? '' : `comment-${i - 3}`;
    items.push(
      item(`comment-${i}`, i % 4 === 0 ? 'so #thinspo' : 'thanks for sharing', {
        type: 'comment',
        post_id: post,
        parent_id: parent,
      }),
    );
  }
  return JSON.stringify({
    session: {
      session_id: 'bench',
      user_id: 'bench-prc-user',
      user_name_hash: 'bench',
      platform: 'reddit',
      url: 'https://reddit.com/r/bench',
      current_time: '2024-01-20 18:41:20',
    },
    items,
  });
}

const suite: BenchSuite = {
  title: 'HTTP server',
  async run() {
    const servers = await startServers();
    const { ports } = servers;
    const load = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, [LOAD_ROLE]: '1' },
      execArgv: [],
    });
    try {
      const server = `http://127.0.0.1:${ports.server}`;
      const echo = `http://127.0.0.1:${ports.echo}/echo`;
      // A user at level sustained: a run of triggering impressions.
      const events = Array.from({ length: 30 }, (_, i) => ({
        item: { id: `seen-${i}`, topics: ['pro-ana'] },
        at: T0 + i * 15_000,
      }));
      const seeded = await fetch(`${server}/v1/impressions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'bench-user', events }),
      });
      if (!seeded.ok) throw new Error(`seeding the user failed: ${seeded.status}`);
      const rebalance = JSON.stringify({
        userId: 'bench-user',
        candidates: candidates(100),
        recovery: recoveryPool(20),
        at: T0 + 31 * 15_000,
      });
      return [
        ...(await compare(
          load,
          'POST /v1/rebalance, 100 candidates',
          `${server}/v1/rebalance`,
          echo,
          rebalance,
        )),
        ...(await compare(load, 'POST /rank, 100 items', `${server}/rank`, echo, rankBody())),
      ];
    } finally {
      load.kill();
      await servers.close();
    }
  },
};
export default suite;
