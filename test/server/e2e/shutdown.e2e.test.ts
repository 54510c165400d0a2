/**
 * Graceful shutdown of `feed-rebalancer serve` (packed package): on SIGTERM the requests in
 * flight complete with 200, new connections are refused, and the process exits with 0.
 *
 * A request is known to be in flight without any timing: it is sent with `Expect:
 * 100-continue`, and Node's HTTP server answers `100 Continue` only once it has read the request
 * line and headers. The body is sent after the signal.
 */
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, expect, it } from 'vitest';
import { packedPackage, startServe } from './packedServer.js';

let dir: string;
beforeAll(async () => {
  dir = await packedPackage();
}, 240_000);

/** A connection with a POST whose headers are sent and whose body is not, yet. */
interface PendingRequest {
  readonly socket: Socket;
  /** Sends the body and resolves with the whole answer (status line to end of body). */
  finish(): Promise<string>;
}

async function startRequest(port: number, path: string, body: unknown): Promise<PendingRequest> {
  const payload = Buffer.from(JSON.stringify(body));
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${payload.length}\r\nExpect: 100-continue\r\n\r\n`,
  );
  while (!received.includes('100 Continue')) await sleep(10);
  received = '';
  return {
    socket,
    finish: () =>
      new Promise((resolve, reject) => {
        socket.once('error', reject);
        const complete = (): void => {
          const head = received.indexOf('\r\n\r\n');
          const length = /content-length: (\d+)/i.exec(received.slice(0, head));
          if (head < 0 || length === null) return;
          if (Buffer.byteLength(received.slice(head + 4)) < Number(length[1])) return;
          socket.destroy();
          resolve(received);
        };
        socket.on('data', complete);
        socket.write(payload);
      }),
  };
}

/** Whether a new connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code === 'ECONNREFUSED');
    });
  });
}

it('SIGTERM: requests in flight complete with 200, new connections are refused, exit code 0', async () => {
  const server = await startServe(dir);
  const candidates = Array.from({ length: 50 }, (_, i) => ({
    id: `c${i}`,
    hashtags: ['#thinspo'],
  }));
  const pending = await Promise.all(
    [0, 1, 2].map((i) =>
      startRequest(server.port, '/v1/rebalance', { userId: `u${i}`, candidates, at: 0 }),
    ),
  );
  server.child.kill('SIGTERM');
  await server.waitForLog('feed-rebalancer serve: shutting down');
  // The listening socket closes as the shutdown starts, right after that line.
  let closed = false;
  for (let attempt = 0; attempt < 100 && !closed; attempt++) {
    closed = await refused(server.port);
    if (!closed) await sleep(20);
  }
  expect(closed).toBe(true);

  const answers = await Promise.all(pending.map((p) => p.finish()));
  for (const answer of answers) {
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as {
      slots: unknown[];
    };
    expect(body.slots.length).toBeGreaterThan(0);
  }
  const { code, signal } = await server.exited;
  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(server.logs().map((line) => line.msg)).toContain('feed-rebalancer serve: stopped');
});

it('SIGINT stops an idle server at once with exit code 0', async () => {
  const server = await startServe(dir);
  // An idle keep-alive connection does not hold the shutdown up.
  const idle = await fetch(`${server.base}/healthz`, { headers: { connection: 'keep-alive' } });
  expect(idle.status).toBe(200);
  const { code, signal } = await server.stop('SIGINT');
  expect({ code, signal }).toEqual({ code: 0, signal: null });
});
