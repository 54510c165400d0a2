import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RebalanceError } from '../index.js';
import { describeValue } from '../errors/describe.js';
import type { CliIo } from './io.js';

/**
 * Reads a JSON file named on the command line (relative to the working directory).
 *
 * @throws RebalanceError with code `argument`, the option as `path`, for an unreadable file or
 * one that is not JSON
 * @internal
 */
export async function readJsonFile(
  command: string,
  option: string,
  text: string,
  io: CliIo,
): Promise<unknown> {
  let source: string;
  try {
    source = await readFile(resolve(io.cwd, text), 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = typeof code === 'string' ? code : (error as Error).message;
    throw new RebalanceError(
      'argument',
      `${command}: cannot read --${option} file ${describeValue(text)} (${reason})`,
      option,
      { cause: error },
    );
  }
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    throw new RebalanceError(
      'argument',
      `${command}: --${option} file ${describeValue(text)} is not JSON (${(error as Error).message})`,
      option,
      { cause: error },
    );
  }
}
