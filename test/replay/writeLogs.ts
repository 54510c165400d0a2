import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parquetWriteFile } from 'hyparquet-writer';
import type { ReplayRecord } from '../../src/simulate/index.js';

/** Writes a log as JSON Lines. */
export function writeJsonLines(path: string, log: readonly ReplayRecord[]): void {
  writeFileSync(path, log.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

/** Writes a log as gzipped JSON Lines. */
export function writeGzip(path: string, log: readonly ReplayRecord[]): void {
  writeFileSync(path, gzipSync(log.map((r) => JSON.stringify(r)).join('\n') + '\n'));
}

/**
 * Writes a log as Parquet, one row a record, in row groups of `rowGroupSize` rows: scalar
 * columns, and the list columns as JSON text (a form the reader takes beside nested lists).
 */
export function writeParquet(
  path: string,
  log: readonly ReplayRecord[],
  rowGroupSize: number,
): void {
  const column = <T>(pick: (r: ReplayRecord) => T | null) => log.map(pick);
  parquetWriteFile({
    filename: path,
    rowGroupSize,
    columnData: [
      { name: 'type', data: column((r) => r.type), type: 'STRING' },
      { name: 'user', data: column((r) => r.user), type: 'STRING' },
      { name: 'at', data: column((r) => r.at), type: 'DOUBLE' },
      {
        name: 'candidates',
        data: column((r) => (r.type === 'request' ? JSON.stringify(r.candidates) : null)),
        type: 'STRING',
        nullable: true,
      },
      {
        name: 'served',
        data: column((r) => (r.type === 'request' ? JSON.stringify(r.served) : null)),
        type: 'STRING',
        nullable: true,
      },
      {
        name: 'id',
        data: column((r) => (r.type === 'impression' ? r.id : null)),
        type: 'STRING',
        nullable: true,
      },
      {
        name: 'dwellMs',
        data: column((r) => (r.type === 'impression' ? r.dwellMs : null)),
        type: 'DOUBLE',
        nullable: true,
      },
    ],
  });
}
