import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { RebalanceError } from '../../../index.js';
import { describeValue } from '../../../errors/describe.js';
import { REPLAY } from '../readRecord.js';
import type { LogEntry } from '../replayUsers.js';
import { readJsonLines } from './readJsonLines.js';
import { readParquet } from './readParquet.js';

/**
 * An opened log: its file name and its records.
 *
 * @internal
 */
export interface OpenedLog {
  readonly name: string;
  readonly size: number;
  readonly entries: AsyncIterable<LogEntry>;
}

/**
 * Opens a log file, telling its format from its first bytes: `PAR1` is Parquet, `1f 8b` gzip
 * (of JSON Lines), anything else JSON Lines. The name does not matter, so a gzipped file without
 * `.gz` is read all the same.
 *
 * @param path - the file
 * @param onProgress - called as the file is read, with the bytes read and its size
 * @returns the log's name, size and records
 * @throws RebalanceError with code `argument` when the file cannot be read
 * @internal
 */
export async function openLog(
  path: string,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): Promise<OpenedLog> {
  let size: number;
  const magic = Buffer.alloc(4);
  try {
    size = (await stat(path)).size;
    const handle = await open(path, 'r');
    try {
      await handle.read(magic, 0, 4, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new RebalanceError(
      'argument',
      `${REPLAY}: cannot read the log ${describeValue(path)} (${typeof code === 'string' ? code : (error as Error).message})`,
      'log',
      { cause: error },
    );
  }
  const onBytes = (bytes: number): void => onProgress?.(bytes, size);
  const parquet = magic.toString('latin1') === 'PAR1';
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  return {
    name: basename(path),
    size,
    entries: parquet ? readParquet(path, onBytes) : readJsonLines(path, gzip, onBytes),
  };
}
