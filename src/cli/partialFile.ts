import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { RebalanceError } from '../index.js';
import type { PartialResult } from '../simulate/index.js';
import type { CliIo } from './io.js';

/** The file a shard writes in its `--out` directory. @internal */
export const PARTIAL_FILE = 'partial.json';

/**
 * Largest partial file read. A JavaScript string holds at most about 2^29 characters, so a
 * larger file could not be parsed anyway; at roughly 3 kB a user and policy this is some
 * 150 000 users × policies a shard (docs/scaling.md).
 *
 * @internal
 */
export const MAX_PARTIAL_BYTES = 512 * 1024 * 1024;

/**
 * Writes a shard's partial result to `DIR/partial.json` (compact JSON: it is read by the merge,
 * not by people) and says so on stderr.
 *
 * @internal
 */
export async function writePartial(io: CliIo, out: string, partial: PartialResult): Promise<void> {
  const dir = resolve(io.cwd, out);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, PARTIAL_FILE), `${JSON.stringify(partial)}\n`);
  io.stderr(
    `wrote ${join(relative(io.cwd, dir) || '.', PARTIAL_FILE)} (shard ${partial.shard.index} of ${partial.shard.count}: ${unitsOf(partial)})\n`,
  );
}

/** The shard's units for a message: `users 3…5` for a block, `restarts 1, 5, 9` otherwise. */
function unitsOf(partial: PartialResult): string {
  const noun = partial.kind === 'tune' ? 'restarts' : 'users';
  const indices = partial.units.map((u) => u.index);
  if (indices.length === 0) return `no ${noun}`;
  const first = indices[0]!;
  const last = indices[indices.length - 1]!;
  if (last - first === indices.length - 1) return `${noun} ${first}…${last}`;
  const shown = indices.slice(0, 4).join(', ');
  return `${indices.length} ${noun}: ${shown}${indices.length > 4 ? ', …' : ''}`;
}

/**
 * Reads a partial result named on the command line: a directory holding `partial.json`, or the
 * file itself. The file is bounded in size and must be JSON; its content is checked by the merge.
 *
 * @throws RebalanceError with code `argument` naming the file
 * @internal
 */
export async function readPartial(command: string, name: string, io: CliIo): Promise<unknown> {
  let path = resolve(io.cwd, name);
  let size: number;
  try {
    let info = await stat(path);
    if (info.isDirectory()) {
      path = join(path, PARTIAL_FILE);
      info = await stat(path);
    }
    size = info.size;
  } catch (error) {
    throw unreadable(command, name, error);
  }
  if (size > MAX_PARTIAL_BYTES)
    throw new RebalanceError(
      'argument',
      `${command}: ${name} holds ${size} bytes, more than the ${MAX_PARTIAL_BYTES} a partial may have (split the sweep into more shards)`,
      'partials',
    );
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw unreadable(command, name, error);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new RebalanceError(
      'argument',
      `${command}: ${name} is not a JSON partial result (${(error as Error).message})`,
      'partials',
      { cause: error },
    );
  }
}

function unreadable(command: string, name: string, error: unknown): RebalanceError {
  const code = (error as { code?: unknown }).code;
  const reason = typeof code === 'string' ? code : (error as Error).message;
  return new RebalanceError(
    'argument',
    `${command}: cannot read the partial result ${name} (${reason}; expected a directory written by --shard, or its ${PARTIAL_FILE})`,
    'partials',
    { cause: error },
  );
}
