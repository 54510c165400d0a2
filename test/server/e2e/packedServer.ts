/**
 * The package as users install it, for end-to-end tests: `npm run build && npm pack`, the
 * tarball installed with npm in an empty folder outside the repository (so nothing resolves from
 * the repository's node_modules), and `feed-rebalancer serve` run from its bin.
 *
 * The install is shared by the test files of a run, and by later runs while the sources do not
 * change: it lives in the system's temporary folder under a hash of the sources, package.json and
 * the lockfile. The first test file to need it builds it under a lock; the others wait.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PREFIX = 'feed-rebalancer-e2e-';
/** A lock older than this was left by a run that died: take it over. */
const STALE_LOCK_MS = 10 * 60_000;
/** An install of other sources older than this is left over: remove it. */
const STALE_INSTALL_MS = 24 * 3_600_000;

/** A hash of everything the packed package is made of. */
function sourceKey(): string {
  const hash = createHash('sha256');
  const files = ['package.json', 'package-lock.json', 'tsup.config.ts', 'tsconfig.json'];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk('src');
  for (const file of files.sort()) {
    hash.update(file);
    hash.update(readFileSync(join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Runs a command, resolving with its stdout; rejects with its output when it fails. */
function run(command: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${out}\n${err}`));
    });
  });
}

/**
 * The folder where the packed package is installed (its bin is
 * `node_modules/.bin/feed-rebalancer`), building it when the sources changed.
 *
 * @returns the folder
 */
export async function packedPackage(): Promise<string> {
  const key = sourceKey();
  const dir = join(tmpdir(), `${PREFIX}${key}`);
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(join(dir, 'node_modules', '.bin', 'feed-rebalancer'))) return dir;
    try {
      await mkdir(lock);
      break;
    } catch {
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
      else await sleep(500);
    }
  }
  try {
    const work = `${dir}.tmp-${process.pid}`;
    await rm(work, { recursive: true, force: true });
    await mkdir(work);
    await run('npm', ['run', 'build'], ROOT);
    const packed = await run('npm', ['pack', '--silent', '--pack-destination', work], ROOT);
    const tarball = join(work, packed.trim().split('\n').pop()!);
    const ioredis = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies.ioredis!;
    await writeFile(join(work, 'package.json'), '{ "name": "e2e", "private": true }\n');
    // ioredis is an optional peer dependency of the package: a service that keeps states in
    // Redis installs it beside the package, as here.
    await run('npm', ['install', '--no-audit', '--no-fund', tarball, `ioredis@${ioredis}`], work);
    await rename(work, dir);
    // Installs of older sources are removed once they are a day old: a younger one (or one
    // being built, `.tmp-<pid>`, or locked) may belong to another checkout testing right now.
    for (const name of await readdir(tmpdir())) {
      if (!name.startsWith(PREFIX) || name.startsWith(`${PREFIX}${key}`)) continue;
      if (name.includes('.')) continue;
      const path = join(tmpdir(), name);
      const age = Date.now() - (await stat(path).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > STALE_INSTALL_MS) await rm(path, { recursive: true, force: true });
    }
    return dir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** A running `feed-rebalancer serve` process. */
export interface ServeProcess {
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Its log lines so far, parsed. */
  readonly logs: () => Record<string, unknown>[];
  /** Its raw standard output so far. */
  readonly stdout: () => string;
  /** Resolves with the line whose `msg` is `message`, once it is logged. */
  readonly waitForLog: (message: string, timeoutMs?: number) => Promise<Record<string, unknown>>;
  /** Resolves with the exit code (and signal) once the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` and waits for the exit. */
  readonly stop: (
    signal?: NodeJS.Signals,
  ) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `feed-rebalancer serve --port 0 …args` from the installed package and resolves once it
 * logs that it listens.
 *
 * @param dir - the folder of {@link packedPackage}
 * @param args - more arguments of `serve`
 * @param env - more environment variables
 */
export async function startServe(
  dir: string,
  args: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): Promise<ServeProcess> {
  const bin = join(dir, 'node_modules', '.bin', 'feed-rebalancer');
  const child = spawn(bin, ['serve', '--port', '0', ...args], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiting: { message: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  const parsed = (): Record<string, unknown>[] =>
    out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiting]) {
      const line = parsed().find((l) => l.msg === w.message);
      if (line !== undefined) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
  const waitForLog = (message: string, timeoutMs = 30_000): Promise<Record<string, unknown>> => {
    const found = parsed().find((l) => l.msg === message);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `no "${message}" log line within ${timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`,
          ),
        );
      }, timeoutMs);
      waiting.push({
        message,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
      void exited.then(({ code }) => {
        clearTimeout(timer);
        reject(
          new Error(`serve exited (${code}) before "${message}"\nstdout:\n${out}\nstderr:\n${err}`),
        );
      });
    });
  };
  const listening = await waitForLog('feed-rebalancer serve: listening');
  const base = String(listening.url);
  return {
    base,
    port: Number(new URL(base).port),
    child,
    logs: parsed,
    stdout: () => out,
    waitForLog,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
