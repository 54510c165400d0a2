import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { testServer } from './support.js';

/** Whether a new connection to the port is accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(port, '127.0.0.1');
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => {
      resolve(false);
    });
  });
}

/** Reads from a socket until `done` says the text so far is complete. */
function readUntil(socket: Socket, done: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      if (done(text)) {
        socket.off('data', onData);
        resolve(text);
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

it('a request pipelined behind one in flight while the server closes gets 503 unavailable in the envelope', async () => {
  const { app } = testServer();
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const socket = connect(Number(new URL(base).port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const body = JSON.stringify({ userId: 'u' });
  // In flight: the server has read the headers (it answered 100 Continue), not the body.
  const continued = readUntil(socket, (t) => t.includes('100 Continue'));
  socket.write(
    'POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
  );
  await continued;
  const closed = app.close();
  // Closing has begun once the listening socket refuses new connections.
  while (await accepts(Number(new URL(base).port))) await sleep(10);
  const answers = readUntil(
    socket,
    (t) => (t.match(/HTTP\/1\.1 [0-9]{3}/g) ?? []).length >= 2 && t.trimEnd().endsWith('}'),
  );
  // The body of the first request, then a second request on the same connection.
  socket.write(`${body}GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n`);
  const text = await answers;
  const [first, second] = text
    .split(/(?=HTTP\/1\.1 [0-9]{3})/)
    .filter((part) => part.startsWith('HTTP/1.1 '));
  expect(first).toMatch(/^HTTP\/1\.1 200/);
  expect(second).toMatch(/^HTTP\/1\.1 503/);
  const envelope = JSON.parse(second!.slice(second!.indexOf('\r\n\r\n') + 4)) as {
    error: { code: string; path: string; message: string };
  };
  expect(envelope.error).toMatchObject({ code: 'unavailable', path: '' });
  expect(envelope.error.message).toMatch(/shutting down/);
  socket.destroy();
  await closed;
});
