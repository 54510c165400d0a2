/**
 * Serves the on-device example: bundles `app.ts` with esbuild (the core and the page script in
 * one ES module, nothing fetched from elsewhere) and serves it with `index.html` from a tiny
 * static server on the loopback interface.
 *
 * Run with `node --import tsx examples/browser/server.ts` and open the printed address.
 * `PORT` picks the port (default: a free one).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** A running example server. */
export interface ExampleServer {
  /** The page's address, `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** Size of the bundled page script in bytes. */
  readonly scriptBytes: number;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Bundles the page script for browsers. */
async function bundleApp(): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [`${HERE}app.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.contents;
}

/**
 * Builds the example and starts serving it on 127.0.0.1.
 *
 * @param port - the port to listen on; 0 picks a free one
 * @returns the address and a way to stop the server
 */
export async function startExampleServer(port = 0): Promise<ExampleServer> {
  const [script, html] = await Promise.all([bundleApp(), readFile(`${HERE}index.html`)]);
  const files: ReadonlyMap<string, { type: string; body: Uint8Array }> = new Map([
    ['/', { type: 'text/html; charset=utf-8', body: html }],
    ['/index.html', { type: 'text/html; charset=utf-8', body: html }],
    ['/app.js', { type: 'text/javascript; charset=utf-8', body: script }],
  ]);
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = request.method === 'GET' ? files.get(path) : undefined;
    if (file === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response
      .writeHead(200, {
        'content-type': file.type,
        'content-length': file.body.length,
        'cache-control': 'no-store',
      })
      .end(file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    scriptBytes: script.length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
      }),
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const example = await startExampleServer(Number(process.env.PORT ?? 0));
  console.log(
    `feed-rebalancer on the device: ${example.url} (script ${example.scriptBytes} bytes)`,
  );
}
