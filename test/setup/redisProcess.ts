/**
 * Child-process helpers shared by the single server and the cluster of the test setup.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const MISSING =
  'redis-server was not found on PATH: install it (Debian: `apt-get install -y redis-server`, ' +
  'or `source .ci/redis.sh`) to run the Redis store tests';

/** Spawns redis-server and waits for its "Ready to accept connections" line. */
export function launchRedis(port: number, args: readonly string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-server', ['--port', String(port), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const fail = (reason: string) => {
      child.kill('SIGKILL');
      reject(
        new Error(`redis-server on port ${port} did not start: ${reason}\n${log.slice(-2000)}`),
      );
    };
    const timer = setTimeout(() => {
      fail('no "Ready" line within 10 s');
    }, 10_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error.message.includes('ENOENT') ? new Error(MISSING) : error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(`exited with code ${code}`);
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      log += chunk;
      if (log.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        resolve(child);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (log += chunk));
  });
}

export function terminate(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
    child.kill(signal);
  });
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}
